package dev.untangle.coupling.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Theorem 3.2, the squeezing effect (docs/ALGORITHMS.md, "Theorem 3.2"). A logistic-regression policy over
 * three actions (good, mild, severe) reads one feature vector x: z = W x, pi = softmax(z). Policy-gradient
 * ascent on J = sum_a pi_a R_a uses the exact gradient grad_W J = sum_a pi_a (R_a - Rbar)(e_a - pi) x^T, so
 * the logits move by dz_a = eta ||x||^2 pi_a (R_a - Rbar). The mild flawed action gains probability whenever
 * pi_m (R_m - Rbar) &gt; sum_a pi_a^2 (R_a - Rbar), typically while Rbar &lt; R_m, even though the total
 * probability of the flawed actions falls. A second experiment applies one negative-advantage update to a
 * sampled severe action: the freed probability flows mostly to the most likely remaining action.
 */
public final class SqueezingEffect {

    private final double[] rewards;
    private final double learningRate;
    private final double[] x;
    private final double[][] w;

    /**
     * @param rewards      R(good) &gt; R(mild) &gt; R(severe)
     * @param initial      the initial policy pi_0 (three positive probabilities summing to 1)
     * @param dimension    dimension of the feature vector x
     * @param learningRate eta
     * @param seed         draws x (a random unit vector)
     */
    public SqueezingEffect(double[] rewards, double[] initial, int dimension, double learningRate, long seed) {
        if (rewards.length != 3 || !(rewards[0] > rewards[1] && rewards[1] > rewards[2])) {
            throw new IllegalArgumentException("squeeze rewards must be three values R(good) > R(mild) > R(severe)");
        }
        if (initial.length != 3 || Math.abs(initial[0] + initial[1] + initial[2] - 1) > 1e-9
                || initial[0] <= 0 || initial[1] <= 0 || initial[2] <= 0) {
            throw new IllegalArgumentException("squeeze initial policy must be three positive probabilities summing to 1");
        }
        if (dimension < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("squeeze dimension must be >= 1 and learning rate > 0");
        }
        this.rewards = rewards.clone();
        this.learningRate = learningRate;
        SplittableRandom rng = new SplittableRandom(seed);
        x = new double[dimension];
        double norm = 0;
        for (int j = 0; j < dimension; j++) {
            x[j] = rng.nextDouble() - 0.5;
            norm += x[j] * x[j];
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < dimension; j++) {
            x[j] /= norm;
        }
        // W = log(pi_0) x^T / ||x||^2, so that softmax(W x) = pi_0
        w = new double[3][dimension];
        for (int a = 0; a < 3; a++) {
            for (int j = 0; j < dimension; j++) {
                w[a][j] = Math.log(initial[a]) * x[j];
            }
        }
    }

    /** The defaults of {@code untangle theory}: R = (1, 0.6, 0), pi_0 = (0.1, 0.3, 0.6), d = 8, eta = 0.5. */
    public static SqueezingEffect standard() {
        return new SqueezingEffect(new double[] {1.0, 0.6, 0.0}, new double[] {0.1, 0.3, 0.6}, 8, 0.5, 7);
    }

    /** pi = softmax(W x) of the current weights. */
    public double[] policy() {
        return softmax(logits(w));
    }

    /**
     * Runs {@code steps} exact policy-gradient updates from the initial policy.
     *
     * @param steps number of updates
     */
    public SqueezeReport run(int steps) {
        double[][] wt = copy(w);
        double xx = 0;
        for (double v : x) {
            xx += v * v;
        }
        List<SqueezeStep> series = new ArrayList<>();
        int mildUpBadDown = 0;
        int agree = 0;
        boolean badMonotone = true;
        double peakMild = 0;
        for (int t = 0; t <= steps; t++) {
            double[] pi = softmax(logits(wt));
            double rbar = dot(pi, rewards);
            peakMild = Math.max(peakMild, pi[1]);
            double predictedTerm = 0;
            for (int a = 0; a < 3; a++) {
                predictedTerm += pi[a] * pi[a] * (rewards[a] - rbar);
            }
            boolean predictedRise = pi[1] * (rewards[1] - rbar) > predictedTerm;
            if (t == steps) {
                series.add(new SqueezeStep(t, pi[0], pi[1], pi[2], pi[1] + pi[2], rbar, false, predictedRise));
                break;
            }
            // grad_W J = sum_a pi_a (R_a - Rbar) (e_a - pi) x^T; its logit row k is pi_k (R_k - Rbar)
            for (int k = 0; k < 3; k++) {
                double coef = pi[k] * (rewards[k] - rbar);
                for (int j = 0; j < x.length; j++) {
                    wt[k][j] += learningRate * coef * x[j];
                }
            }
            double[] after = softmax(logits(wt));
            boolean mildRises = after[1] > pi[1];
            boolean badFalls = after[1] + after[2] < pi[1] + pi[2];
            badMonotone &= badFalls;
            mildUpBadDown += mildRises && badFalls ? 1 : 0;
            agree += mildRises == predictedRise ? 1 : 0;
            series.add(new SqueezeStep(t, pi[0], pi[1], pi[2], pi[1] + pi[2], rbar, mildRises, predictedRise));
        }
        List<NegativeSampleRow> negatives = new ArrayList<>();
        double[][] starts = {{0.1, 0.3, 0.6}, {0.3, 0.1, 0.6}, {0.2, 0.2, 0.6}, {0.6, 0.3, 0.1}, {0.1, 0.6, 0.3}};
        for (double[] start : starts) {
            negatives.add(negativeSample(start, xx));
        }
        return new SqueezeReport(rewards, learningRate, xx, series, mildUpBadDown, peakMild, badMonotone,
                steps == 0 ? Double.NaN : (double) agree / steps, negatives);
    }

    /** One update with advantage -1 on a sampled severe action: z += eta A ||x||^2 (e_severe - pi). */
    private NegativeSampleRow negativeSample(double[] start, double xx) {
        double[] z = new double[3];
        for (int a = 0; a < 3; a++) {
            z[a] = Math.log(start[a]);
        }
        double advantage = -1.0;
        double[] pi = softmax(z);
        for (int a = 0; a < 3; a++) {
            z[a] += learningRate * advantage * xx * ((a == 2 ? 1 : 0) - pi[a]);
        }
        double[] after = softmax(z);
        return new NegativeSampleRow(pi[0], pi[1], pi[2], after[0] - pi[0], after[1] - pi[1], after[2] - pi[2]);
    }

    private double[] logits(double[][] weights) {
        double[] z = new double[3];
        for (int a = 0; a < 3; a++) {
            z[a] = dot(weights[a], x);
        }
        return z;
    }

    private static double[] softmax(double[] z) {
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double[] p = new double[3];
        double sum = 0;
        for (int a = 0; a < 3; a++) {
            p[a] = Math.exp(z[a] - max);
            sum += p[a];
        }
        for (int a = 0; a < 3; a++) {
            p[a] /= sum;
        }
        return p;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
