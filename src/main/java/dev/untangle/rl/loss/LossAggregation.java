package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import dev.untangle.config.ConfigException;

/** How a [B, T] per-token loss becomes a scalar (ALGORITHMS.md "Aggregation"). */
public enum LossAggregation {
    /** {@code sum(m * l) / sum(m)}: every token weighs the same. */
    TOKEN_MEAN("token-mean") {
        @Override
        public NDArray reduce(NDArray perToken, NDArray mask) {
            return perToken.mul(mask).sum().div(mask.sum().maximum(1f));
        }
    },
    /** Mean over sequences of {@code sum_t(m * l) / sum_t(m)}: every step (action) weighs the same. */
    SEQ_MEAN_TOKEN_MEAN("seq-mean-token-mean") {
        @Override
        public NDArray reduce(NDArray perToken, NDArray mask) {
            NDArray perSeq = perToken.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f));
            return perSeq.mean();
        }
    };

    private final String configName;

    LossAggregation(String configName) {
        this.configName = configName;
    }

    /**
     * Reduces a per-token loss.
     *
     * @param perToken loss per token, [B, T]
     * @param mask     1 at real tokens, 0 at padding, [B, T]
     * @return a scalar
     */
    public abstract NDArray reduce(NDArray perToken, NDArray mask);

    /** The name used in configs. */
    public String configName() {
        return configName;
    }

    /**
     * Looks an aggregation up by its config name.
     *
     * @throws ConfigException on {@code algorithm.aggregation} for unknown names
     */
    public static LossAggregation of(String name) {
        for (LossAggregation a : values()) {
            if (a.configName.equals(name)) {
                return a;
            }
        }
        throw new ConfigException("algorithm.aggregation", "unknown aggregation '" + name
                + "'; known: [token-mean, seq-mean-token-mean]");
    }
}
