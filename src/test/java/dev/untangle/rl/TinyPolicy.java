package dev.untangle.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Generation;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptRenderer;
import dev.untangle.policy.RolloutSession;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.policy.Tokenizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A tiny log-linear "language model" for tests: the logits of target position t are
 * {@code A[last prompt token] + C[second-last prompt token] + B[previous token]} (the previous token is the
 * last prompt token at t = 0). Three [V, V] parameters, trained through the real {@link Policy} seam.
 */
final class TinyPolicy implements Policy {

    private final TinyTokenizer tokenizer;
    private final NDManager manager;
    private final List<Parameter> params;

    TinyPolicy(List<String> words, long seed) {
        this(new TinyTokenizer(words), init(words.size() + 3, seed));
    }

    private TinyPolicy(TinyTokenizer tokenizer, float[][] weights) {
        this.tokenizer = tokenizer;
        this.manager = NDManager.newBaseManager();
        int v = tokenizer.vocabSize();
        List<Parameter> ps = new ArrayList<>();
        String[] names = {"A", "C", "B"};
        for (int i = 0; i < 3; i++) {
            NDArray a = manager.create(weights[i], new Shape(v, v));
            a.setRequiresGradient(true);
            ps.add(Parameter.builder().setName(names[i]).setType(Parameter.Type.WEIGHT).optArray(a)
                    .optRequiresGrad(true).build());
        }
        this.params = List.copyOf(ps);
    }

