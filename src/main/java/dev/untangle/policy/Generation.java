package dev.untangle.policy;

/**
 * One generated action and what the update needs to score it again.
 *
 * @param action        the decoded command text
 * @param promptTokens  the token ids of the prompt the action was generated from
 * @param actionTokens  the generated token ids, including the end-of-action token
 * @param logProbs      log pi_old of each generated token under the sampling distribution (same length as
 *                      {@code actionTokens}; with constrained decoding, of the renormalised distribution)
 */
public record Generation(String action, int[] promptTokens, int[] actionTokens, float[] logProbs) {
}
