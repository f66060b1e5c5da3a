package dev.untangle.report;

import java.util.List;

/**
 * One metric of one method over training, aggregated over seeds: at each iteration the mean and a band over
 * the seeds that logged the metric there.
 *
 * @param key     metric key ({@code coupling/index})
 * @param method  method
 * @param x       iterations, ascending
 * @param mean    mean over seeds at each iteration
 * @param low     lower edge of the band: the bootstrap confidence interval of the mean where enough seeds logged
 *                the iteration for one (docs/OUTPUTS.md, "Significance rule"), otherwise the lowest seed's value
 *                (the seeds' range); NaN where one seed did
 * @param high    upper edge of the band (NaN where one seed did)
 * @param seeds   number of seeds that contributed at least one point
 * @param seedIds those seeds, ascending
 */
public record Curve(String key, String method, double[] x, double[] mean, double[] low, double[] high, int seeds,
                    List<Integer> seedIds) {

    /** Checks that the arrays have one entry per iteration; copies the seeds. */
    public Curve {
        if (mean.length != x.length || low.length != x.length || high.length != x.length) {
            throw new IllegalArgumentException("curve " + key + " / " + method + ": arrays differ in length");
        }
        seedIds = List.copyOf(seedIds);
    }
}
