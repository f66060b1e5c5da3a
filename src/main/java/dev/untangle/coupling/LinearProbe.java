package dev.untangle.coupling;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A linear probe: L2-regularised logistic regression p(y=1 | x) = sigmoid(w . z + b) on standardised
 * features z (mean and standard deviation from the training fold only), fitted by Newton's method, and
 * scored by stratified k-fold cross-validated accuracy (docs/ALGORITHMS.md, "Linear probe"). The folds
 * come from a seeded shuffle, so a result is reproducible.
 */
public final class LinearProbe {

    /** Newton iterations at most; the fit stops earlier once the step is below {@link #TOLERANCE}. */
    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-8;

    private final int folds;
    private final double l2;
    private final long seed;

    /**
     * @param folds k, at least 2
     * @param l2    the penalty lambda/2 ||w||^2 (bias not penalised), at least 0
     * @param seed  seed of the fold shuffle
     */
    public LinearProbe(int folds, double l2, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("probe folds must be >= 2 (got " + folds + ")");
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("probe l2 must be >= 0 (got " + l2 + ")");
        }
        this.folds = folds;
        this.l2 = l2;
        this.seed = seed;
    }

    /** The number of folds k. */
    public int folds() {
        return folds;
    }

    /** A 5-fold probe with l2 = 1e-2. */
    public static LinearProbe standard(long seed) {
        return new LinearProbe(5, 1e-2, seed);
    }

    /**
     * Cross-validated accuracy of telling {@code labels} apart from {@code embeddings}.
     *
     * @param embeddings one row per sample, all of the same dimension
     * @param labels     the class of each sample
     * @throws IllegalArgumentException when a class has fewer than {@code folds} samples
     */
    public ProbeResult crossValidate(double[][] embeddings, boolean[] labels) {
        int n = embeddings.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " embeddings but " + labels.length + " labels");
        }
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (labels[i] ? pos : neg).add(i);
        }
        if (pos.size() < folds || neg.size() < folds) {
            throw new IllegalArgumentException("linear probe needs at least " + folds + " samples of each class (got "
                    + pos.size() + " positive, " + neg.size() + " negative)");
        }
        Random rng = new Random(seed);
        java.util.Collections.shuffle(pos, rng);
        java.util.Collections.shuffle(neg, rng);
        int[] fold = new int[n];
        for (int k = 0; k < pos.size(); k++) {
            fold[pos.get(k)] = k % folds;
        }
        for (int k = 0; k < neg.size(); k++) {
            fold[neg.get(k)] = k % folds;
        }
        List<Double> accuracies = new ArrayList<>();
        double sum = 0;
        for (int f = 0; f < folds; f++) {
            List<double[]> trainX = new ArrayList<>();
            List<Boolean> trainY = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    test.add(i);
                } else {
                    trainX.add(embeddings[i]);
                    trainY.add(labels[i]);
                }
            }
            Model m = fit(trainX.toArray(new double[0][]), unbox(trainY));
            int correct = 0;
            for (int i : test) {
                correct += (m.score(embeddings[i]) > 0) == labels[i] ? 1 : 0;
            }
            double acc = (double) correct / test.size();
            accuracies.add(acc);
            sum += acc;
        }
        double majority = (double) Math.max(pos.size(), neg.size()) / n;
        return new ProbeResult(sum / folds, accuracies, majority, n, embeddings[0].length);
    }

    /** A fitted probe: standardisation and the weights. */
    private record Model(double[] mean, double[] scale, double[] w, double b) {
        double score(double[] x) {
            double s = b;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * (x[j] - mean[j]) / scale[j];
            }
            return s;
        }
    }

    private Model fit(double[][] x, boolean[] y) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("embedding dimensions differ: " + d + " vs " + row.length);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1.0;
        }
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            z[i][d] = 1.0;
        }
        // Newton's method on the penalised negative log-likelihood; a tiny ridge keeps the Hessian definite.
        double ridge = Math.max(l2, 1e-6);
        double[] theta = new double[d + 1];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] grad = new double[d + 1];
            double[][] hess = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(Similarity.dot(theta, z[i]));
                double r = p - (y[i] ? 1 : 0);
                double wgt = p * (1 - p);
                for (int a = 0; a <= d; a++) {
                    grad[a] += r * z[i][a];
                    double wa = wgt * z[i][a];
                    for (int c = a; c <= d; c++) {
                        hess[a][c] += wa * z[i][c];
                    }
                }
            }
            for (int a = 0; a <= d; a++) {
                double penalty = a < d ? ridge : 1e-6;
                grad[a] += (a < d ? l2 : 0) * theta[a];
                hess[a][a] += penalty;
                for (int c = 0; c < a; c++) {
                    hess[a][c] = hess[c][a];
                }
            }
            double[] step = Cholesky.solve(hess, grad);
            double size = 0;
            for (int a = 0; a <= d; a++) {
                theta[a] -= step[a];
                size = Math.max(size, Math.abs(step[a]));
            }
            if (size < TOLERANCE) {
                break;
            }
        }
        double[] w = java.util.Arrays.copyOf(theta, d);
        return new Model(mean, scale, w, theta[d]);
    }

    private static boolean[] unbox(List<Boolean> ys) {
        boolean[] out = new boolean[ys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ys.get(i);
        }
        return out;
    }

    static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    /** Solves H x = g for a symmetric positive definite H. */
    private static final class Cholesky {
        static double[] solve(double[][] h, double[] g) {
            int m = g.length;
            double[][] l = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = h[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= l[i][k] * l[j][k];
                    }
                    if (i == j) {
                        l[i][i] = Math.sqrt(Math.max(s, 1e-300));
                    } else {
                        l[i][j] = s / l[j][j];
                    }
                }
            }
            double[] yv = new double[m];
            for (int i = 0; i < m; i++) {
                double s = g[i];
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * yv[k];
                }
                yv[i] = s / l[i][i];
            }
            double[] x = new double[m];
            for (int i = m - 1; i >= 0; i--) {
                double s = yv[i];
                for (int k = i + 1; k < m; k++) {
                    s -= l[k][i] * x[k];
                }
                x[i] = s / l[i][i];
            }
            return x;
        }
    }
}
