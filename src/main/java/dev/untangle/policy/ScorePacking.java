package dev.untangle.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How a batch of {@link ScoreRequest}s is laid out in rows for one forward pass (docs/ALGORITHMS.md "Episode
 * pass", "Branches"). Scoring target token j of a request reads the model's output at the column of its token
 * {@code context.length - 1 + j}, which depends only on the tokens the attention mask lets it see. So a request
 * needs only its first {@code context.length + target.length - 1} tokens (all of them when its hidden state at the
 * last target token is wanted), and there are two ways to find them in a row that already exists:
 * <ul>
 *   <li><b>inside the trunk</b>: the row starts with exactly those tokens. In the {@code full} history mode step
 *       k's prompt plus action is a prefix of step k+1's prompt, so an episode's steps pack into the row of its
 *       last step and the episode costs one pass of its final length instead of one pass per step;</li>
 *   <li><b>as a branch</b>: the row's trunk starts with the request's first {@code shared} tokens and the rest
 *       (the branch) is appended after the row's end. A branch column at offset k carries position
 *       {@code shared + k} and attends to trunk columns {@code [0, shared)} and to the branch's own columns up to
 *       itself, nothing else, so it computes exactly what the request alone would. Two commands scored in the same
 *       state (a verdict example of another action, docs/ALGORITHMS.md "GCD cold start") then cost the few tokens
 *       of the command instead of the whole prompt.</li>
 * </ul>
 *
 * <p>Requests are placed longest first. Each is read from the first row whose trunk holds its needed tokens;
 * else it becomes a branch of the row sharing the longest prefix with it, when that prefix is at least half its
 * needed tokens and the branch costs fewer padded cells (rows x longest row) than a row of its own; else it opens
 * a row with its whole sequence as trunk. Branches are only made when {@code branches} is on. The result is
 * deterministic for a given batch.
 *
 * @param rows     the token sequence of each row: trunk, then its branches one after another
 * @param trunks   the trunk length of each row
 * @param branches per row, its branches in column order (empty when it has none)
 * @param rowOf    per request (batch order), the row it is read from
 * @param shared   per request, how many of its leading tokens are the row's trunk columns 0..shared-1
 * @param branchAt per request, the column of its branch's first token, or -1 when it lies inside the trunk
 */
record ScorePacking(List<int[]> rows, int[] trunks, List<List<Branch>> branches, int[] rowOf, int[] shared,
                    int[] branchAt) {

    /**
     * One branch of a row.
     *
     * @param start  column of its first token
     * @param length its number of tokens
     * @param shared trunk columns {@code [0, shared)} it attends to; its first token has position {@code shared}
     */
    record Branch(int start, int length, int shared) {
    }

    /**
     * Packs a batch, without branches.
     *
     * @param batch      the requests
     * @param withHidden whether each request's hidden state at its last target token is read (then its whole
     *                   sequence must be in the row)
     * @param share      whether requests may share rows at all ({@code false}: one row per request)
     */
    static ScorePacking pack(List<ScoreRequest> batch, boolean withHidden, boolean share) {
        return pack(batch, withHidden, share, false);
    }

    /**
     * Packs a batch.
     *
     * @param batch      the requests
     * @param withHidden whether each request's hidden state at its last target token is read (then its whole
     *                   sequence must be in the row)
     * @param share      whether requests may share rows at all ({@code false}: one row per request)
     * @param branch     whether a request may be appended to a row as a branch (needs a per-row attention mask,
     *                   {@link #mask})
     */
    static ScorePacking pack(List<ScoreRequest> batch, boolean withHidden, boolean share, boolean branch) {
        int b = batch.size();
        int[][] seqs = new int[b][];
        for (int i = 0; i < b; i++) {
            ScoreRequest q = batch.get(i);
            seqs[i] = BatchDecoder.concat(q.context(), q.target());
        }
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -seqs[i].length).thenComparingInt(i -> i));
        List<int[]> trunkSeqs = new ArrayList<>();
        List<IntList> rowTokens = new ArrayList<>();
        List<List<Branch>> rowBranches = new ArrayList<>();
        int[] rowOf = new int[b];
        int[] sharedOf = new int[b];
        int[] branchAt = new int[b];
        int longest = 0;
        for (int i : order) {
            int[] seq = seqs[i];
            int needed = withHidden ? seq.length : seq.length - 1;
            // one pass over the trunks: the first that holds all needed tokens, else the longest shared prefix
            int found = -1;
            int bestRow = -1;
            int bestShared = 0;
            for (int r = 0; share && r < trunkSeqs.size(); r++) {
                int p = commonPrefix(trunkSeqs.get(r), seq, needed);
                if (p == needed) {
                    found = r;
                    break;
                }
                if (p > bestShared) {
                    bestShared = p;
                    bestRow = r;
                }
            }
            if (found >= 0) {
                rowOf[i] = found;
                sharedOf[i] = needed;
                branchAt[i] = -1;
                continue;
            }
            int rows = trunkSeqs.size();
            if (branch && bestRow >= 0 && 2 * bestShared >= needed) {
                // padded cells rows x longest: a branch widens at most the batch, a new row adds one row
                int grown = rowTokens.get(bestRow).size() + needed - bestShared;
                long branchCost = (long) rows * Math.max(0, grown - longest);
                long rowCost = (long) (rows + 1) * Math.max(longest, seq.length) - (long) rows * longest;
                if (branchCost < rowCost) {
                    IntList tokens = rowTokens.get(bestRow);
                    int start = tokens.size();
                    for (int k = bestShared; k < needed; k++) {
                        tokens.add(seq[k]);
                    }
                    rowBranches.get(bestRow).add(new Branch(start, needed - bestShared, bestShared));
                    rowOf[i] = bestRow;
                    sharedOf[i] = bestShared;
                    branchAt[i] = start;
                    longest = Math.max(longest, tokens.size());
                    continue;
                }
            }
            trunkSeqs.add(seq);
            IntList tokens = new IntList();
            for (int token : seq) {
                tokens.add(token);
            }
            rowTokens.add(tokens);
            rowBranches.add(new ArrayList<>());
            rowOf[i] = trunkSeqs.size() - 1;
            sharedOf[i] = seq.length;
            branchAt[i] = -1;
            longest = Math.max(longest, seq.length);
        }
        List<int[]> rows = new ArrayList<>(rowTokens.size());
        int[] trunks = new int[trunkSeqs.size()];
        List<List<Branch>> branches = new ArrayList<>(rowBranches.size());
        for (int r = 0; r < rowTokens.size(); r++) {
            rows.add(rowTokens.get(r).toArray());
            trunks[r] = trunkSeqs.get(r).length;
            branches.add(List.copyOf(rowBranches.get(r)));
        }
        return new ScorePacking(List.copyOf(rows), trunks, List.copyOf(branches), rowOf, sharedOf, branchAt);
    }

    private static int commonPrefix(int[] a, int[] b, int limit) {
        int n = Math.min(limit, Math.min(a.length, b.length));
        int k = 0;
        while (k < n && a[k] == b[k]) {
            k++;
        }
        return k;
    }

    /** The row request {@code i} is read from. */
    int rowOf(int i) {
        return rowOf[i];
    }

    /** The column of request {@code i}'s token {@code k} in its row. */
    int column(int i, int k) {
        return k < shared[i] ? k : branchAt[i] + (k - shared[i]);
    }

    /** Whether any row has a branch (the batch then needs {@link #mask} instead of the plain causal mask). */
    boolean hasBranches() {
        for (List<Branch> row : branches) {
            if (!row.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Length of the longest row. */
    int longestRow() {
        int t = 1;
        for (int[] r : rows) {
            t = Math.max(t, r.length);
        }
        return t;
    }

    /**
     * Position ids of the rows right-padded to {@code t} columns, [rows * t]: trunk column c has position c, a
     * branch's k-th column {@code shared + k}; padding repeats 0.
     */
    long[] positions(int t) {
        long[] pos = new long[rows.size() * t];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < trunks[r]; c++) {
                pos[r * t + c] = c;
            }
            for (Branch br : branches.get(r)) {
                for (int k = 0; k < br.length(); k++) {
                    pos[r * t + br.start() + k] = br.shared() + k;
                }
            }
        }
        return pos;
    }

    /**
     * The additive attention mask of the rows right-padded to {@code t} columns, [rows * t * t] (query-major):
     * a trunk column reads the trunk columns up to itself, a branch column the trunk columns it shares and its
     * branch's columns up to itself, a padding column only column 0 (finite, never read).
     */
    float[] mask(int t) {
        float[] m = new float[rows.size() * t * t];
        Arrays.fill(m, TransformerLm.MASKED);
        for (int r = 0; r < rows.size(); r++) {
            int base = r * t * t;
            for (int c = 0; c < trunks[r]; c++) {
                Arrays.fill(m, base + c * t, base + c * t + c + 1, 0f);
            }
            for (Branch br : branches.get(r)) {
                for (int k = 0; k < br.length(); k++) {
                    int c = br.start() + k;
                    Arrays.fill(m, base + c * t, base + c * t + br.shared(), 0f);
                    Arrays.fill(m, base + c * t + br.start(), base + c * t + c + 1, 0f);
                }
            }
            for (int c = rows.get(r).length; c < t; c++) {
                m[base + c * t] = 0f;
            }
        }
        return m;
    }
}
