package dev.untangle.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Batched autoregressive decoding over rows that may each bring a cached prefix (docs/ALGORITHMS.md
 * "Generation").
 *
 * <p>Column layout of the batch: {@code [left-padded cached prefixes | left-padded new tokens | generated]}.
 * Pads are masked out as keys, and each row carries its own position ids, so every row computes exactly
 * what it would compute alone. With the cache, each step encodes one new column; without it (reference and
 * benchmark), every step re-reads all columns.
 */
final class BatchDecoder {

    /**
     * One row to decode.
     *
     * @param cachedTokens tokens whose keys/values are given (empty when none)
     * @param cachedKeys   per layer [1, H, L, D/H], or {@code null} when {@code cachedTokens} is empty
     * @param cachedValues per layer [1, H, L, D/H], or {@code null}
     * @param newTokens    tokens to encode before generating (at least one)
     * @param tree         the prefix tree of constrained decoding, or {@code null} for free decoding
     */
    record Row(int[] cachedTokens, NDArray[] cachedKeys, NDArray[] cachedValues, int[] newTokens, PrefixTree tree) {
    }

    /**
     * What one row produced.
     *
     * @param tokens    generated token ids
     * @param logProbs  log-probability of each under the sampling distribution
     * @param allowed   per token the allowed ids, or {@code null} when the row decoded freely
     * @param command   the admissible command reached by constrained decoding, or {@code null}
     * @param fedTokens every token the cache now covers (cached + new + generated but the last)
     * @param keys      per layer [1, H, fed, D/H] (fresh arrays in the decoding scope) when asked for
     * @param values    per layer, likewise
     */
    record Result(int[] tokens, float[] logProbs, int[][] allowed, String command, int[] fedTokens, NDArray[] keys,
                  NDArray[] values) {
    }

    private final LanguageModel lm;
    private final int endOfAction;
    private final int pad;
    private final GoalMatch goalMatch;
    private final GoalMatch goalCopy;
    /** The most attention scores of one head a cached prefill pass may hold: rows x new columns x keys. */
    private final long prefillScores;


    /**
     * @param goalMatch the goal-match tagger when the model reads goal-match slots, else {@code null}
     * @param goalCopy  the goal reader when the model has goal-copy scores, else {@code null}
     */
    BatchDecoder(LanguageModel lm, Tokenizer tokenizer, GoalMatch goalMatch, GoalMatch goalCopy) {
        this(lm, tokenizer, goalMatch, goalCopy, LanguageModel.SCORES_PER_PASS);
    }

    /** As above, with the prefill's bound on one head's attention scores (tests lower it to force chunks). */
    BatchDecoder(LanguageModel lm, Tokenizer tokenizer, GoalMatch goalMatch, GoalMatch goalCopy, long prefillScores) {
        if (prefillScores < 1) {
            throw new IllegalArgumentException("prefillScores must be >= 1, got " + prefillScores);
        }
        this.prefillScores = prefillScores;
        this.lm = lm;
        this.goalMatch = goalMatch;
        this.goalCopy = goalCopy;
        this.endOfAction = tokenizer.endOfActionId();
        this.pad = tokenizer.padId();
    }

