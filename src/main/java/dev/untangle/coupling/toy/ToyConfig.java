package dev.untangle.coupling.toy;

import dev.untangle.config.ConfigException;
import dev.untangle.coupling.theory.GroupNormalization;

/**
 * Settings of one coupled-bandit run; validated on construction. Build with {@link #builder()}.
 *
 * @param rho            cosine of the features of twin states, in [0, 1]
 * @param method         GRPO or GCD
 * @param model          linear or MLP
 * @param seed           seed of all randomness (bandit, initialisation, sampling)
 * @param pairs          number of twin-state pairs
 * @param hidden         width H of the MLP representation (ignored by the linear model)
 * @param input          how the shared model encodes (state, action) (ignored by the other models)
 * @param iterations     number of updates
 * @param statesPerBatch states drawn (without replacement) for each update
 * @param groupSize      G, actions sampled per drawn state (one GRPO group)
 * @param learningRate   eta of plain gradient descent
 * @param gcdWeight      lambda, the weight of the verdict loss for GCD
 * @param initScale      standard deviation of the initial weights
 * @param normalization  how group rewards become advantages
 */
public record ToyConfig(double rho, ToyMethod method, ToyModelKind model, long seed, int pairs, int hidden,
        ToyInput input, int iterations, int statesPerBatch, int groupSize, double learningRate, double gcdWeight, double initScale,
        GroupNormalization normalization) {

    /** Checks every value, naming the option that is wrong. */
    public ToyConfig {
        if (!(rho >= 0 && rho <= 1)) {
            throw new ConfigException("toy.rho", "must be in [0, 1] (got " + rho + ")");
        }
        if (method == null || model == null || input == null || normalization == null) {
            throw new ConfigException("toy", "method, model, input and normalization must be set");
        }
        if (pairs < 1) {
            throw new ConfigException("toy.pairs", "must be >= 1 (got " + pairs + ")");
        }
        if (hidden < 1) {
            throw new ConfigException("toy.hidden", "must be >= 1 (got " + hidden + ")");
        }
        if (iterations < 1) {
            throw new ConfigException("toy.iterations", "must be >= 1 (got " + iterations + ")");
        }
        if (statesPerBatch < 1 || statesPerBatch > 2 * pairs) {
            throw new ConfigException("toy.states_per_batch", "must be in [1, " + 2 * pairs + "] (got "
                    + statesPerBatch + ")");
        }
        if (groupSize < 2) {
            throw new ConfigException("toy.group_size", "must be >= 2: a group of one has no baseline (got "
                    + groupSize + ")");
        }
        if (!(learningRate > 0)) {
            throw new ConfigException("toy.learning_rate", "must be > 0 (got " + learningRate + ")");
        }
        if (!(gcdWeight >= 0)) {
            throw new ConfigException("toy.gcd_weight", "must be >= 0 (got " + gcdWeight + ")");
        }
        if (!(initScale > 0)) {
            throw new ConfigException("toy.init_scale", "must be > 0 (got " + initScale + ")");
        }
    }

    /** A builder holding the defaults documented in docs/ALGORITHMS.md. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().rho(rho).method(method).model(model).seed(seed).pairs(pairs).hidden(hidden)
                .input(input).iterations(iterations).statesPerBatch(statesPerBatch).groupSize(groupSize)
                .learningRate(learningRate).gcdWeight(gcdWeight).initScale(initScale).normalization(normalization);
    }

    /** Builds a {@link ToyConfig}; every setter has a default. */
    public static final class Builder {
        private double rho = 0.9;
        private ToyMethod method = ToyMethod.GRPO;
        private ToyModelKind model = ToyModelKind.SHARED;
        private long seed = 0;
        private int pairs = 8;
        private int hidden = 128;
        private ToyInput input = ToyInput.PRODUCT;
        private int iterations = 300;
        private int statesPerBatch = 8;
        private int groupSize = 8;
        private double learningRate = 0.2;
        private double gcdWeight = 5.0;
        private double initScale = 1.0;
        private GroupNormalization normalization = GroupNormalization.MEAN_STD;

        private Builder() {
        }

        /** Twin feature cosine (default 0.9). */
        public Builder rho(double v) {
            rho = v;
            return this;
        }

        /** Objective (default GRPO). */
        public Builder method(ToyMethod v) {
            method = v;
            return this;
        }

        /** Model (default shared). */
        public Builder model(ToyModelKind v) {
            model = v;
            return this;
        }

        /** Seed (default 0). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Twin pairs (default 8). */
        public Builder pairs(int v) {
            pairs = v;
            return this;
        }

        /** MLP width (default 128). */
        public Builder hidden(int v) {
            hidden = v;
            return this;
        }

        /** Input encoding of the shared model (default product). */
        public Builder input(ToyInput v) {
            input = v;
            return this;
        }

        /** Updates (default 300). */
        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        /** States per update (default 8). */
        public Builder statesPerBatch(int v) {
            statesPerBatch = v;
            return this;
        }

        /** Group size G (default 8). */
        public Builder groupSize(int v) {
            groupSize = v;
            return this;
        }

        /** Learning rate (default 0.2). */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** GCD weight lambda (default 5). */
        public Builder gcdWeight(double v) {
            gcdWeight = v;
            return this;
        }

        /** Initial weight scale (default 1). */
        public Builder initScale(double v) {
            initScale = v;
            return this;
        }

        /** Advantage normalisation (default mean/std). */
        public Builder normalization(GroupNormalization v) {
            normalization = v;
            return this;
        }

        /** The validated configuration. */
        public ToyConfig build() {
            return new ToyConfig(rho, method, model, seed, pairs, hidden, input, iterations, statesPerBatch, groupSize,
                    learningRate, gcdWeight, initScale, normalization);
        }
    }
}
