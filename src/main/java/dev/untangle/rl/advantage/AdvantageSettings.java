package dev.untangle.rl.advantage;

import dev.untangle.config.AlgorithmConfig;

/**
 * What the estimators read from the configuration.
 *
 * @param normalizeStd   {@code true}: A = (x - mean) / (std + eps); {@code false}: A = x - mean
 * @param sampleStd      the std's divisor is n - 1 (sample) instead of n (population)
 * @param invalidPenalty reward subtracted per invalid action
 * @param gamma          discount of step returns (GiGPO)
 * @param stepWeight     w in A = A_E + w A_S (GiGPO)
 */
public record AdvantageSettings(boolean normalizeStd, boolean sampleStd, double invalidPenalty, double gamma,
                                double stepWeight) {

    /** The epsilon added to the standard deviation. */
    public static final double EPS = 1e-6;

    /** Settings from the algorithm section. */
    public static AdvantageSettings of(AlgorithmConfig c) {
        return new AdvantageSettings(c.normalization().equals("mean_std"), c.std().equals("sample"),
                c.invalidPenalty(), c.gamma(),
                c.stepWeight());
    }

    /** {@link GroupNorm#apply} with these settings' normalisation. */
    public double[] normalize(double[] values, int[] groupIds) {
        return GroupNorm.apply(values, groupIds, normalizeStd, sampleStd);
    }
}
