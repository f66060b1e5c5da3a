package dev.untangle.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Paired per-task comparison of two policies evaluated on the same tasks (docs/OUTPUTS.md, "Paired per-task
 * statistics"). Evaluations are greedy and play the first N task ids of a split in order, so for each seed
 * the k-th outcome of one method and the k-th outcome of another are the same task: a pair. Pairs where
 * either outcome is an environment failure (-1) are left out; the pairs of all seeds both methods have are
 * pooled.
 *
 * <ul>
 *   <li>Difference: {@code (b - c) / N} over the N pooled pairs, which equals the first method's success rate
 *       minus the second's on those pairs; {@code b} counts pairs the first won and the second lost, {@code c}
 *       the reverse.</li>
 *   <li>Interval: paired cluster bootstrap. The clusters are task ids: each resample draws as many task ids
 *       as there are, with replacement, and pools, for every drawn id, its pairs in every seed (seeds and the
 *       pairing stay fixed, tasks are resampled); its statistic is the pooled mean difference. The interval
 *       is the percentile interval of those statistics ({@link Stats#quantileSorted}), from a
 *       {@link SplittableRandom} seeded with the {@link Bootstrap}'s seed. Resampling task ids rather than
 *       (seed, task) pairs keeps the correlation of a task's outcomes across seeds.</li>
 *   <li>Test: exact two-sided McNemar test, {@code p = min(1, 2 P(X <= min(b, c)))} with
 *       {@code X ~ Binomial(b + c, 1/2)}; {@code p = 1} when there is no discordant pair.</li>
 * </ul>
 * Whether a difference is significant is decided by {@link SignificanceRule}, not here. Pure functions of their
 * arguments.
 */
public final class PairedTasks {

    private PairedTasks() {
    }

    /**
     * One seed's pairs.
     *
     * @param pairs      pairs with both outcomes known
     * @param b          pairs the first method won and the second lost
     * @param c          pairs the second method won and the first lost
     * @param difference {@code (b - c) / pairs} (NaN without pairs)
     */
    public record SeedCounts(int pairs, int b, int c, double difference) {
    }

    /**
     * A comparison of a first and a second method over pooled (seed, task) pairs.
     *
     * @param pairs      pooled pairs N
     * @param tasks      distinct task ids among them (the bootstrap's clusters)
     * @param b          pairs the first won and the second lost
     * @param c          pairs the second won and the first lost
     * @param firstRate  the first method's success rate over the pairs (NaN without pairs)
     * @param secondRate the second method's success rate over the pairs (NaN without pairs)
     * @param difference {@code firstRate - secondRate = (b - c) / N} (NaN without pairs)
     * @param ciLow      lower end of the paired bootstrap interval (NaN without pairs)
     * @param ciHigh     upper end (NaN without pairs)
     * @param pValue     exact two-sided McNemar p-value (NaN without pairs)
     * @param perSeed    seed to its own counts, over the seeds both methods have
     */
    public record Comparison(int pairs, int tasks, int b, int c, double firstRate, double secondRate, double difference,
                             double ciLow, double ciHigh, double pValue, SortedMap<Integer, SeedCounts> perSeed) {
        /** Copies the per-seed map. */
        public Comparison {
            perSeed = Collections.unmodifiableSortedMap(new TreeMap<>(perSeed));
        }
    }

    /**
     * Compares two methods' per-task outcomes.
     *
     * @param first     seed to the first method's outcomes in task-id order (1 won, 0 lost, -1 failure)
     * @param second    seed to the second method's outcomes
     * @param bootstrap level, resamples and seed of the interval
     */
    public static Comparison compare(Map<Integer, List<Integer>> first, Map<Integer, List<Integer>> second,
                                     Bootstrap bootstrap) {
        SortedMap<Integer, SeedCounts> perSeed = new TreeMap<>();
        TreeMap<Integer, int[]> clusters = new TreeMap<>();        // task id -> {sum of differences, pairs}
        int pairs = 0;
        int b = 0;
        int c = 0;
        int firstWins = 0;
        int secondWins = 0;
        for (Map.Entry<Integer, List<Integer>> e : new TreeMap<>(first).entrySet()) {
            List<Integer> other = second.get(e.getKey());
            if (other == null) {
                continue;
            }
            List<Integer> mine = e.getValue();
            int n = 0;
            int sb = 0;
            int sc = 0;
            for (int t = 0; t < Math.min(mine.size(), other.size()); t++) {
                int x = mine.get(t);
                int y = other.get(t);
                if (x < 0 || y < 0) {
                    continue;
                }
                n++;
                firstWins += x;
                secondWins += y;
                int d = x - y;
                if (d > 0) {
                    sb++;
                } else if (d < 0) {
                    sc++;
                }
                int[] cl = clusters.computeIfAbsent(t, k -> new int[2]);
                cl[0] += d;
                cl[1]++;
            }
            perSeed.put(e.getKey(), new SeedCounts(n, sb, sc, n == 0 ? Double.NaN : (sb - sc) / (double) n));
            pairs += n;
            b += sb;
            c += sc;
        }
        if (pairs == 0) {
            return new Comparison(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    perSeed);
        }
        double[] ci = clusterInterval(new ArrayList<>(clusters.values()), bootstrap);
        return new Comparison(pairs, clusters.size(), b, c, firstWins / (double) pairs, secondWins / (double) pairs,
                (b - c) / (double) pairs, ci[0], ci[1], mcnemarExactP(b, c), perSeed);
    }

    /** Percentile interval of the pooled mean difference, resampling clusters {sum of differences, pairs}. */
    private static double[] clusterInterval(List<int[]> clusters, Bootstrap bootstrap) {
        int k = clusters.size();
        long[] sums = new long[k];
        long[] counts = new long[k];
        for (int i = 0; i < k; i++) {
            sums[i] = clusters.get(i)[0];
            counts[i] = clusters.get(i)[1];
        }
        SplittableRandom rng = new SplittableRandom(bootstrap.seed());
        double[] stats = new double[bootstrap.resamples()];
        for (int r = 0; r < stats.length; r++) {
            long s = 0;
            long n = 0;
            for (int i = 0; i < k; i++) {
                int j = rng.nextInt(k);
                s += sums[j];
                n += counts[j];
            }
            stats[r] = s / (double) n;                               // every cluster holds at least one pair
        }
        Arrays.sort(stats);
        double alpha = 1 - bootstrap.level();
        return new double[] {Stats.quantileSorted(stats, alpha / 2), Stats.quantileSorted(stats, 1 - alpha / 2)};
    }

    /**
     * The exact two-sided McNemar p-value for {@code b} and {@code c} discordant pairs:
     * {@code min(1, 2 sum_{i <= min(b, c)} C(b + c, i) / 2^(b + c))}, and 1 when {@code b + c = 0}. Computed in
     * log space, so it stays exact to double precision for any counts.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public static double mcnemarExactP(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got b = " + b + ", c = " + c);
        }
        int n = b + c;
        if (n == 0) {
            return 1;
        }
        int k = Math.min(b, c);
        double ln2n = n * Math.log(2);
        double logC = 0;                                           // log C(n, 0)
        double[] terms = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            terms[i] = logC - ln2n;
            logC += Math.log(n - i) - Math.log(i + 1);             // log C(n, i + 1)
        }
        double max = terms[k];                                     // C(n, i) grows for i <= n / 2
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return Math.min(1, 2 * Math.exp(max + Math.log(s)));
    }

    /** z_{1 - 0.05/2}: the two-sided 5% critical value of the standard normal. */
    public static final double Z_ALPHA_05 = 1.959963984540054;
    /** z_{0.80}: the standard normal quantile of 80% power. */
    public static final double Z_POWER_80 = 0.8416212335729143;

    /**
     * The minimum detectable effect of a McNemar test over {@code pairs} paired outcomes with {@code b + c}
     * discordant ones, at two-sided level 5% and 80% power: the smallest success difference
     * {@code delta = p10 - p01} whose required sample size (Connor 1987, with the discordant share
     * {@code psi = (b + c) / pairs} held at its observed value)
     * <pre>
     * n(delta) = (z_{alpha/2} sqrt(psi) + z_beta sqrt(psi - delta^2))^2 / delta^2
     * </pre>
     * is at most {@code pairs}; found by bisection on {@code (0, psi]}, where {@code n} decreases. NaN when there
     * is no pair or no discordant pair (psi cannot be estimated). The pairs are pooled over seeds, so a task's
     * outcomes in several seeds count as several pairs: read the figure as the effect these seeds could detect if
     * pairs were independent (docs/OUTPUTS.md).
     *
     * @throws IllegalArgumentException for negative counts or {@code b + c > pairs}
     */
    public static double minimumDetectableEffect(int pairs, int b, int c) {
        if (b < 0 || c < 0 || b + c > pairs) {
            throw new IllegalArgumentException("need 0 <= b, c and b + c <= pairs, got pairs = " + pairs + ", b = "
                    + b + ", c = " + c);
        }
        if (pairs == 0 || b + c == 0) {
            return Double.NaN;
        }
        double psi = (b + c) / (double) pairs;
        double lo = 0;
        double hi = psi;
        if (requiredPairs(hi, psi) > pairs) {
            return psi;                                 // not even the largest possible difference is detectable
        }
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (requiredPairs(mid, psi) > pairs) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** Connor's n(delta) for discordant share psi (two-sided 5%, 80% power). */
    static double requiredPairs(double delta, double psi) {
        double root = Z_ALPHA_05 * Math.sqrt(psi) + Z_POWER_80 * Math.sqrt(Math.max(0, psi - delta * delta));
        return root * root / (delta * delta);
    }
}
