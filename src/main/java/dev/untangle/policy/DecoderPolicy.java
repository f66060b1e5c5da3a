package dev.untangle.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A {@link Policy} over any causal {@link LanguageModel}: batched key/value-cached generation with constrained
 * decoding ({@link BatchDecoder}, a {@link PrefixTree} over the admissible commands' token ids), the rollout
 * sessions of both history modes, and scoring with shared-prefix packing ({@link ScorePacking}). Subclasses bring
 * the network, the tokenizer and the prompt format: the built-in {@link TransformerPolicy} (word-level tokens) and
 * the pretrained Hugging Face policy in {@code dev.untangle.policy.hf} (subword tokens, chat template, LoRA).
 *
 * <p>Not thread-safe; generation switches PyTorch gradient recording off on the calling thread for its duration.
 */
public abstract class DecoderPolicy implements Policy {

    private final LanguageModel lm;
    private final Tokenizer tokenizer;
    private final PromptRenderer renderer;
    private final HistoryMode history;
    private final BatchDecoder decoder;
    /** The goal-match tagger when the model has the goal-match embedding, else {@code null}. */
    private final GoalMatch goalMatch;
    /** The goal reader when the model has goal-copy scores, else {@code null}. */
    private final GoalMatch goalCopy;

    /**
     * @param lm        the network (its vocabulary covers the tokenizer's ids)
     * @param tokenizer the tokenizer of prompts and actions
     * @param renderer  the prompt format
     * @param history   the history mode (chooses the rollout session)
     * @param goalMatch the goal-match tagger when the model reads goal-match slots, else {@code null}
     * @param goalCopy  the goal reader when the model has goal-copy scores, else {@code null}
     */
    protected DecoderPolicy(LanguageModel lm, Tokenizer tokenizer, PromptRenderer renderer, HistoryMode history,
                            GoalMatch goalMatch, GoalMatch goalCopy) {
        this.lm = lm;
        this.tokenizer = tokenizer;
        this.renderer = renderer;
        this.history = history;
        this.goalMatch = goalMatch;
        this.goalCopy = goalCopy;
        this.decoder = new BatchDecoder(lm, tokenizer, goalMatch, goalCopy);
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public PromptRenderer renderer() {
        return renderer;
    }

    /** The network. */
    LanguageModel lm() {
        return lm;
    }

    BatchDecoder decoder() {
        return decoder;
    }

    /** Whether training-only randomness (dropout) applies to the current scoring call; none by default. */
    protected boolean dropoutActive() {
        return false;
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

    /**
     * The prefix tree for constrained decoding, or {@code null} (free decoding or no usable command). A command is
     * a path of its token ids, so with a subword tokenizer the tree branches inside words.
     */
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

    @Override
    public RolloutSession session(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a rollout session needs >= 1 slot, got " + slots);
        }
        return history == HistoryMode.FULL ? new FullHistorySession(this, slots) : new WindowSession(this, slots);
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
     * When {@link #dropoutActive()} holds, nothing is packed (each request gets its own dropout draw).
     */
    @Override
    public Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden) {
        int b = batch.size();
        if (b == 0) {
            throw new IllegalArgumentException("score needs at least one request");
        }
        int v = lm.vocabSize();
        int tt = 0;
        for (ScoreRequest r : batch) {
            int len = r.context().length + r.target().length;
            if (len > lm.contextLength()) {
                throw new IllegalArgumentException("sequence of " + len + " tokens exceeds the model's context "
                        + "length " + lm.contextLength());
            }
            tt = Math.max(tt, r.target().length);
            checkIds(r.context(), v);
            checkIds(r.target(), v);
        }
        tt = Math.max(tt, 1);
        boolean train = dropoutActive();
        ScorePacking packing = ScorePacking.pack(batch, withHidden, !train, !train);
        int rows = packing.rows().size();
        int t = packing.longestRow();
        int d = lm.width();
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
        NDArray logits = lm.logits(zt, goals(b, r -> packing.rows().get(packing.rowOf(r))));
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
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.getArray().getShape().size();
        }
        return n;
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
                NDArray idx = scope.create(last, new Shape(b, 1, 1)).broadcast(new Shape(b, 1, lm.width()));
                return lm.logits(z.gather(idx, 1).squeeze(1), goals(b, prompts::get)).toFloatArray();
            }
        });
    }

    /** Each row's goal tokens for the goal-copy scores, or {@code null} when the model has none. */
    private int[][] goals(int rows, java.util.function.IntFunction<int[]> sequence) {
        if (goalCopy == null) {
            return null;
        }
        int[][] out = new int[rows][];
        for (int r = 0; r < rows; r++) {
            int[] seq = sequence.apply(r);
            out[r] = goalCopy.goal(seq, seq.length);
        }
        return out;
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
}