    private static float[][] init(int v, long seed) {
        Random r = new Random(seed);
        float[][] w = new float[3][v * v];
        for (float[] a : w) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (0.01 * r.nextGaussian());
            }
        }
        return w;
    }

    static TinyPolicy load(Path dir) {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("tiny.bin")))) {
            int nWords = in.readInt();
            List<String> words = new ArrayList<>();
            for (int i = 0; i < nWords; i++) {
                words.add(in.readUTF());
            }
            int n = in.readInt();
            float[][] w = new float[3][n];
            for (float[] a : w) {
                for (int i = 0; i < n; i++) {
                    a[i] = in.readFloat();
                }
            }
            return new TinyPolicy(new TinyTokenizer(words), w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public PromptRenderer renderer() {
        return new PromptRenderer() {
            @Override
            public int[] render(AgentContext context) {
                return tokenizer.encode(context.observation());
            }

            @Override
            public int[] classificationPrompt(int[] prompt, int[] action, String query) {
                return concat(concat(prompt, action), tokenizer.encode(query));
            }

            @Override
            public int verdictToken(boolean good) {
                return tokenizer.id(good ? "good" : "bad");
            }

            @Override
            public int[] withCorrectionHint(int[] prompt, String hint) {
                return concat(prompt, tokenizer.encode(hint));
            }
        };
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private float[] row(int param, int token) {
        return params.get(param).getArray().get(token).toFloatArray();
    }

    @Override
    public List<Generation> generate(List<AgentContext> contexts, Decoding decoding, Random rng) {
        List<int[]> prompts = new ArrayList<>();
        for (AgentContext ctx : contexts) {
            prompts.add(renderer().render(ctx));
        }
        return generateFromPrompts(prompts, contexts, decoding, rng);
    }

    @Override
    public List<Generation> generateFromPrompts(List<int[]> prompts, List<AgentContext> contexts, Decoding decoding,
                                                Random rng) {
        List<Generation> out = new ArrayList<>();
        for (int row = 0; row < prompts.size(); row++) {
            AgentContext ctx = contexts.get(row);
            int[] prompt = prompts.get(row);
            int last = prompt[prompt.length - 1];
            int second = prompt.length > 1 ? prompt[prompt.length - 2] : tokenizer.padId();
            List<int[]> allowed = new ArrayList<>();
            for (String a : ctx.admissible()) {
                allowed.add(concat(tokenizer.encode(a), new int[] {tokenizer.endOfActionId()}));
            }
            List<Integer> action = new ArrayList<>();
            List<Float> lps = new ArrayList<>();
            List<int[]> allowedSets = new ArrayList<>();
            int prev = last;
            float[] a = row(0, last);
            float[] c = row(1, second);
            while (action.size() < decoding.maxActionTokens()) {
                float[] b = row(2, prev);
                double[] logits = new double[a.length];
                for (int k = 0; k < logits.length; k++) {
                    logits[k] = a[k] + c[k] + b[k];
                    if (k == tokenizer.padId() || k == tokenizer.unkId()) {
                        logits[k] = Double.NEGATIVE_INFINITY;
                    }
                }
                if (decoding.constrained()) {
                    boolean[] ok = new boolean[logits.length];
                    for (int[] cmd : allowed) {
                        boolean prefix = cmd.length > action.size();
                        for (int i = 0; prefix && i < action.size(); i++) {
                            prefix = cmd[i] == action.get(i);
                        }
                        if (prefix) {
                            ok[cmd[action.size()]] = true;
                        }
                    }
                    List<Integer> set = new ArrayList<>();
                    for (int k = 0; k < ok.length; k++) {
                        if (!ok[k]) {
                            logits[k] = Double.NEGATIVE_INFINITY;
                        } else {
                            set.add(k);
                        }
                    }
                    allowedSets.add(set.stream().mapToInt(Integer::intValue).toArray());
                }
                double max = Double.NEGATIVE_INFINITY;
                for (double l : logits) {
                    max = Math.max(max, l / (decoding.greedy() ? 1 : decoding.temperature()));
                }
                double z = 0;
                double[] p = new double[logits.length];
                for (int k = 0; k < p.length; k++) {
                    p[k] = Math.exp(logits[k] / (decoding.greedy() ? 1 : decoding.temperature()) - max);
                    z += p[k];
                }
                int tok = 0;
                if (decoding.greedy()) {
                    for (int k = 1; k < p.length; k++) {
                        tok = p[k] > p[tok] ? k : tok;
                    }
                } else {
                    double u = rng.nextDouble() * z;
                    double acc = 0;
                    tok = -1;
                    for (int k = 0; k < p.length; k++) {
                        acc += p[k];
                        if (p[k] > 0 && u < acc) {
                            tok = k;
                            break;
                        }
                    }
                    if (tok < 0) {
                        for (int k = p.length - 1; k >= 0; k--) {
                            if (p[k] > 0) {
                                tok = k;
                                break;
                            }
                        }
                    }
                }
                action.add(tok);
                lps.add((float) Math.log(p[tok] / z));
                prev = tok;
                if (tok == tokenizer.endOfActionId()) {
                    break;
                }
            }
            int[] ids = action.stream().mapToInt(Integer::intValue).toArray();
            float[] lp = new float[lps.size()];
            for (int i = 0; i < lp.length; i++) {
                lp[i] = lps.get(i);
            }
            double temp = decoding.greedy() ? 1.0 : decoding.temperature();
            out.add(new Generation(tokenizer.decode(ids), prompt, ids, lp,
                    decoding.constrained() ? allowedSets.toArray(new int[0][]) : null, temp));
        }
        return out;
    }

    @Override
    public RolloutSession session(int slots) {
        return new RolloutSession() {
            @Override
            public List<Generation> act(int[] which, List<AgentContext> contexts, Decoding decoding, Random rng) {
                return generate(contexts, decoding, rng);
            }

            @Override
            public void reset(int slot) {
            }

            @Override
            public int slots() {
                return slots;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden) {
        int b = batch.size();
        int t = batch.stream().mapToInt(r -> r.target().length).max().orElse(1);
        int v = tokenizer.vocabSize();
        int[] lastIdx = new int[b * t];
        int[] secondIdx = new int[b * t];
        int[] prevIdx = new int[b * t];
        int[] targetIdx = new int[b * t];
        float[] mask = new float[b * t];
        float[] restrict = new float[b * t * v];
        float[] temps = new float[b * t];
        for (int i = 0; i < b; i++) {
            int[][] allowed = batch.get(i).allowed();
            for (int j = 0; j < t; j++) {
                temps[i * t + j] = (float) batch.get(i).temperatureAt(j);
                if (allowed != null && j < allowed.length && allowed[j] != null) {
                    java.util.Arrays.fill(restrict, (i * t + j) * v, (i * t + j + 1) * v, -1e9f);
                    for (int a : allowed[j]) {
                        restrict[(i * t + j) * v + a] = 0f;
                    }
                }
            }
            int[] ctx = batch.get(i).context();
            int[] tgt = batch.get(i).target();
            int last = ctx[ctx.length - 1];
            int second = ctx.length > 1 ? ctx[ctx.length - 2] : tokenizer.padId();
            for (int j = 0; j < t; j++) {
                lastIdx[i * t + j] = last;
                secondIdx[i * t + j] = second;
                prevIdx[i * t + j] = j == 0 ? last : (j - 1 < tgt.length ? tgt[j - 1] : tokenizer.padId());
                targetIdx[i * t + j] = j < tgt.length ? tgt[j] : tokenizer.padId();
                mask[i * t + j] = j < tgt.length ? 1 : 0;
            }
        }
        NDArray a = oneHot(scope, lastIdx, v).matMul(params.get(0).getArray());
        NDArray c = oneHot(scope, secondIdx, v).matMul(params.get(1).getArray());
        NDArray bb = oneHot(scope, prevIdx, v).matMul(params.get(2).getArray());
        NDArray logits = a.add(c).add(bb).div(scope.create(temps, new Shape(b * t, 1)))
                .add(scope.create(restrict, new Shape(b * t, v)));
        NDArray logp = logits.logSoftmax(1);
        NDArray m = scope.create(mask, new Shape(b, t));
        NDArray lp = logp.mul(oneHot(scope, targetIdx, v)).sum(new int[] {1}).reshape(b, t).mul(m);
        NDArray ent = logp.exp().mul(logp).sum(new int[] {1}).neg().reshape(b, t).mul(m);
        NDArray hidden = withHidden ? logits.reshape(b, t, v).get(":, 0, :") : null;
        return new Scores(lp, ent, m, hidden);
    }

    private static NDArray oneHot(NDManager scope, int[] idx, int v) {
        return scope.create(idx).oneHot(v).toType(DataType.FLOAT32, false);
    }

    @Override
    public List<Parameter> parameters() {
        return params;
    }

    @Override
    public long parameterCount() {
        return params.stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    public Policy copy() {
        float[][] w = new float[3][];
        for (int i = 0; i < 3; i++) {
            w[i] = params.get(i).getArray().toFloatArray();
        }
        return new TinyPolicy(tokenizer, w);
    }

    @Override
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("tiny.bin")))) {
                out.writeInt(tokenizer.words.size());
                for (String w : tokenizer.words) {
                    out.writeUTF(w);
                }
                float[][] w = new float[3][];
                for (int i = 0; i < 3; i++) {
                    w[i] = params.get(i).getArray().toFloatArray();
                }
                out.writeInt(w[0].length);
                for (float[] arr : w) {
                    for (float f : arr) {
                        out.writeFloat(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /** pad 0, unk 1, end-of-action 2, then the words. */
    static final class TinyTokenizer implements Tokenizer {
        final List<String> words;

        TinyTokenizer(List<String> words) {
            this.words = List.copyOf(words);
        }

        @Override
        public int vocabSize() {
            return words.size() + 3;
        }

        @Override
        public int[] encode(String text) {
            return Arrays.stream(text.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+"))
                    .filter(s -> !s.isEmpty()).mapToInt(this::id).toArray();
        }

        @Override
        public String decode(int[] ids) {
            List<String> out = new ArrayList<>();
            for (int id : ids) {
                if (id >= 3) {
                    out.add(words.get(id - 3));
                }
            }
            return String.join(" ", out);
        }

        @Override
        public int padId() {
            return 0;
        }

        @Override
        public int unkId() {
            return 1;
        }

        @Override
        public int endOfActionId() {
            return 2;
        }

        @Override
        public int id(String word) {
            int i = words.indexOf(word.replaceAll("[^a-z0-9]", ""));
            return i < 0 ? 1 : i + 3;
        }
    }

}
