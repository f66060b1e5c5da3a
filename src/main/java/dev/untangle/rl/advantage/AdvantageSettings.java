package dev.untangle.rl.advantage;

import dev.untangle.config.AlgorithmConfig.Normalization;
import dev.untangle.config.AlgorithmConfig.StdDivisor;
import dev.untangle.config.TrainConfig;
import dev.untangle.rl.trajectory.RewardFunction;

/**
 * What the estimators read from the configuration.
 *
 * @param normalizeStd {@code true}: A = (x - mean) / (std + eps); {@code false}: A = x - mean
 * @param sampleStd    the std's divisor is n - 1 (sample) instead of n (population)
 * @param reward       the step rewards r_t and the return R ({@code reward.*}, {@code algorithm.invalid_penalty})
 * @param gamma        discount of step returns (GiGPO)
 * @param stepWeight   w in A = A_E + w A_S (GiGPO)
 */
public record AdvantageSettings(boolean normalizeStd, boolean sampleStd, RewardFunction reward, double gamma,
                                double stepWeight) {

    /** The epsilon added to the standard deviation. */
    public static final double EPS = 1e-6;

    /** Settings with the outcome reward {@code 1[won] - invalidPenalty * n_invalid}. */
    public AdvantageSettings(boolean normalizeStd, boolean sampleStd, double invalidPenalty, double gamma,
                             double stepWeight) {
        this(normalizeStd, sampleStd, RewardFunction.success(invalidPenalty), gamma, stepWeight);
    }

    /** Settings from the {@code algorithm} and {@code reward} sections. */
    public static AdvantageSettings of(TrainConfig cfg) {
        var c = cfg.algorithm();
        return new AdvantageSettings(c.normalization() == Normalization.MEAN_STD, c.std() == StdDivisor.SAMPLE,
                RewardFunction.of(cfg.reward(), c.invalidPenalty()), c.gamma(), c.stepWeight());
    }

    /** {@link GroupNorm#apply} with these settings' normalisation. */
    public double[] normalize(double[] values, int[] groupIds) {
        return GroupNorm.apply(values, groupIds, normalizeStd, sampleStd);
    }
}