    /**
     * Decodes one action per row. Call with gradient recording off.
     *
     * @param scope     manager for every array of this call (the caller closes it)
     * @param rows      rows to decode
     * @param decoding  decoding options
     * @param rng       the only source of randomness (Gumbel noise, drawn row by row, allowed token by token)
     * @param useCache  keep keys/values (otherwise recompute every column at every step)
     * @param keepCache return each row's compacted keys/values (needs {@code useCache})
     */
    List<Result> decode(NDManager scope, List<Row> rows, Decoding decoding, Random rng, boolean useCache,
                        boolean keepCache) {
        int b = rows.size();
        int maxSteps = decoding.maxActionTokens();
        int[] cachedLen = new int[b];
        int[][] fresh = new int[b][];
        int lmax = 0;
        int cmax = 0;
        for (int r = 0; r < b; r++) {
            Row row = rows.get(r);
            if (useCache) {
                cachedLen[r] = row.cachedTokens().length;
                fresh[r] = row.newTokens();
            } else {
                fresh[r] = concat(row.cachedTokens(), row.newTokens());
            }
            if (fresh[r].length == 0) {
                throw new IllegalArgumentException("row " + r + " has no new token to read");
            }
            int total = cachedLen[r] + fresh[r].length;
            if (total + maxSteps - 1 > lm.contextLength()) {
                throw new IllegalArgumentException("prompt of " + total + " tokens plus up to " + maxSteps
                        + " action tokens exceeds the model's context length " + lm.contextLength()
                        + " (lower prompt.max_tokens or the action length)");
            }
            lmax = Math.max(lmax, cachedLen[r]);
            cmax = Math.max(cmax, fresh[r].length);
        }
        int capacity = lmax + cmax + maxSteps;
        Columns cols = new Columns(b, capacity, pad);
        for (int r = 0; r < b; r++) {
            int[] cached = rows.get(r).cachedTokens();
            for (int i = 0; i < cachedLen[r]; i++) {
                cols.set(r, lmax - cachedLen[r] + i, cached[i], i);
            }
            for (int i = 0; i < fresh[r].length; i++) {
                cols.set(r, lmax + cmax - fresh[r].length + i, fresh[r][i], cachedLen[r] + i);
            }
        }

        KvCache cache = useCache ? lm.newCache(scope, b, capacity) : null;
        if (useCache && lmax > 0) {
            fillCache(rows, cachedLen, lmax, cache);
        }

        int v = lm.vocabSize();
        PrefixTree.Node[] node = new PrefixTree.Node[b];
        boolean[] done = new boolean[b];
        String[] command = new String[b];
        List<List<Integer>> tokens = new ArrayList<>();
        List<List<Float>> logProbs = new ArrayList<>();
        List<List<int[]>> allowed = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            PrefixTree tree = rows.get(r).tree();
            node[r] = tree == null ? null : tree.root();
            tokens.add(new ArrayList<>());
            logProbs.add(new ArrayList<>());
            allowed.add(new ArrayList<>());
        }
        double invT = decoding.greedy() ? 1.0 : 1.0 / decoding.temperature();

        int col = lmax + cmax;
        float[] logits = prefill(scope, cols, useCache ? lmax : 0, col, cache);
        for (int s = 0; ; s++) {
            for (int r = 0; r < b; r++) {
                if (done[r]) {
                    continue;
                }
                int[] allow = node[r] == null ? null : node[r].allowed();
                double[] lp = new double[1];
                int tok = pick(logits, r * v, v, allow, decoding.greedy(), invT, rng, lp);
                tokens.get(r).add(tok);
                logProbs.get(r).add((float) lp[0]);
                allowed.get(r).add(allow);
                if (tok == endOfAction) {
                    done[r] = true;
                    if (node[r] != null) {
                        command[r] = node[r].command();
                    }
                } else if (node[r] != null) {
                    node[r] = node[r].child(tok);
                }
            }
            if (s + 1 == maxSteps || allDone(done)) {
                break;
            }
            for (int r = 0; r < b; r++) {
                if (!done[r]) {
                    cols.set(r, col, tokens.get(r).get(s), cachedLen[r] + fresh[r].length + s);
                }
            }
            logits = run(scope, cols, useCache ? col : 0, col + 1, cache);
            col++;
        }

