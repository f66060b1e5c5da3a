package dev.untangle.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The built-in policy: a word-level tokenizer, the {@link AgentPromptRenderer} and a decoder-only
 * transformer trained from scratch on DJL/PyTorch (docs/ALGORITHMS.md "Policy model", "Generation").
 *
 * <p>Create one with {@link #create} (fresh, seeded weights) or {@link #load} (a saved checkpoint directory
 * holding {@code model.json}, {@code tokenizer.json} and {@code weights.bin}). Not thread-safe; generation
 * switches PyTorch gradient recording off on the calling thread for its duration.
 */
public final class TransformerPolicy implements Policy {

    /** File of the model and prompt configuration inside a checkpoint directory. */
    public static final String MODEL_FILE = "model.json";
    /** File of the vocabulary inside a checkpoint directory. */
    public static final String TOKENIZER_FILE = "tokenizer.json";
    /** File of the weights inside a checkpoint directory. */
    public static final String WEIGHTS_FILE = "weights.bin";

    private static final String FORMAT = "untangle-transformer-policy";
    private static final int VERSION = 1;

    private final TransformerLm lm;
    private final WordTokenizer tokenizer;
    private final PromptConfig promptConfig;
    private final AgentPromptRenderer renderer;
    private final BatchDecoder decoder;
    /** The goal-match tagger when the model has the goal-match embedding, else {@code null}. */
    private final GoalMatch goalMatch;

    private TransformerPolicy(TransformerLm lm, WordTokenizer tokenizer, PromptConfig promptConfig) {
        if (lm.config().vocabSize() != tokenizer.vocabSize()) {
            lm.close();
            throw new IllegalArgumentException("model vocabulary size " + lm.config().vocabSize()
                    + " differs from the tokenizer's " + tokenizer.vocabSize());
        }
        this.lm = lm;
        this.tokenizer = tokenizer;
        this.promptConfig = promptConfig;
        this.renderer = new AgentPromptRenderer(tokenizer, promptConfig, lm.config().contextLength());
        this.goalMatch = lm.config().goalMatch() ? GoalMatch.of(tokenizer) : null;
        this.decoder = new BatchDecoder(lm, tokenizer, goalMatch);
    }

    /**
     * A policy with freshly initialised weights.
     *
     * @param model     the model shape; its vocabulary size must equal the tokenizer's (use
     *                  {@code TransformerConfig.builder().setVocabSize(tokenizer.vocabSize())})
     * @param prompt    the prompt format
     * @param tokenizer the frozen vocabulary
     * @param seed      weights are drawn from {@code new Random(seed)}: the same seed gives the same weights
     */
    public static TransformerPolicy create(TransformerConfig model, PromptConfig prompt, WordTokenizer tokenizer,
                                           long seed) {
        return new TransformerPolicy(TransformerLm.create(model, seed), tokenizer, prompt);
    }

    /**
     * Loads a policy saved with {@link #save}.
     *
     * @throws IllegalArgumentException naming the file when the directory is not a policy checkpoint
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static TransformerPolicy load(Path dir) {
        Path modelFile = dir.resolve(MODEL_FILE);
        Map<String, Object> doc;
        try {
            doc = new ObjectMapper().readValue(Files.readString(modelFile, StandardCharsets.UTF_8),
                    new TypeReference<Map<String, Object>>() { });
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + " is not a policy checkpoint (no " + MODEL_FILE + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelFile + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(doc.get("format")) || !Integer.valueOf(VERSION).equals(doc.get("version"))) {
            throw new IllegalArgumentException(modelFile + ": not a " + FORMAT + " version " + VERSION + " file");
        }
        TransformerConfig model;
        PromptConfig prompt;
        try {
            model = TransformerConfig.fromMap(section(doc, "model", modelFile));
            prompt = PromptConfig.fromMap(section(doc, "prompt", modelFile));
        } catch (dev.untangle.config.ConfigException e) {
            throw new IllegalArgumentException(modelFile + ": " + e.getMessage(), e);
        }
        WordTokenizer tok = WordTokenizer.load(dir.resolve(TOKENIZER_FILE));
        return new TransformerPolicy(TransformerLm.loadWeights(model, dir.resolve(WEIGHTS_FILE)), tok, prompt);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> doc, String key, Path file) {
        if (!(doc.get(key) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": missing section '" + key + "'");
        }
        return (Map<String, Object>) m;
    }

    /** The model shape. */
    public TransformerConfig modelConfig() {
        return lm.config();
    }

