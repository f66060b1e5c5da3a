package dev.untangle.policy;

/**
 * A token sequence to score: the model reads {@code context} and is scored on predicting {@code target}.
 *
 * @param context token ids the target is conditioned on (a rendered prompt, or a classification prompt)
 * @param target  token ids whose log-probabilities are wanted (an action, or one verdict token)
 */
public record ScoreRequest(int[] context, int[] target) {
}
