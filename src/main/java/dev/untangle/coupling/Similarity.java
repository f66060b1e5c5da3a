package dev.untangle.coupling;

/**
 * Dense vector helpers shared by the diagnostics: dot products, norms, cosine similarity and pairwise
 * cosine matrices. Every method is pure; a zero vector has cosine 0 with everything (it has no direction).
 */
public final class Similarity {

    private Similarity() {
    }

    /** sum_i a[i] b[i]; the lengths must match. */
    public static double dot(double[] a, double[] b) {
        requireSameLength(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** sum_i a[i] b[i] for float vectors (accumulated in double). */
    public static double dot(float[] a, float[] b) {
        requireSameLength(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** The Euclidean norm ||a||. */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** The Euclidean norm ||a|| of a float vector. */
    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** cos(a, b) = a.b / (||a|| ||b||), or 0 when either vector is zero. */
    public static double cosine(double[] a, double[] b) {
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0.0 : clamp(dot(a, b) / (na * nb));
    }

    /** cos(a, b) for float vectors, or 0 when either vector is zero. */
    public static double cosine(float[] a, float[] b) {
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0.0 : clamp(dot(a, b) / (na * nb));
    }

    /** The symmetric matrix C[i][j] = cos(rows[i], rows[j]) (diagonal 1 for non-zero rows). */
    public static double[][] cosineMatrix(double[][] rows) {
        int n = rows.length;
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = norm(rows[i]);
        }
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = norms[i] == 0 || norms[j] == 0 ? 0.0 : clamp(dot(rows[i], rows[j]) / (norms[i] * norms[j]));
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        return c;
    }

    /** The Pearson correlation of two equally long samples, or NaN when either has zero variance. */
    public static double pearson(double[] x, double[] y) {
        requireSameLength(x.length, y.length);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static double clamp(double c) {
        return Math.max(-1.0, Math.min(1.0, c));
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("vector lengths differ: " + a + " vs " + b);
        }
    }
}
