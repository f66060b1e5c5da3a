package dev.untangle.experiment;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence intervals of a mean (docs/OUTPUTS.md, "Statistics"): draw
 * {@code resamples} samples of size n with replacement from the values, take each sample's mean, and report
 * the {@code (1 - level)/2} and {@code (1 + level)/2} quantiles ({@link Stats#quantileSorted}) of those
 * means. Resampling uses a {@link SplittableRandom} seeded with {@code seed}, so an interval is a pure
 * function of (values, level, resamples, seed).
 *
 * @param level     confidence level in (0, 1), usually 0.95
 * @param resamples number of bootstrap resamples (at least 100)
 * @param seed      seed of the resampling
 */
public record Bootstrap(double level, int resamples, long seed) {

    /** The report's default: 95% with 10,000 resamples and a fixed seed. */
    public static final Bootstrap DEFAULT = new Bootstrap(0.95, 10_000, 20250928L);

    /** Validates the parameters. */
    public Bootstrap {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("bootstrap level must be in (0, 1), got " + level);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 100, got " + resamples);
        }
    }

    /** A copy with another number of resamples. */
    public Bootstrap withResamples(int r) {
        return new Bootstrap(level, r, seed);
    }

    /**
     * An interval.
     *
     * @param low  lower end
     * @param high upper end
     */
    public record Interval(double low, double high) {
        /** The undefined interval (NaN ends). */
        public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);
    }

    /**
     * The percentile bootstrap interval of the mean of {@code values}. Fewer than two values give
     * {@link Interval#UNDEFINED}: one seed says nothing about the spread.
     */
    public Interval meanInterval(double[] values) {
        int n = values.length;
        if (n < 2) {
            return Interval.UNDEFINED;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += values[rng.nextInt(n)];
            }
            means[b] = s / n;
        }
        Arrays.sort(means);
        double alpha = 1 - level;
        return new Interval(Stats.quantileSorted(means, alpha / 2), Stats.quantileSorted(means, 1 - alpha / 2));
    }
}
