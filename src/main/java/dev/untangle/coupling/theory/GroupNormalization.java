package dev.untangle.coupling.theory;

import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.advantage.GroupNorm;

/**
 * How GRPO turns the rewards of one group of G samples into group-relative advantages
 * (docs/ALGORITHMS.md, "Group-relative advantage"). A group whose rewards are all equal gets advantage 0.
 */
public enum GroupNormalization {

    /** A_i = R_i - mean(R). */
    MEAN,
    /** A_i = (R_i - mean(R)) / (std(R) + EPS), std the unbiased sample standard deviation (divisor G - 1). */
    MEAN_STD;

    /** The epsilon of {@link #MEAN_STD} (the trainer's). */
    public static final double EPS = AdvantageSettings.EPS;

    /**
     * The advantages of one group, computed by the trainer's own normalisation ({@link GroupNorm}, with the sample
     * standard deviation for {@link #MEAN_STD}).
     *
     * @param rewards R_1..R_G, G &gt;= 2
     * @return A_1..A_G
     */
    public double[] apply(double[] rewards) {
        int g = rewards.length;
        if (g < 2) {
            throw new IllegalArgumentException("a group needs at least 2 samples (got " + g + ")");
        }
        return GroupNorm.apply(rewards, new int[g], this == MEAN_STD, true);
    }
}
