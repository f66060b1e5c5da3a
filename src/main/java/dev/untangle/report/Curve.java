package dev.untangle.report;

/**
 * One metric of one method over training, aggregated over seeds: at each iteration the mean and a
 * confidence band over the seeds that logged the metric there.
 *
 * @param key    metric key ({@code eval/L1/success_rate})
 * @param method method
 * @param x      iterations, ascending
 * @param mean   mean over seeds at each iteration
 * @param low    lower edge of the band (NaN where fewer than two seeds)
 * @param high   upper edge of the band (NaN where fewer than two seeds)
 * @param seeds  number of seeds that contributed at least one point
 */
public record Curve(String key, String method, double[] x, double[] mean, double[] low, double[] high, int seeds) {

    /** Checks that the arrays have one entry per iteration. */
    public Curve {
        if (mean.length != x.length || low.length != x.length || high.length != x.length) {
            throw new IllegalArgumentException("curve " + key + " / " + method + ": arrays differ in length");
        }
    }
}
