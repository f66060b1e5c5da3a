package dev.untangle.config;

import java.util.Objects;

/**
 * The RL algorithm: advantage estimator, loss terms and the update schedule (docs/ALGORITHMS.md).
 *
 * @param iterations     RL iterations (rollout, advantage, update); 0 trains SFT only
 * @param advantage      registered advantage estimator name ({@code grpo}, {@code gigpo})
 * @param normalization  group normalisation: {@code mean} (A = R - mean) or {@code mean_std}
 *                       (A = (R - mean) / (std + eps))
 * @param std            the group standard deviation of {@code mean_std}: {@code population} (divisor n, ours and
 *                       the default) or {@code sample} (divisor n - 1, as verl, verl-agent and TRL compute it)
 * @param invalidPenalty reward subtracted per invalid action
 * @param gamma          discount of the GiGPO step returns
 * @param stepWeight     w in A = A_E + w A_S (GiGPO)
 * @param clipLow        PPO lower clip range: ratio is clipped below at 1 - clipLow
 * @param clipHigh       PPO upper clip range: ratio is clipped above at 1 + clipHigh
 * @param klCoef         coefficient of the KL penalty to the frozen reference (0: no reference kept)
 * @param klEstimator    {@code k1} or {@code k3} (low_var_kl)
 * @param entropyCoef    coefficient of the entropy bonus (0: off)
 * @param clipRatioC     dual-clip constant c: for A &lt; 0 the token loss is at most {@code -A c}
 *                       (verl's {@code clip_ratio_c}); 0 turns the dual clip off
 * @param aggregation    {@code token-mean} or {@code seq-mean-token-mean}
 * @param epochs         optimisation passes over each iteration's samples
 * @param minibatchSize  step samples per optimiser step
 * @param gcd            the GCD auxiliary loss and self-correction ({@code algorithm.gcd.*})
 */
public record AlgorithmConfig(int iterations, String advantage, Normalization normalization, StdDivisor std,
                              double invalidPenalty,
                              double gamma, double stepWeight, double clipLow, double clipHigh, double clipRatioC,
                              double klCoef,
                              KlEstimator klEstimator, double entropyCoef, Aggregation aggregation, int epochs,
                              int minibatchSize, GcdConfig gcd) {

    /** Group normalisation ({@code algorithm.normalization}). */
    public enum Normalization implements ConfigChoice {
        /** A = R - mean. */
        MEAN,
        /** A = (R - mean) / (std + eps). */
        MEAN_STD
    }

    /** The standard deviation of the {@code mean_std} normalisation ({@code algorithm.std}). */
    public enum StdDivisor implements ConfigChoice {
        /** Divisor n. */
        POPULATION,
        /** Divisor n - 1. */
        SAMPLE
    }

    /**
     * The per-token KL estimator ({@code algorithm.kl_estimator}; docs/ALGORITHMS.md "KL penalty to the frozen
     * reference").
     */
    public enum KlEstimator implements ConfigChoice {
        /** k1 = log pi_theta - log pi_ref. */
        K1,
        /** k3 = exp(log pi_ref - log pi_theta) - (log pi_ref - log pi_theta) - 1 (low_var_kl). */
        K3
    }

    /** How a per-token loss becomes a scalar ({@code algorithm.aggregation}). */
    public enum Aggregation implements ConfigChoice {
        /** sum(m l) / sum(m): every token weighs the same. */
        TOKEN_MEAN("token-mean"),
        /** The mean of per-sequence token means: every step weighs the same. */
        SEQ_MEAN_TOKEN_MEAN("seq-mean-token-mean");

        private final String configName;

        Aggregation(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }
    }

    /** Checks the values. */
    public AlgorithmConfig {
        if (iterations < 0) {
            throw new ConfigException("algorithm.iterations", "must be >= 0, got " + iterations);
        }
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(std, "std");
        Objects.requireNonNull(klEstimator, "klEstimator");
        Objects.requireNonNull(aggregation, "aggregation");
        if (invalidPenalty < 0) {
            throw new ConfigException("algorithm.invalid_penalty", "must be >= 0, got " + invalidPenalty);
        }
        if (gamma < 0 || gamma > 1) {
            throw new ConfigException("algorithm.gamma", "must be in [0, 1], got " + gamma);
        }
        if (stepWeight < 0) {
            throw new ConfigException("algorithm.step_weight", "must be >= 0, got " + stepWeight);
        }
        if (clipLow <= 0 || clipLow >= 1) {
            throw new ConfigException("algorithm.clip_low", "must be in (0, 1), got " + clipLow);
        }
        if (clipHigh <= 0) {
            throw new ConfigException("algorithm.clip_high", "must be > 0, got " + clipHigh);
        }
        if (clipRatioC != 0 && !(clipRatioC > 1)) {
            throw new ConfigException("algorithm.clip_ratio_c", "must be > 1 (or 0 to turn the dual clip off), got "
                    + clipRatioC);
        }
        if (klCoef < 0) {
            throw new ConfigException("algorithm.kl_coef", "must be >= 0, got " + klCoef);
        }
        if (entropyCoef < 0) {
            throw new ConfigException("algorithm.entropy_coef", "must be >= 0, got " + entropyCoef);
        }
        if (epochs < 1) {
            throw new ConfigException("algorithm.epochs", "must be >= 1, got " + epochs);
        }
        if (minibatchSize < 1) {
            throw new ConfigException("algorithm.minibatch_size", "must be >= 1, got " + minibatchSize);
        }
        gcd.checkEstimator(advantage);
    }

    /** Reads the {@code algorithm} section. */
    public static AlgorithmConfig read(ConfigTree t) {
        return new AlgorithmConfig(
                t.getInt("algorithm.iterations", 50),                                     // RL iterations
                t.getString("algorithm.advantage", "grpo"),                               // estimator name
                t.getEnum("algorithm.normalization", Normalization.MEAN_STD, Normalization.class), // group norm.
                t.getEnum("algorithm.std", StdDivisor.POPULATION, StdDivisor.class),      // std divisor n or n-1
                t.getDouble("algorithm.invalid_penalty", 0.1),                            // per invalid step
                t.getDouble("algorithm.gamma", 0.95),                                     // GiGPO discount
                t.getDouble("algorithm.step_weight", 1.0),                                // GiGPO w
                t.getDouble("algorithm.clip_low", 0.2),                                   // 1 - eps_low
                t.getDouble("algorithm.clip_high", 0.28),                                 // 1 + eps_high
                t.getDouble("algorithm.clip_ratio_c", 3.0),                               // dual clip, 0 = off
                t.getDouble("algorithm.kl_coef", 0.0),                                    // KL penalty
                t.getEnum("algorithm.kl_estimator", KlEstimator.K3, KlEstimator.class),   // k1 or k3
                t.getDouble("algorithm.entropy_coef", 0.0),                               // entropy bonus
                t.getEnum("algorithm.aggregation", Aggregation.TOKEN_MEAN, Aggregation.class), // loss reduction
                t.getInt("algorithm.epochs", 2),                                          // passes per iteration
                t.getInt("algorithm.minibatch_size", 64),                                 // samples per step
                GcdConfig.read(t));                                                       // GCD term
    }
}
