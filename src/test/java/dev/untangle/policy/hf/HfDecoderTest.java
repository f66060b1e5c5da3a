package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, the forward pass against an independent reference, the key/value cache and LoRA of {@link HfDecoder}. */
class HfDecoderTest {

    @TempDir
    Path tmp;

    private static final int[][] SEQS = {{3, 17, 5, 9, 30, 2, 11, 36}, {8, 1, 4, 22, 6}};
    private static final int[] OFFSETS = {0, 7};

    /** Logits [row][position][vocab] of right-padded sequences, positions offset[row] + i. */
    static float[][][] logits(HfDecoder m, int[][] seqs, int[] offsets, boolean adapters) {
        int b = seqs.length;
        int t = 0;
        for (int[] s : seqs) {
            t = Math.max(t, s.length);
        }
        long[] ids = new long[b * t];
        long[] pos = new long[b * t];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < t; i++) {
                ids[r * t + i] = i < seqs[r].length ? seqs[r][i] : 0;
                pos[r * t + i] = offsets[r] + i;
            }
        }
        int v = m.config().vocabSize();
        try (NDManager scope = NDManager.newBaseManager()) {
            NDArray z = m.forward(scope.create(ids, new Shape(b, t)), scope.create(pos, new Shape(b, t)),
                    HfDecoder.causalMask(scope, t, 0), null, adapters);
            float[] flat = m.logits(z).toFloatArray();
            float[][][] out = new float[b][][];
            for (int r = 0; r < b; r++) {
                out[r] = new float[seqs[r].length][v];
                for (int i = 0; i < seqs[r].length; i++) {
                    System.arraycopy(flat, (r * t + i) * v, out[r][i], 0, v);
                }
            }
            return out;
        }
    }

    private static double maxAbsDiff(float[][][] a, float[][][] b) {
        double max = 0;
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < a[r].length; i++) {
                for (int j = 0; j < a[r][i].length; j++) {
                    max = Math.max(max, Math.abs(a[r][i][j] - b[r][i][j]));
                }
            }
        }
        return max;
    }

    @Test
    void loadsALlamaShapedCheckpointWithItsConfigAndWeights() {
        Map<String, float[]> w = TinyCheckpoints.write(tmp, TinyCheckpoints.llama(), 1, TensorDtype.BF16, 1 << 30);
        try (HfDecoder m = HfDecoder.load(tmp, Tuning.full())) {
            HfConfig c = m.config();
            assertEquals(HfConfig.Architecture.LLAMA, c.architecture());
            assertEquals(2, c.kvHeads());
            assertEquals(RopeScaling.Type.LLAMA3, c.ropeScaling().type());
            assertFalse(c.tieWordEmbeddings());
            assertEquals(HfDecoder.specs(c).size(), m.parameters().size());
            for (Parameter p : m.parameters()) {
                assertTrue(p.requiresGradient(), p.getName() + " trains");
                assertArrayEqualsExactly(w.get(p.getName()), p.getArray().toFloatArray(), p.getName());
            }
            assertTrue(m.weights().containsKey("lm_head.weight"));
        }
    }

    private static void assertArrayEqualsExactly(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0f, what + "[" + i + "]");
        }
    }

    @Test
    void llamaLogitsMatchTheReference() {
        checkAgainstReference(TinyCheckpoints.llama(), TensorDtype.BF16, 1 << 30);
    }

    @Test
    void qwen2LogitsMatchTheReferenceFromShards() {
        checkAgainstReference(TinyCheckpoints.qwen2(), TensorDtype.F16, 4096);
        assertTrue(Files.exists(tmp.resolve(SafetensorsReader.INDEX_FILE)), "the checkpoint was sharded");
    }

    @Test
    void qwen3LogitsMatchTheReference() {
        checkAgainstReference(TinyCheckpoints.qwen3(), TensorDtype.F32, 1 << 30);
    }

    private void checkAgainstReference(Map<String, Object> config, TensorDtype dtype, long shard) {
        Map<String, float[]> w = TinyCheckpoints.write(tmp, config, 7, dtype, shard);
        HfReference ref = new HfReference(w, config);
        try (HfDecoder m = HfDecoder.load(tmp, Tuning.full())) {
            float[][][] got = logits(m, SEQS, OFFSETS, true);
            double maxLogit = 0;
            for (int r = 0; r < SEQS.length; r++) {
                int[] pos = new int[SEQS[r].length];
                for (int i = 0; i < pos.length; i++) {
                    pos[i] = OFFSETS[r] + i;
                }
                double[][] want = ref.logits(SEQS[r], pos);
                for (int i = 0; i < want.length; i++) {
                    for (int j = 0; j < want[i].length; j++) {
                        maxLogit = Math.max(maxLogit, Math.abs(want[i][j]));
                        assertEquals(want[i][j], got[r][i][j], 1e-4, "row " + r + " position " + i + " token " + j);
                    }
                }
            }
            assertTrue(maxLogit > 0.5, "logits are not trivially small: " + maxLogit);
        }
    }

    @Test
    void keyValueCachedForwardEqualsTheUncachedOne() {
        TinyCheckpoints.write(tmp, TinyCheckpoints.llama(), 3, TensorDtype.F32, 1 << 30);
        int[][] seqs = {{3, 17, 5, 9, 30, 2, 11, 36}, {8, 1, 4, 22, 6, 7, 13, 2}};
        int[] offsets = {0, 4};
        try (HfDecoder m = HfDecoder.load(tmp, Tuning.lora(2, 4, List.of("q_proj", "v_proj", "down_proj"), 5))) {
            float[][][] full = logits(m, seqs, offsets, true);
            int v = m.config().vocabSize();
            int prompt = 5;
            try (NDManager scope = NDManager.newBaseManager(); dev.untangle.policy.KvCache cache = m.newCache(scope, 2, 8)) {
                int done = 0;
                while (done < 8) {
                    int n = done == 0 ? prompt : 1;
                    long[] ids = new long[2 * n];
                    long[] pos = new long[2 * n];
                    for (int r = 0; r < 2; r++) {
                        for (int i = 0; i < n; i++) {
                            ids[r * n + i] = seqs[r][done + i];
                            pos[r * n + i] = offsets[r] + done + i;
                        }
                    }
                    NDArray z = m.forward(scope.create(ids, new Shape(2, n)), scope.create(pos, new Shape(2, n)),
                            HfDecoder.causalMask(scope, n, done), cache, true);
                    float[] got = m.logits(z).toFloatArray();
                    for (int r = 0; r < 2; r++) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < v; j++) {
                                assertEquals(full[r][done + i][j], got[(r * n + i) * v + j], 1e-5,
                                        "row " + r + " position " + (done + i));
                            }
                        }
                    }
                    done += n;
                    assertEquals(done, cache.length());
                }
                assertThrows(IllegalStateException.class, () -> m.forward(scope.create(new long[] {1, 1},
                        new Shape(2, 1)), scope.create(new long[] {8, 8}, new Shape(2, 1)),
                        HfDecoder.causalMask(scope, 1, 8), cache, true), "a full cache refuses more columns");
            }
        }
    }

    /**
     * Issue 27 item 3: a forward pass leaves only its result in the caller's scope; every intermediate (the layers'
     * activations, the rotary tables, the views of the cache) is closed when its layer ends, with and without a cache
     * and with gradient recording on.
     */
    @Test
    void aForwardPassLeavesOnlyItsResultInTheCallersScope() {
        TinyCheckpoints.write(tmp, TinyCheckpoints.qwen3(), 4, TensorDtype.F32, 1 << 30);
        try (HfDecoder m = HfDecoder.load(tmp, Tuning.lora(2, 4, List.of("q_proj", "up_proj"), 1));
             NDManager scope = NDManager.newBaseManager();
             dev.untangle.policy.KvCache cache = m.newCache(scope, 1, 8)) {
            int weights = m.manager().getManagedArrays().size();
            for (int step = 0; step < 3; step++) {
                int n = step == 0 ? 4 : 1;
                int done = cache.length();
                long[] ids = new long[n];
                long[] pos = new long[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = 3 + done + i;
                    pos[i] = done + i;
                }
                NDArray idArr = scope.create(ids, new Shape(1, n));
                NDArray posArr = scope.create(pos, new Shape(1, n));
                NDArray mask = HfDecoder.causalMask(scope, n, done);
                int before = scope.getManagedArrays().size();
                NDArray z = m.forward(idArr, posArr, mask, cache, true);
                assertEquals(before + 1, scope.getManagedArrays().size(), "step " + step + ": only z is added");
                assertEquals(scope, z.getManager());
                assertEquals(scope, idArr.getManager(), "the ids go back to the caller");
                assertEquals(scope, posArr.getManager(), "the positions go back to the caller");
            }
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                int before = scope.getManagedArrays().size();
                NDArray ll = logLikelihood(m, scope, SEQS[0]);
                // ids, positions, mask, z, logits, log-softmax, the targets, the gathered values and their sum
                assertEquals(before + 9, scope.getManagedArrays().size());
                gc.backward(ll);
            }
            assertEquals(weights, m.manager().getManagedArrays().size(), "nothing attaches to the weights' manager");
            double norm = 0;
            for (Parameter p : m.parameters()) {
                for (float g : p.getArray().getGradient().toFloatArray()) {
                    norm += g * g;
                }
            }
            assertTrue(norm > 0, "gradients flow through the closed intermediates");
        }
    }

    @Test
    void aLeftPaddedRowUnderAPaddingMaskEqualsTheRowAlone() {
        TinyCheckpoints.write(tmp, TinyCheckpoints.qwen3(), 8, TensorDtype.F32, 1 << 30);
        int[] shortRow = SEQS[1];
        int t = SEQS[0].length;
        int pad = t - shortRow.length;
        try (HfDecoder m = HfDecoder.load(tmp, Tuning.full()); NDManager scope = NDManager.newBaseManager()) {
            float[][][] alone = logits(m, new int[][] {shortRow}, new int[] {0}, true);
            long[] ids = new long[2 * t];
            long[] pos = new long[2 * t];
            float[] mask = new float[2 * t * t];
            for (int i = 0; i < t; i++) {
                ids[i] = SEQS[0][i];
                pos[i] = i;
                ids[t + i] = i < pad ? 0 : shortRow[i - pad];
                pos[t + i] = Math.max(0, i - pad);
                for (int j = 0; j < t; j++) {
                    boolean future = j > i;
                    mask[i * t + j] = future ? HfDecoder.MASKED : 0f;
                    mask[(t + i) * t + j] = future || j < pad ? HfDecoder.MASKED : 0f;
                }
            }
            NDArray z = m.forward(scope.create(ids, new Shape(2, t)), scope.create(pos, new Shape(2, t)),
                    scope.create(mask, new Shape(2, 1, t, t)), null, true);
            float[] got = m.logits(z).toFloatArray();
            int v = m.config().vocabSize();
            for (int i = 0; i < shortRow.length; i++) {
                for (int j = 0; j < v; j++) {
                    assertEquals(alone[0][i][j], got[((t + pad + i) * v) + j], 1e-5, "position " + i);
                }
            }
        }
    }

    @Test
    void loraAtInitialisationLeavesTheLogitsUnchanged() {
        Map<String, float[]> w = TinyCheckpoints.write(tmp, TinyCheckpoints.qwen2(), 11, TensorDtype.F32, 1 << 30);
        List<String> all = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
        try (HfDecoder base = HfDecoder.load(tmp, Tuning.full());
             HfDecoder lora = HfDecoder.load(tmp, Tuning.lora(4, 8, all, 3))) {
            float[][][] want = logits(base, SEQS, OFFSETS, true);
            assertEquals(0, maxAbsDiff(want, logits(lora, SEQS, OFFSETS, true)), 1e-6);
            assertEquals(0, maxAbsDiff(want, logits(lora, SEQS, OFFSETS, false)), 1e-6);
            assertEquals(2 * 7 * 2, lora.parameters().size(), "A and B of 7 modules in 2 layers");
            for (Parameter p : lora.parameters()) {
                assertTrue(p.getName().endsWith(".lora_A.weight") || p.getName().endsWith(".lora_B.weight"));
                if (p.getName().endsWith("lora_B.weight")) {
                    for (float x : p.getArray().toFloatArray()) {
                        assertEquals(0f, x, 0f, "B starts at zero");
                    }
                }
            }
            for (Parameter p : lora.weights().values()) {
                assertFalse(p.getArray().hasGradient(), p.getName() + " is frozen");
            }
            assertNotNull(w.get("model.layers.0.self_attn.q_proj.bias"), "qwen2 has q/k/v biases");
        }
    }

    /** A LoRA model whose B factors are random, so the adapters change the logits. */
    private HfDecoder trainedLora(Path dir, Tuning.Lora tuning, long seed) {
        HfConfig config = HfConfig.load(dir);
        Map<String, float[]> w = HfDecoder.readWeights(dir, config);
        Map<String, float[]> adapters = new LinkedHashMap<>();
        Random rng = new Random(seed);
        for (int l = 0; l < config.layers(); l++) {
            for (String module : tuning.targetModules()) {
                String path = HfDecoder.modulePath(l, module);
                long out = HfDecoder.specs(config).stream().filter(s -> s.name().equals(path + ".weight"))
                        .findFirst().orElseThrow().shape().get(0);
                float[] b = new float[Math.toIntExact(out * tuning.rank())];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (0.3 * rng.nextGaussian());
                }
                adapters.put(path + ".lora_B.weight", b);
            }
        }
        return HfDecoder.create(config, w, tuning, adapters);
    }

    @Test
    void adaptersOffGiveThePretrainedModel() {
        TinyCheckpoints.write(tmp, TinyCheckpoints.llama(), 5, TensorDtype.F32, 1 << 30);
        Tuning.Lora tuning = new Tuning.Lora(2, 4, List.of("q_proj", "up_proj"), 1);
        try (HfDecoder base = HfDecoder.load(tmp, Tuning.full()); HfDecoder lora = trainedLora(tmp, tuning, 2)) {
            float[][][] want = logits(base, SEQS, OFFSETS, true);
            assertTrue(maxAbsDiff(want, logits(lora, SEQS, OFFSETS, true)) > 1e-2, "the adapters matter");
            assertEquals(0, maxAbsDiff(want, logits(lora, SEQS, OFFSETS, false)), 1e-6);
        }
    }

    /** Sum over the positions of log p(next token) of one sequence. */
    private static double logLikelihood(HfDecoder m, int[] seq) {
        try (NDManager scope = NDManager.newBaseManager()) {
            return logLikelihood(m, scope, seq).getFloat();
        }
    }

    private static NDArray logLikelihood(HfDecoder m, NDManager scope, int[] seq) {
        int t = seq.length - 1;
        long[] ids = new long[t];
        long[] pos = new long[t];
        long[] next = new long[t];
        for (int i = 0; i < t; i++) {
            ids[i] = seq[i];
            pos[i] = i;
            next[i] = seq[i + 1];
        }
        NDArray z = m.forward(scope.create(ids, new Shape(1, t)), scope.create(pos, new Shape(1, t)),
                HfDecoder.causalMask(scope, t, 0), null, true);
        NDArray logp = m.logits(z).logSoftmax(-1);
        return logp.gather(scope.create(next, new Shape(1, t, 1)), 2).sum();
    }

    @Test
    void loraGradientsMatchFiniteDifferences() {
        TinyCheckpoints.write(tmp, TinyCheckpoints.qwen3(), 9, TensorDtype.F32, 1 << 30);
        Tuning.Lora tuning = new Tuning.Lora(2, 3, List.of("k_proj", "o_proj", "gate_proj"), 4);
        int[] seq = SEQS[0];
        Map<String, float[]> grads = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        HfConfig config;
        Map<String, float[]> weights;
        try (HfDecoder m = trainedLora(tmp, tuning, 6)) {
            config = m.config();
            weights = HfDecoder.readWeights(tmp, config);
            try (NDManager scope = NDManager.newBaseManager();
                 GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(logLikelihood(m, scope, seq));
                for (Parameter p : m.parameters()) {
                    grads.put(p.getName(), p.getArray().getGradient().toFloatArray());
                    values.put(p.getName(), p.getArray().toFloatArray());
                }
            }
            for (Parameter p : m.weights().values()) {
                assertFalse(p.getArray().hasGradient(), "frozen " + p.getName() + " gets no gradient");
            }
        }
        Random rng = new Random(1);
        double eps = 1e-2;
        double largest = 0;
        List<String> names = new ArrayList<>(values.keySet());
        for (int check = 0; check < 12; check++) {
            String name = names.get(check % names.size());
            float[] v = values.get(name);
            int i = rng.nextInt(v.length);
            double[] loss = new double[2];
            for (int sign = 0; sign < 2; sign++) {
                Map<String, float[]> moved = new LinkedHashMap<>(values);
                float[] copy = v.clone();
                copy[i] += (float) (sign == 0 ? eps : -eps);
                moved.put(name, copy);
                try (HfDecoder shifted = HfDecoder.create(config, weights, tuning, moved)) {
                    loss[sign] = logLikelihood(shifted, seq);
                }
            }
            double fd = (loss[0] - loss[1]) / (2 * eps);
            double g = grads.get(name)[i];
            largest = Math.max(largest, Math.abs(g));
            assertEquals(fd, g, 2e-3 + 2e-2 * Math.abs(fd), name + "[" + i + "]");
        }
        assertTrue(largest > 1e-2, "the checked gradients are not all zero: " + largest);
    }

    @Test
    void fullFineTuningTrainsEveryPretrainedTensor() {
        TinyCheckpoints.write(tmp, TinyCheckpoints.qwen2(), 2, TensorDtype.F32, 1 << 30);
        try (HfDecoder m = HfDecoder.load(tmp, Tuning.full());
             NDManager scope = NDManager.newBaseManager();
             GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            gc.backward(logLikelihood(m, scope, SEQS[1]));
            for (Parameter p : m.parameters()) {
                float[] g = p.getArray().getGradient().toFloatArray();
                double norm = 0;
                for (float x : g) {
                    norm += x * x;
                }
                assertTrue(norm > 0, p.getName() + " has a gradient");
            }
            assertNull(m.weights().get("lm_head.weight"), "tied: the head is the embedding");
        }
    }
}
