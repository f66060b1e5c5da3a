package dev.untangle.policy;

import java.util.List;

/**
 * A token sequence to score: the model reads {@code context} and is scored on predicting {@code target}.
 *
 * @param context     token ids the target is conditioned on (a rendered prompt, or a classification prompt);
 *                    at least one token
 * @param target      token ids whose log-probabilities are wanted (an action, or one verdict token)
 * @param allowed     {@code null}, or per target token the token ids the distribution is renormalised over
 *                    (constrained decoding; a {@code null} entry allows every token)
 * @param temperature logits are divided by it before the softmax ({@code > 0}; 1 for the plain model)
 * @param temperedTokens the temperature applies to the first {@code temperedTokens} target tokens; the rest are
 *                    scored at temperature 1 (a verdict appended to an action sampled at another temperature)
 */
public record ScoreRequest(int[] context, int[] target, int[][] allowed, double temperature, int temperedTokens) {

    /** Checks the values. */
    public ScoreRequest {
        if (context.length == 0) {
            throw new IllegalArgumentException("a score request needs at least one context token");
        }
        if (allowed != null && allowed.length != target.length) {
            throw new IllegalArgumentException("allowed has " + allowed.length + " entries for " + target.length
                    + " target tokens");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (temperedTokens < 0 || temperedTokens > target.length) {
            throw new IllegalArgumentException("temperedTokens must be in [0, " + target.length + "], got "
                    + temperedTokens);
        }
    }

    /** A request whose temperature applies to every target token. */
    public ScoreRequest(int[] context, int[] target, int[][] allowed, double temperature) {
        this(context, target, allowed, temperature, target.length);
    }

    /** The temperature applied to target token {@code j}. */
    public double temperatureAt(int j) {
        return j < temperedTokens ? temperature : 1.0;
    }

    /** Scores {@code target} under the plain model distribution (no restriction, temperature 1). */
    public ScoreRequest(int[] context, int[] target) {
        this(context, target, null, 1.0);
    }

    /**
     * Tokens one forward pass over {@code batch} reads once requests that share a prefix share a row (the
     * episode pass, {@link Policy#score}): the sum of the row lengths.
     */
    public static long packedTokens(List<ScoreRequest> batch) {
        long n = 0;
        for (int[] row : ScorePacking.pack(batch, false, true).rows()) {
            n += row.length;
        }
        return n;
    }
}
