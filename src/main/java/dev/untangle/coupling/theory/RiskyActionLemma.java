package dev.untangle.coupling.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lemma 3.1 (docs/ALGORITHMS.md, "Lemma 3.1"). A policy takes a risky action with probability q; the safe
 * action succeeds with probability p, the risky one with p - r. In a GRPO group of G samples with binary
 * rewards R_i, the expected advantage mass on the risky action, E[A_i 1{a_i risky}], is
 * <ul>
 *   <li>mean-only, G -&gt; infinity: q (p - r - pbar) = q r (q - 1) &lt; 0, with pbar = p - q r;</li>
 *   <li>mean-only, finite G: A_i = (1 - 1/G) R_i - (1/G) sum_{j != i} R_j, so the value is
 *       q r (q - 1) (G - 1) / G exactly;</li>
 *   <li>mean/std: no closed form; computed exactly from the binomial number k of successes among the
 *       other G - 1 samples (the advantage of sample i depends only on R_i and k), and checked by brute-force
 *       enumeration of all 4^G outcomes and by Monte-Carlo.</li>
 * </ul>
 */
public final class RiskyActionLemma {

    /** Largest G enumerated by brute force (4^G outcomes). */
    public static final int MAX_ENUMERATED_G = 8;

    private final double p;
    private final double q;
    private final double r;

