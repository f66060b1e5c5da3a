package dev.untangle.coupling;

import java.util.Arrays;
import java.util.List;

/**
 * The distribution of the off-diagonal entries S[i][j] (i &lt; j) of a similarity matrix: quantiles, a
 * histogram and the share at or above the "similar" threshold (docs/ALGORITHMS.md, "State similarity").
 *
 * @param pairs       number of pairs i &lt; j
 * @param mean        mean similarity (NaN without pairs)
 * @param quantiles   the values at {@link #LEVELS} (nearest-rank on the sorted values; NaN without pairs)
 * @param binEdges    histogram edges, {@code bins + 1} values from {@code low} to {@code high}
 * @param counts      pairs per bin (the last bin includes its upper edge; values outside are clamped in)
 * @param threshold   tau
 * @param shareAtLeast share of pairs with S &gt;= tau (NaN without pairs)
 */
public record SimilarityDistribution(int pairs, double mean, List<Double> quantiles, List<Double> binEdges,
                                     List<Integer> counts, double threshold, double shareAtLeast) {

    /** Quantile levels reported: min, 10 %, 25 %, median, 75 %, 90 %, max. */
    public static final List<Double> LEVELS = List.of(0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0);

    /** Copies the lists. */
    public SimilarityDistribution {
        quantiles = List.copyOf(quantiles);
        binEdges = List.copyOf(binEdges);
        counts = List.copyOf(counts);
    }

    /**
     * Summarises a similarity matrix.
     *
     * @param s         symmetric matrix
     * @param threshold tau
     * @param low       lower histogram edge (for example -1 for cosines, 0 for Jaccard)
     * @param high      upper histogram edge
     * @param bins      histogram bins, at least 1
     */
    public static SimilarityDistribution of(double[][] s, double threshold, double low, double high, int bins) {
        if (bins < 1 || !(high > low)) {
            throw new IllegalArgumentException("histogram needs bins >= 1 and high > low (got " + bins + ", " + low
                    + ", " + high + ")");
        }
        int n = s.length;
        double[] v = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                v[k++] = s[i][j];
            }
        }
        Arrays.sort(v);
        Double[] edges = new Double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = low + (high - low) * b / bins;
        }
        Integer[] counts = new Integer[bins];
        Arrays.fill(counts, 0);
        double sum = 0;
        int atLeast = 0;
        for (double x : v) {
            sum += x;
            atLeast += x >= threshold ? 1 : 0;
            int b = (int) Math.floor((x - low) / (high - low) * bins);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        Double[] q = new Double[LEVELS.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = v.length == 0 ? Double.NaN
                    : v[(int) Math.min(v.length - 1, Math.max(0, Math.ceil(LEVELS.get(i) * v.length) - 1))];
        }
        return new SimilarityDistribution(v.length, v.length == 0 ? Double.NaN : sum / v.length, List.of(q),
                List.of(edges), List.of(counts), threshold, v.length == 0 ? Double.NaN : (double) atLeast / v.length);
    }

    /** The median (NaN without pairs). */
    public double median() {
        return quantiles.get(3);
    }
}