        List<Result> out = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            int[] gen = tokens.get(r).stream().mapToInt(Integer::intValue).toArray();
            float[] lps = new float[gen.length];
            for (int i = 0; i < lps.length; i++) {
                lps[i] = logProbs.get(r).get(i);
            }
            int[][] allow = rows.get(r).tree() == null ? null : allowed.get(r).toArray(new int[0][]);
            int[] fed = concat(concat(rows.get(r).cachedTokens(), rows.get(r).newTokens()),
                    Arrays.copyOf(gen, gen.length - 1));
            NDArray[] keys = null;
            NDArray[] values = null;
            if (keepCache) {
                keys = new NDArray[cache.keys.length];
                values = new NDArray[cache.keys.length];
                int start2 = lmax + cmax - fresh[r].length;
                int end2 = lmax + cmax + gen.length - 1;
                for (int l = 0; l < keys.length; l++) {
                    keys[l] = compact(cache.keys[l], r, lmax - cachedLen[r], lmax, start2, end2);
                    values[l] = compact(cache.values[l], r, lmax - cachedLen[r], lmax, start2, end2);
                }
            }
            out.add(new Result(gen, lps, allow, command[r], fed, keys, values));
        }
        if (cache != null) {
            cache.close();
        }
        return out;
    }

    /** Copies each row's cached keys/values into the buffers, right-aligned at column {@code lmax}. */
    private static void fillCache(List<Row> rows, int[] cachedLen, int lmax, KvCache cache) {
        for (int r = 0; r < rows.size(); r++) {
            if (cachedLen[r] == 0) {
                continue;
            }
            NDIndex at = new NDIndex("{}:{}, :, {}:{}", r, r + 1, lmax - cachedLen[r], lmax);
            for (int l = 0; l < cache.keys.length; l++) {
                cache.keys[l].set(at, rows.get(r).cachedKeys()[l]);
                cache.values[l].set(at, rows.get(r).cachedValues()[l]);
            }
        }
        cache.setLength(lmax);
    }

    /** A fresh contiguous copy of row r's columns [a1, a2) and [b1, b2), shape [1, H, n, D/H]. */
    private static NDArray compact(NDArray all, int r, int a1, int a2, int b1, int b2) {
        NDList parts = new NDList();
        if (a2 > a1) {
            parts.add(all.get(new NDIndex("{}:{}, :, {}:{}", r, r + 1, a1, a2)));
        }
        if (b2 > b1) {
            parts.add(all.get(new NDIndex("{}:{}, :, {}:{}", r, r + 1, b1, b2)));
        }
        NDArray out = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(parts, 2);
        parts.close();
        return out;
    }

    /**
     * Reads the new columns [from, to) of every row before the first action token. With a cache the columns go in
     * chunks small enough that one head's attention scores, rows x chunk x keys, stay within {@link #prefillScores}
     * values: a full-history row that starts over (its first turn, or a history cut at the length bound) brings
     * thousands of columns, and one pass over all of them would hold rows x heads x columns x keys scores at once
     * (32 rows of 3,000 columns against 6,000 keys: 9 GB per intermediate). Each chunk extends the cache as a decoding
     * step does, so the result is the one-pass result up to the order of floating-point sums; a prefill within the
     * bound (every household and Hugging Face prompt so far) is one pass, exactly as before.
     */
    private float[] prefill(NDManager scope, Columns cols, int from, int to, KvCache cache) {
        if (cache == null) {
            return run(scope, cols, from, to, null);
        }
        long perColumn = (long) cols.rows * to;
        int chunk = (int) Math.max(1, Math.min(to - from, prefillScores / perColumn));
        int start = from;
        while (to - start > chunk) {
            run(scope, cols, start, start + chunk, cache);
            start += chunk;
        }
        return run(scope, cols, start, to, cache);
    }

    /**
     * Runs the model over columns [from, to) (with the cache holding [0, from)) and returns the logits of
     * the last column, [B * V] row-major. All temporary arrays live in a per-step sub-manager.
     */
    private float[] run(NDManager scope, Columns cols, int from, int to, KvCache cache) {
        int b = cols.rows;
        int t = to - from;
        try (NDManager step = scope.newSubManager()) {
            long[] ids = new long[b * t];
            long[] pos = new long[b * t];
            long[] match = goalMatch == null ? null : new long[b * t];
            int[][] goals = goalCopy == null ? null : new int[b][];
            float[] keyMask = new float[b * to];
            for (int r = 0; r < b; r++) {
                GoalMatch reader = goalMatch != null ? goalMatch : goalCopy;     // both read the same goal
                int[] goal = reader == null ? null : reader.goal(cols.ids[r], to);
                if (goals != null) {
                    goals[r] = goal;
                }
                for (int c = from; c < to; c++) {
                    ids[r * t + c - from] = cols.ids[r][c];
                    pos[r * t + c - from] = cols.pos[r][c];
                    if (match != null && cols.valid[r][c]) {
                        match[r * t + c - from] = GoalMatch.slot(goal, cols.ids[r][c]);
                    }
                }
                for (int c = 0; c < to; c++) {
                    keyMask[r * to + c] = cols.valid[r][c] ? 0f : TransformerLm.MASKED;
                }
            }
            NDArray idArr = step.create(ids, new Shape(b, t));
            NDArray posArr = step.create(pos, new Shape(b, t));
            NDArray mask = step.create(keyMask, new Shape(b, 1, 1, to));
            if (t > 1) {
                mask = mask.add(TransformerLm.causalMask(step, t, from));
            }
            NDArray z = lm.forward(idArr, posArr, match == null ? null : step.create(match, new Shape(b, t)), mask,
                    cache, false);
            NDArray last = z.get(new NDIndex(":, -1, :"));
            return lm.logits(last, goals).toFloatArray();
        }
    }

    /**
     * Picks a token: greedy argmax, or Gumbel-max sampling (argmax of z_i + g_i, g_i = -log(-log u_i),
     * u_i ~ U(0, 1) from {@code rng}) which draws exactly from softmax(z) over the allowed tokens, where
     * z_i = logit_i * invT. Writes log softmax(z)_token over the allowed tokens to {@code lpOut[0]}.
     */
    static int pick(float[] logits, int off, int v, int[] allowed, boolean greedy, double invT, Random rng,
                    double[] lpOut) {
        int n = allowed == null ? v : allowed.length;
        double max = Double.NEGATIVE_INFINITY;
        double bestKey = Double.NEGATIVE_INFINITY;
        int best = -1;
        for (int j = 0; j < n; j++) {
            int i = allowed == null ? j : allowed[j];
            double z = logits[off + i] * invT;
            max = Math.max(max, z);
            double key = z;
            if (!greedy) {
                double u = rng.nextDouble();
                while (u == 0.0) {
                    u = rng.nextDouble();
                }
                key = z - Math.log(-Math.log(u));
            }
            if (key > bestKey) {
                bestKey = key;
                best = i;
            }
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            int i = allowed == null ? j : allowed[j];
            sum += Math.exp(logits[off + i] * invT - max);
        }
        if (best < 0) {                 // nothing could be picked (an index -1 would fail far away, naming nothing)
            throw new IllegalStateException(n == 0 ? "constrained decoding allows no token here"
                    : "the policy's scores are not numbers (NaN): its weights are damaged or its training diverged");
        }
        lpOut[0] = logits[off + best] * invT - (max + Math.log(sum));
        return best;
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Token id, position id and validity of every column of every row. */
    private static final class Columns {
        final int rows;
        final int[][] ids;
        final int[][] pos;
        final boolean[][] valid;

        Columns(int rows, int capacity, int pad) {
            this.rows = rows;
            this.ids = new int[rows][capacity];
            this.pos = new int[rows][capacity];
            this.valid = new boolean[rows][capacity];
            for (int[] row : ids) {
                Arrays.fill(row, pad);
            }
        }

        void set(int row, int col, int id, int position) {
            ids[row][col] = id;
            pos[row][col] = position;
            valid[row][col] = true;
        }
    }
}