    /** The prompt format. */
    public PromptConfig promptConfig() {
        return promptConfig;
    }

    @Override
    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public AgentPromptRenderer renderer() {
        return renderer;
    }

    @Override
    public List<Generation> generate(List<AgentContext> contexts, Decoding decoding, Random rng) {
        return generate(contexts, decoding, rng, true);
    }

    /**
     * Generates one action per context; {@code useCache = false} re-reads the whole sequence at every step
     * (the reference that the key/value cache must match, and the benchmark's baseline).
     */
    public List<Generation> generate(List<AgentContext> contexts, Decoding decoding, Random rng, boolean useCache) {
        if (contexts.isEmpty()) {
            return List.of();
        }
        List<int[]> prompts = new ArrayList<>();
        for (AgentContext c : contexts) {
            prompts.add(renderer.render(c));
        }
        return generateFromPrompts(prompts, contexts, decoding, rng, useCache);
    }

    @Override
    public List<Generation> generateFromPrompts(List<int[]> prompts, List<AgentContext> contexts, Decoding decoding,
                                                Random rng) {
        return generateFromPrompts(prompts, contexts, decoding, rng, true);
    }

    private List<Generation> generateFromPrompts(List<int[]> prompts, List<AgentContext> contexts,
                                                 Decoding decoding, Random rng, boolean useCache) {
        if (prompts.size() != contexts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + contexts.size() + " contexts");
        }
        List<BatchDecoder.Row> rows = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            rows.add(new BatchDecoder.Row(new int[0], null, null, prompts.get(i), tree(contexts.get(i), decoding)));
        }
        return withoutGradients(() -> {
            try (NDManager scope = lm.manager().newSubManager()) {
                scope.setName("generate");
                List<BatchDecoder.Result> results = decoder.decode(scope, rows, decoding, rng, useCache, false);
                List<Generation> out = new ArrayList<>();
                for (int i = 0; i < results.size(); i++) {
                    out.add(toGeneration(prompts.get(i), results.get(i), decoding));
                }
                return out;
            }
        });
    }

    /** The prefix tree for constrained decoding, or {@code null} (free decoding or no usable command). */
    PrefixTree tree(AgentContext context, Decoding decoding) {
        if (!decoding.constrained() || context.admissible().isEmpty()) {
            return null;
        }
        List<String> fitting = new ArrayList<>();
        for (String c : context.admissible()) {
            if (tokenizer.encode(c).length + 1 <= decoding.maxActionTokens()) {
                fitting.add(c);
            }
        }
        return fitting.isEmpty() ? null : new PrefixTree(tokenizer, fitting);
    }

    Generation toGeneration(int[] prompt, BatchDecoder.Result r, Decoding decoding) {
        String action = r.command() != null ? r.command() : tokenizer.decode(r.tokens());
        double temperature = decoding.greedy() ? 1.0 : decoding.temperature();
        return new Generation(action, prompt, r.tokens(), r.logProbs(), r.allowed(), temperature);
    }

    /**
     * Runs {@code work} with PyTorch gradient recording off on this thread, then restores the mode. Use it
     * around {@link #score} of a frozen reference policy: threads other than the one that loaded the engine
     * start with recording on. Needs the PyTorch engine loaded (any policy instance loads it).
     */
    public static <T> T withoutGradients(java.util.function.Supplier<T> work) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    BatchDecoder decoder() {
        return decoder;
    }

    TransformerLm lm() {
        return lm;
    }

    @Override
    public RolloutSession session(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a rollout session needs >= 1 slot, got " + slots);
        }
        return promptConfig.history() == HistoryMode.FULL ? new FullHistorySession(this, slots)
                : new WindowSession(this, slots);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Requests are packed into rows by shared prefix ({@link ScorePacking}): a request whose scored tokens
     * lie inside another request's sequence (in the {@code full} history mode, every earlier step of the same
     * episode) is read from that request's row, so a whole episode costs one forward pass of its final length
     * (the episode pass, docs/ALGORITHMS.md "Episode pass"); under the causal mask a column never sees later
     * ones, so the result equals scoring each request alone. A request that shares at least half its tokens with
     * a row but then departs from it (another command in the same state) is appended to that row as a branch
     * that attends only to the shared columns and itself (docs/ALGORITHMS.md "Branches"), when that is cheaper
     * than a row of its own. Rows are right-padded into one batch [R, T]; the
     * log-probability of target token t is read from the column before it, after dividing the logits by the
     * request's temperature (for its first {@code temperedTokens} target tokens; 1 after them) and
     * renormalising over its allowed tokens (see {@link Generation#scoreRequest()}). Gradients are recorded
     * when PyTorch grad mode is on for the calling thread: inside a {@code GradientCollector}, and also on
     * threads that never switched it off (wrap calls that need no gradients in {@link #withoutGradients}).
     * With dropout configured, dropout is applied when grad mode is on, and nothing is packed (each request
     * gets its own dropout draw).
     */
    @Override
    public Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden) {
        TransformerConfig cfg = lm.config();
        int b = batch.size();
        if (b == 0) {
            throw new IllegalArgumentException("score needs at least one request");
        }
        int tt = 0;
        for (ScoreRequest r : batch) {
            int len = r.context().length + r.target().length;
            if (len > cfg.contextLength()) {
                throw new IllegalArgumentException("sequence of " + len + " tokens exceeds the model's context "
                        + "length " + cfg.contextLength());
            }
            tt = Math.max(tt, r.target().length);
            checkIds(r.context(), cfg.vocabSize());
            checkIds(r.target(), cfg.vocabSize());
        }
        tt = Math.max(tt, 1);
        boolean train = cfg.dropout() > 0 && JniUtils.isGradMode();
        ScorePacking packing = ScorePacking.pack(batch, withHidden, !train, !train);
        int rows = packing.rows().size();
        int t = packing.longestRow();
        int d = cfg.width();
        int v = cfg.vocabSize();
        long[] ids = new long[rows * t];
        long[] gatherRows = new long[b * tt];
        long[] targets = new long[b * tt];
        float[] mask = new float[b * tt];
        long[] lastRows = new long[b];
        float[] temps = new float[b * tt];
        boolean anyTemp = false;
        boolean anyAllowed = false;
        java.util.Arrays.fill(ids, tokenizer.padId());
        for (int r = 0; r < rows; r++) {
            int[] seq = packing.rows().get(r);
            for (int i = 0; i < seq.length; i++) {
                ids[r * t + i] = seq[i];
            }
        }
        for (int r = 0; r < b; r++) {
            ScoreRequest q = batch.get(r);
            long rowStart = (long) packing.rowOf(r) * t;
            for (int i = 0; i < tt; i++) {
                temps[r * tt + i] = (float) q.temperatureAt(i);
                anyTemp |= temps[r * tt + i] != 1f;
                // padding positions read the row's first column: finite, masked out below
                gatherRows[r * tt + i] = rowStart;
            }
            for (int i = 0; i < q.target().length; i++) {
                gatherRows[r * tt + i] = rowStart + packing.column(r, q.context().length - 1 + i);
                targets[r * tt + i] = q.target()[i];
                mask[r * tt + i] = 1f;
            }
            lastRows[r] = rowStart + packing.column(r, q.context().length + q.target().length - 1);
            anyAllowed |= q.allowed() != null;
        }
        NDArray idArr = scope.create(ids, new Shape(rows, t));
        NDArray posArr = scope.create(packing.positions(t), new Shape(rows, t));
        NDArray attend = packing.hasBranches() ? scope.create(packing.mask(t), new Shape(rows, 1, t, t))
                : TransformerLm.causalMask(scope, t, 0);
        NDArray z = lm.forward(idArr, posArr, matchSlots(scope, packing.rows(), t), attend, null, train)
                .reshape(rows * (long) t, d);
        NDArray zt = z.get(new NDIndex("{}", scope.create(gatherRows))).reshape(b, tt, d);
        NDArray logits = lm.logits(zt);
        if (anyTemp) {
            logits = logits.div(scope.create(temps, new Shape(b, tt, 1)));
        }
        if (anyAllowed) {
            logits = logits.add(scope.create(allowedMask(batch, tt, v), new Shape(b, tt, v)));
        }
        NDArray logp = logits.logSoftmax(-1);
        NDArray maskArr = scope.create(mask, new Shape(b, tt));
        NDArray tokenLogp = logp.gather(scope.create(targets, new Shape(b, tt, 1)), 2).squeeze(2).mul(maskArr);
        NDArray entropy = logp.exp().mul(logp).sum(new int[] {2}).neg().mul(maskArr);
        NDArray hidden = null;
        if (withHidden) {
            hidden = z.get(new NDIndex("{}", scope.create(lastRows)));
        }
        return new Scores(tokenLogp, entropy, maskArr, hidden);
    }

    private static void checkIds(int[] ids, int vocabSize) {
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary 0.." + (vocabSize - 1));
            }
        }
    }

    private static float[] allowedMask(List<ScoreRequest> batch, int tt, int v) {
        float[] m = new float[batch.size() * tt * v];
        for (int r = 0; r < batch.size(); r++) {
            int[][] allowed = batch.get(r).allowed();
            if (allowed == null) {
                continue;
            }
            for (int i = 0; i < allowed.length; i++) {
                if (allowed[i] == null) {
                    continue;
                }
                int off = (r * tt + i) * v;
                java.util.Arrays.fill(m, off, off + v, TransformerLm.MASKED);
                for (int a : allowed[i]) {
                    m[off + a] = 0f;
                }
            }
        }
        return m;
    }

    @Override
    public List<Parameter> parameters() {
        return lm.parameters();
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (Parameter p : lm.parameters()) {
            n += p.getArray().getShape().size();
        }
        return n;
    }

    @Override
    public TransformerPolicy copy() {
        return new TransformerPolicy(lm.copy(), tokenizer, promptConfig);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The files are written into a temporary sibling directory that is then renamed onto {@code dir}
     * (an existing {@code dir} is first renamed aside and deleted afterwards), so a reader never sees a
     * half-written checkpoint.
     */
    @Override
    public void save(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", FORMAT);
            doc.put("version", VERSION);
            doc.put("model", lm.config().toMap());
            doc.put("prompt", promptConfig.toMap());
            doc.put("parameters", parameterCount());
            Files.writeString(tmp.resolve(MODEL_FILE),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc),
                    StandardCharsets.UTF_8);
            tokenizer.save(tmp.resolve(TOKENIZER_FILE));
            lm.saveWeights(tmp.resolve(WEIGHTS_FILE));
            if (Files.exists(target)) {
                Path old = parent.resolve("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save policy to " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    /** Logits of the next token after each prompt, [prompts.size() * V] (test and diagnostics helper). */
    float[] nextTokenLogits(List<int[]> prompts) {
        return withoutGradients(() -> {
            try (NDManager scope = lm.manager().newSubManager()) {
                int t = prompts.stream().mapToInt(p -> p.length).max().orElse(1);
                long[] ids = new long[prompts.size() * t];
                long[] pos = new long[prompts.size() * t];
                long[] last = new long[prompts.size()];
                for (int r = 0; r < prompts.size(); r++) {
                    for (int i = 0; i < prompts.get(r).length; i++) {
                        ids[r * t + i] = prompts.get(r)[i];
                        pos[r * t + i] = i;
                    }
                    last[r] = prompts.get(r).length - 1;
                }
                int b = prompts.size();
                NDArray z = lm.forward(scope.create(ids, new Shape(b, t)), scope.create(pos, new Shape(b, t)),
                        matchSlots(scope, prompts, t), TransformerLm.causalMask(scope, t, 0), null, false);
                NDArray idx = scope.create(last, new Shape(b, 1, 1)).broadcast(new Shape(b, 1, lm.config().width()));
                return lm.logits(z.gather(idx, 1).squeeze(1)).toFloatArray();
            }
        });
    }

    /** Goal-match slots [rows, t] of sequences right-padded to t (0 on padding), or {@code null} without them. */
    private NDArray matchSlots(NDManager scope, List<int[]> seqs, int t) {
        if (goalMatch == null) {
            return null;
        }
        long[] m = new long[seqs.size() * t];
        for (int r = 0; r < seqs.size(); r++) {
            long[] row = goalMatch.slots(seqs.get(r));
            System.arraycopy(row, 0, m, r * t, row.length);
        }
        return scope.create(m, new Shape(seqs.size(), t));
    }

    @Override
    public void close() {
        lm.close();
    }

    @Override
    public String toString() {
        return "TransformerPolicy[" + lm.config() + ", " + promptConfig + ", " + parameterCount() + " parameters]";
    }
}
