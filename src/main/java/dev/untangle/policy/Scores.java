package dev.untangle.policy;

import ai.djl.ndarray.NDArray;

/**
 * Scores of a batch of {@link ScoreRequest}s; all arrays live in the manager passed to
 * {@link Policy#score}, and carry gradients when computed under a gradient collector.
 *
 * @param logProbs log pi(target_t | context, target_&lt;t), shape [B, T] (T = longest target), 0 at padding
 * @param entropy  entropy of the next-token distribution at each target position, shape [B, T]
 * @param mask     1 where a target token exists, 0 at padding, shape [B, T]
 * @param hidden   last-layer hidden state at the last target token, shape [B, D], or {@code null} when
 *                 not requested
 */
public record Scores(NDArray logProbs, NDArray entropy, NDArray mask, NDArray hidden) {
}
