package dev.untangle.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How a batch of {@link ScoreRequest}s is laid out in rows for one forward pass (docs/ALGORITHMS.md
 * "Episode pass"). Scoring target token j of a request reads the model's output at column
 * {@code context.length - 1 + j}, which under the causal mask depends only on the tokens up to that column. So
 * a request needs only its first {@code context.length + target.length - 1} tokens in a row (all of them when
 * its hidden state at the last target token is wanted), and any row that starts with exactly those tokens
 * serves it. In the {@code full} history mode step k's prompt plus action is a prefix of step k+1's prompt:
 * an episode's steps pack into the row of its last step, and the episode costs one pass of its final length
 * instead of one pass per step.
 *
 * <p>Requests are placed longest first; each joins the first existing row that holds its needed tokens, or
 * opens a row with its own full sequence. The result is deterministic for a given batch.
 *
 * @param rows  the token sequence of each row
 * @param rowOf per request (batch order), the row it is read from
 */
record ScorePacking(List<int[]> rows, int[] rowOf) {

    /**
     * Packs a batch.
     *
     * @param batch      the requests
     * @param withHidden whether each request's hidden state at its last target token is read (then its whole
     *                   sequence must be in the row)
     * @param share      whether requests may share rows at all ({@code false}: one row per request)
     */
    static ScorePacking pack(List<ScoreRequest> batch, boolean withHidden, boolean share) {
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
        List<int[]> rows = new ArrayList<>();
        int[] rowOf = new int[b];
        for (int i : order) {
            int needed = withHidden ? seqs[i].length : seqs[i].length - 1;
            int found = -1;
            if (share) {
                for (int r = 0; r < rows.size() && found < 0; r++) {
                    int[] row = rows.get(r);
                    if (row.length >= needed && Arrays.equals(row, 0, needed, seqs[i], 0, needed)) {
                        found = r;
                    }
                }
            }
            if (found < 0) {
                rows.add(seqs[i]);
                found = rows.size() - 1;
            }
            rowOf[i] = found;
        }
        return new ScorePacking(List.copyOf(rows), rowOf);
    }

    /** The row request {@code i} is read from. */
    int rowOf(int i) {
        return rowOf[i];
    }

    /** Length of the longest row. */
    int longestRow() {
        int t = 1;
        for (int[] r : rows) {
            t = Math.max(t, r.length);
        }
        return t;
    }
}