    /**
     * @param p success probability of the safe action, in [0, 1]
     * @param q probability of the risky action, in [0, 1]
     * @param r risk, in [0, p]
     */
    public RiskyActionLemma(double p, double q, double r) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("lemma p must be in [0, 1] (got " + p + ")");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("lemma q must be in [0, 1] (got " + q + ")");
        }
        if (!(r >= 0 && r <= p)) {
            throw new IllegalArgumentException("lemma r must be in [0, p] = [0, " + p + "] (got " + r + ")");
        }
        this.p = p;
        this.q = q;
        this.r = r;
    }

    /** pbar = p - q r, the policy's overall success probability. */
    public double meanSuccess() {
        return p - q * r;
    }

    /** The paper's limit q r (q - 1). */
    public double limitMean() {
        return q * r * (q - 1);
    }

    /** The mean/std limit q r (q - 1) / sqrt(pbar (1 - pbar)) (0 when pbar is 0 or 1). */
    public double limitStd() {
        double pbar = meanSuccess();
        double var = pbar * (1 - pbar);
        return var == 0 ? 0.0 : limitMean() / Math.sqrt(var);
    }

    /** Mean-only closed form for finite G: q r (q - 1) (G - 1) / G. */
    public double closedFormMean(int g) {
        requireGroup(g);
        return limitMean() * (g - 1) / g;
    }

    /**
     * Exact E[A_1 1{a_1 risky}] for groups of size G: sum over R_1 in {0, 1} and the binomial number k of
     * successes among the other G - 1 samples (each succeeds with probability pbar).
     */
    public double exact(int g, GroupNormalization norm) {
        requireGroup(g);
        double pbar = meanSuccess();
        double total = 0;
        for (int k = 0; k <= g - 1; k++) {
            double pk = binomial(g - 1, k, pbar);
            if (pk == 0) {
                continue;
            }
            double[] rewards = new double[g];
            for (int j = 1; j <= k; j++) {
                rewards[j] = 1;
            }
            rewards[0] = 1;
            double advSuccess = norm.apply(rewards)[0];
            rewards[0] = 0;
            double advFailure = norm.apply(rewards)[0];
            total += pk * (q * (p - r) * advSuccess + q * (1 - p + r) * advFailure);
        }
        return total;
    }

    /**
     * Brute-force E[(1/G) sum_i A_i 1{a_i risky}] over all 4^G outcomes (each sample: risky or safe,
     * success or failure).
     *
     * @throws IllegalArgumentException when G exceeds {@link #MAX_ENUMERATED_G}
     */
    public double enumerated(int g, GroupNormalization norm) {
        requireGroup(g);
        if (g > MAX_ENUMERATED_G) {
            throw new IllegalArgumentException("enumeration is limited to G <= " + MAX_ENUMERATED_G + " (got " + g + ")");
        }
        double[] typeProb = {q * (p - r), q * (1 - p + r), (1 - q) * p, (1 - q) * (1 - p)};
        int outcomes = 1 << (2 * g);
        double total = 0;
        double[] rewards = new double[g];
        boolean[] risky = new boolean[g];
        for (int code = 0; code < outcomes; code++) {
            double prob = 1;
            int c = code;
            for (int i = 0; i < g; i++) {
                int type = c & 3;
                c >>= 2;
                prob *= typeProb[type];
                risky[i] = type < 2;
                rewards[i] = type == 0 || type == 2 ? 1 : 0;
            }
            if (prob == 0) {
                continue;
            }
            double[] adv = norm.apply(rewards);
            double mass = 0;
            for (int i = 0; i < g; i++) {
                mass += risky[i] ? adv[i] : 0;
            }
            total += prob * mass / g;
        }
        return total;
    }

    /**
     * Monte-Carlo estimate of E[A_i 1{a_i risky}] from {@code groups} sampled groups.
     *
     * @return {estimate, standard error}
     */
    public double[] monteCarlo(int g, GroupNormalization norm, int groups, SplittableRandom rng) {
        requireGroup(g);
        double sum = 0;
        double sumSq = 0;
        double[] rewards = new double[g];
        boolean[] risky = new boolean[g];
        for (int n = 0; n < groups; n++) {
            for (int i = 0; i < g; i++) {
                risky[i] = rng.nextDouble() < q;
                double success = risky[i] ? p - r : p;
                rewards[i] = rng.nextDouble() < success ? 1 : 0;
            }
            double[] adv = norm.apply(rewards);
            double mass = 0;
            for (int i = 0; i < g; i++) {
                mass += risky[i] ? adv[i] : 0;
            }
            mass /= g;
            sum += mass;
            sumSq += mass * mass;
        }
        double mean = sum / groups;
        double var = Math.max(0, sumSq / groups - mean * mean);
        return new double[] {mean, Math.sqrt(var / groups)};
    }

    /**
     * The full table: one row per group size, then the limit row (G = 0).
     *
     * @param groupSizes the G values, each &gt;= 2
     * @param groups     Monte-Carlo groups per estimate
     * @param seed       Monte-Carlo seed
     */
    public RiskyActionReport report(int[] groupSizes, int groups, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<RiskyActionRow> rows = new ArrayList<>();
        for (int g : groupSizes) {
            boolean enumerate = g <= MAX_ENUMERATED_G;
            double[] mcMean = monteCarlo(g, GroupNormalization.MEAN, groups, rng);
            double[] mcStd = monteCarlo(g, GroupNormalization.MEAN_STD, groups, rng);
            rows.add(new RiskyActionRow(g, closedFormMean(g), exact(g, GroupNormalization.MEAN),
                    enumerate ? enumerated(g, GroupNormalization.MEAN) : Double.NaN, mcMean[0], mcMean[1],
                    exact(g, GroupNormalization.MEAN_STD),
                    enumerate ? enumerated(g, GroupNormalization.MEAN_STD) : Double.NaN, mcStd[0], mcStd[1]));
        }
        rows.add(new RiskyActionRow(0, limitMean(), limitMean(), Double.NaN, Double.NaN, Double.NaN, limitStd(),
                Double.NaN, Double.NaN, Double.NaN));
        return new RiskyActionReport(p, q, r, limitMean(), limitStd(), groups, rows);
    }

    private static double binomial(int n, int k, double prob) {
        double logC = 0;
        for (int i = 1; i <= k; i++) {
            logC += Math.log(n - k + i) - Math.log(i);
        }
        if (prob == 0) {
            return k == 0 ? 1 : 0;
        }
        if (prob == 1) {
            return k == n ? 1 : 0;
        }
        return Math.exp(logC + k * Math.log(prob) + (n - k) * Math.log1p(-prob));
    }

    private static void requireGroup(int g) {
        if (g < 2) {
            throw new IllegalArgumentException("group size G must be >= 2 (got " + g + ")");
        }
    }
}
