package dev.untangle.experiment;

import java.util.Arrays;

/** Plain descriptive statistics over small samples (values over seeds). Pure functions. */
public final class Stats {

    private Stats() {
    }

    /** The arithmetic mean, or NaN for an empty sample. */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** The sample standard deviation {@code sqrt(sum (x - mean)^2 / (n - 1))}, or NaN when n &lt; 2. */
    public static double sd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /**
     * The {@code p}-quantile of an ascending sample with linear interpolation between order statistics
     * (Hyndman-Fan type 7, the default of R and NumPy): {@code h = (n - 1) p},
     * {@code q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])}.
     *
     * @throws IllegalArgumentException for an empty sample or p outside [0, 1]
     */
    public static double quantileSorted(double[] sorted, double p) {
        if (sorted.length == 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile needs a non-empty sample and p in [0, 1] (p = " + p + ")");
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** The {@code p}-quantile of an unsorted sample (see {@link #quantileSorted}). */
    public static double quantile(double[] x, double p) {
        double[] s = x.clone();
        Arrays.sort(s);
        return quantileSorted(s, p);
    }
}
