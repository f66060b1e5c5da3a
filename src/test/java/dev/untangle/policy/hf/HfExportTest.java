package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export in Hugging Face's and PEFT's layouts, then reload: the same logits. */
class HfExportTest {

    @TempDir
    Path tmp;

    private static final int[][] SEQS = {{3, 17, 5, 9, 30, 2}, {8, 1, 4}};
    private static final int[] OFFSETS = {0, 2};

    /** A LoRA model on a tiny checkpoint in {@code base}, with random B so the adapters matter. */
    private static HfDecoder adapted(Path base, Map<String, Object> config, Tuning.Lora tuning) {
        TinyCheckpoints.write(base, config, 21, TensorDtype.BF16, 1 << 30);
        HfConfig c = HfConfig.load(base);
        Map<String, float[]> adapters = new java.util.LinkedHashMap<>();
        Random rng = new Random(8);
        for (int l = 0; l < c.layers(); l++) {
            for (String module : tuning.targetModules()) {
                String path = HfDecoder.modulePath(l, module);
                long out = HfDecoder.specs(c).stream().filter(s -> s.name().equals(path + ".weight")).findFirst()
                        .orElseThrow().shape().get(0);
                float[] b = new float[Math.toIntExact(out * tuning.rank())];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (0.3 * rng.nextGaussian());
                }
                adapters.put(path + ".lora_B.weight", b);
            }
        }
        return HfDecoder.create(c, HfDecoder.readWeights(base, c), tuning, adapters);
    }

    @Test
    void mergedExportReloadsWithTheSameLogitsAndCompanionFiles() throws IOException {
        Path base = tmp.resolve("base");
        Path out = tmp.resolve("merged");
        Tuning.Lora tuning = new Tuning.Lora(3, 6, List.of("q_proj", "v_proj", "o_proj", "down_proj"), 2);
        try (HfDecoder m = adapted(base, TinyCheckpoints.llama(), tuning)) {
            Files.writeString(base.resolve("tokenizer.json"), "{\"version\": \"1.0\"}");
            Files.writeString(base.resolve("generation_config.json"), "{\"eos_token_id\": 2}");
            float[][][] want = HfDecoderTest.logits(m, SEQS, OFFSETS, true);
            HfExport.saveMerged(m, out, TensorDtype.F32, base);
            assertEquals("{\"version\": \"1.0\"}", Files.readString(out.resolve("tokenizer.json")));
            assertTrue(Files.exists(out.resolve("generation_config.json")));
            Map<String, Object> cfg = new ObjectMapper().readValue(out.resolve(HfConfig.FILE).toFile(),
                    new TypeReference<Map<String, Object>>() { });
            assertEquals("float32", cfg.get("torch_dtype"));
            assertEquals(List.of("LlamaForCausalLM"), cfg.get("architectures"));
            assertEquals(2, cfg.get("eos_token_id"), "keys of the source config are kept");
            try (HfDecoder reloaded = HfDecoder.load(out, Tuning.full())) {
                assertEquals(m.config().ropeScaling(), reloaded.config().ropeScaling());
                float[][][] got = HfDecoderTest.logits(reloaded, SEQS, OFFSETS, true);
                assertClose(want, got, 1e-4);
                float[][][] plain = HfDecoderTest.logits(m, SEQS, OFFSETS, false);
                assertTrue(maxAbsDiff(plain, got) > 1e-2, "the merged weights carry the adapters");
            }
        }
    }

    @Test
    void bfloat16ExportOfATiedQwen2ReloadsWithinBfloat16Rounding() {
        Path base = tmp.resolve("base");
        Path out = tmp.resolve("merged");
        TinyCheckpoints.write(base, TinyCheckpoints.qwen2(), 4, TensorDtype.BF16, 1 << 30);
        try (HfDecoder m = HfDecoder.load(base, Tuning.full())) {
            HfExport.saveMerged(m, out, TensorDtype.BF16, null);
            assertFalse(SafetensorsReader.openModel(out).contains("lm_head.weight"), "a tied head is not written");
            try (HfDecoder reloaded = HfDecoder.load(out, Tuning.full())) {
                assertClose(HfDecoderTest.logits(m, SEQS, OFFSETS, true),
                        HfDecoderTest.logits(reloaded, SEQS, OFFSETS, true), 1e-5);
            }
        }
    }

    @Test
    void peftAdapterHasPeftNamesAndReloadsWithTheSameLogits() throws IOException {
        Path base = tmp.resolve("base");
        Path adapter = tmp.resolve("adapter");
        Tuning.Lora tuning = new Tuning.Lora(2, 16, List.of("q_proj", "k_proj", "gate_proj", "up_proj"), 2);
        try (HfDecoder m = adapted(base, TinyCheckpoints.qwen2(), tuning)) {
            PeftAdapter.save(m, adapter, base.toString());
            SafetensorsReader r = SafetensorsReader.openFile(adapter.resolve(PeftAdapter.WEIGHTS_FILE));
            assertTrue(r.contains("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"));
            assertEquals(new ai.djl.ndarray.types.Shape(2, 16),
                    r.entry("base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight").shape());
            assertEquals(new ai.djl.ndarray.types.Shape(24, 2),
                    r.entry("base_model.model.model.layers.1.mlp.up_proj.lora_B.weight").shape());
            assertEquals(2 * 4 * 2, r.names().size());
            Map<String, Object> cfg = new ObjectMapper().readValue(adapter.resolve(PeftAdapter.CONFIG_FILE).toFile(),
                    new TypeReference<Map<String, Object>>() { });
            assertEquals("LORA", cfg.get("peft_type"));
            assertEquals(2, cfg.get("r"));
            assertEquals(16, cfg.get("lora_alpha"));
            assertEquals(List.of("q_proj", "k_proj", "gate_proj", "up_proj"), cfg.get("target_modules"));
            try (HfDecoder reloaded = PeftAdapter.load(base, adapter)) {
                assertEquals(tuning.rank(), ((Tuning.Lora) reloaded.tuning()).rank());
                assertClose(HfDecoderTest.logits(m, SEQS, OFFSETS, true),
                        HfDecoderTest.logits(reloaded, SEQS, OFFSETS, true), 1e-6);
                Set<String> trained = new TreeSet<>();
                reloaded.parameters().forEach(p -> trained.add(p.getName()));
                assertEquals(16, trained.size());
            }
        }
    }

    @Test
    void savingAnAdapterOfAFullyTunedModelIsRefused() {
        Path base = tmp.resolve("base");
        TinyCheckpoints.write(base, TinyCheckpoints.qwen3(), 4, TensorDtype.F32, 1 << 30);
        try (HfDecoder m = HfDecoder.load(base, Tuning.full())) {
            assertThrows(IllegalStateException.class, () -> PeftAdapter.save(m, tmp.resolve("a"), "x"));
        }
    }

    static double maxAbsDiff(float[][][] a, float[][][] b) {
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

    private static void assertClose(float[][][] want, float[][][] got, double tol) {
        double d = maxAbsDiff(want, got);
        assertTrue(d <= tol, "largest logit difference " + d + " > " + tol);
    }
}
