package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import dev.untangle.config.AlgorithmConfig.Aggregation;

/** How a [B, T] per-token loss becomes a scalar (ALGORITHMS.md "Aggregation"). */
public enum LossAggregation {
    /** {@code sum(m * l) / sum(m)}: every token weighs the same. */
    TOKEN_MEAN {
        @Override
        public NDArray reduce(NDArray perToken, NDArray mask) {
            return perToken.mul(mask).sum().div(mask.sum().maximum(1f));
        }
    },
    /** Mean over sequences of {@code sum_t(m * l) / sum_t(m)}: every step (action) weighs the same. */
    SEQ_MEAN_TOKEN_MEAN {
        @Override
        public NDArray reduce(NDArray perToken, NDArray mask) {
            NDArray perSeq = perToken.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f));
            return perSeq.mean();
        }
    };

    /**
     * Reduces a per-token loss.
     *
     * @param perToken loss per token, [B, T]
     * @param mask     1 at real tokens, 0 at padding, [B, T]
     * @return a scalar
     */
    public abstract NDArray reduce(NDArray perToken, NDArray mask);

    /** The reduction {@code algorithm.aggregation} chose. */
    public static LossAggregation of(Aggregation choice) {
        return switch (choice) {
            case TOKEN_MEAN -> TOKEN_MEAN;
            case SEQ_MEAN_TOKEN_MEAN -> SEQ_MEAN_TOKEN_MEAN;
        };
    }
}
