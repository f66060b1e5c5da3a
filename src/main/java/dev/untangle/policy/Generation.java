package dev.untangle.policy;

/**
 * One generated action and what the update needs to score it again.
 *
 * @param action        the decoded command text (with constrained decoding: the admissible command itself)
 * @param promptTokens  the token ids of the prompt the action was generated from
 * @param actionTokens  the generated token ids; they end with the end-of-action token unless free decoding
 *                      reached {@code maxActionTokens} first
 * @param logProbs      log pi_old of each generated token under the sampling distribution (same length as
 *                      {@code actionTokens}): softmax(logits / temperature) (temperature 1 when greedy),
 *                      renormalised over the allowed tokens with constrained decoding
 * @param allowed       per generated token, the ascending token ids decoding allowed there ({@code null} when
 *                      every token was allowed, that is free decoding); entries may be {@code null} too
 * @param temperature   the temperature the log-probabilities were computed at
 */
public record Generation(String action, int[] promptTokens, int[] actionTokens, float[] logProbs, int[][] allowed,
                         double temperature) {

    /** Checks lengths. */
    public Generation {
        if (logProbs.length != actionTokens.length) {
            throw new IllegalArgumentException("logProbs has " + logProbs.length + " entries for "
                    + actionTokens.length + " action tokens");
        }
        if (allowed != null && allowed.length != actionTokens.length) {
            throw new IllegalArgumentException("allowed has " + allowed.length + " entries for "
                    + actionTokens.length + " action tokens");
        }
    }

    /** A generation of free decoding at temperature 1. */
    public Generation(String action, int[] promptTokens, int[] actionTokens, float[] logProbs) {
        this(action, promptTokens, actionTokens, logProbs, null, 1.0);
    }

    /**
     * The request that makes {@link Policy#score} compute these log-probabilities again (same prompt, action,
     * allowed tokens and temperature): use it for pi_theta in the update so that the ratio pi_theta / pi_old
     * compares like with like.
     */
    public ScoreRequest scoreRequest() {
        return new ScoreRequest(promptTokens, actionTokens, allowed, temperature);
    }
}
