package dev.untangle.coupling.theory;

/**
 * How GRPO turns the rewards of one group of G samples into group-relative advantages
 * (docs/ALGORITHMS.md, "Group-relative advantage"). A group whose rewards are all equal gets advantage 0.
 */
public enum GroupNormalization {

    /** A_i = R_i - mean(R). */
    MEAN {
        @Override
        double scale(double std) {
            return 1.0;
        }
    },
    /** A_i = (R_i - mean(R)) / (std(R) + EPS), std the unbiased sample standard deviation (divisor G - 1). */
    MEAN_STD {
        @Override
        double scale(double std) {
            return 1.0 / (std + EPS);
        }
    };

    /** The epsilon of {@link #MEAN_STD}. */
    public static final double EPS = 1e-6;

    abstract double scale(double std);

    /**
     * The advantages of one group.
     *
     * @param rewards R_1..R_G, G &gt;= 2
     * @return A_1..A_G
     */
    public double[] apply(double[] rewards) {
        int g = rewards.length;
        if (g < 2) {
            throw new IllegalArgumentException("a group needs at least 2 samples (got " + g + ")");
        }
        double mean = 0;
        for (double r : rewards) {
            mean += r;
        }
        mean /= g;
        double ss = 0;
        for (double r : rewards) {
            ss += (r - mean) * (r - mean);
        }
        double std = Math.sqrt(ss / (g - 1));
        double[] adv = new double[g];
        if (ss == 0) {
            return adv;
        }
        double s = scale(std);
        for (int i = 0; i < g; i++) {
            adv[i] = (rewards[i] - mean) * s;
        }
        return adv;
    }
}
