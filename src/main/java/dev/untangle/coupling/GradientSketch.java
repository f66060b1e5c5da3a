package dev.untangle.coupling;

/**
 * A seeded sparse random projection of long vectors to {@code k} dimensions (a count sketch;
 * docs/ALGORITHMS.md, "Gradient sketch"): coordinate i goes to bucket {@code h(i)} with sign
 * {@code sigma(i)}, both from a hash of (seed, i), and {@code y[h(i)] += sigma(i) x[i]}. Then
 * {@code E[<Sx, Sz>] = <x, z>}; the projection matrix is never materialised (one int per coordinate is
 * cached for the last dimension seen). Thread-confined.
 */
public final class GradientSketch {

    private final int k;
    private final long seed;
    private int[] code = new int[0];

    /**
     * @param k    sketch dimension, at least 1
     * @param seed seed of the hash
     */
    public GradientSketch(int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("sketch dimension must be >= 1 (got " + k + ")");
        }
        this.k = k;
        this.seed = seed;
    }

    /** The sketch dimension k. */
    public int dimension() {
        return k;
    }

    /** Sx for a vector of any length (the same length always maps the same way). */
    public double[] project(float[] x) {
        int[] c = codes(x.length);
        double[] y = new double[k];
        for (int i = 0; i < x.length; i++) {
            int v = c[i];
            if (v >= 0) {
                y[v] += x[i];
            } else {
                y[~v] -= x[i];
            }
        }
        return y;
    }

    /** Bucket h(i) with the sign in the encoding: h for +1, ~h for -1. */
    private int[] codes(int n) {
        if (code.length != n) {
            int[] c = new int[n];
            for (int i = 0; i < n; i++) {
                long h = mix(seed ^ (0x9E3779B97F4A7C15L * (i + 1L)));
                int bucket = (int) Long.remainderUnsigned(h >>> 1, k);
                c[i] = (h & 1L) == 0 ? bucket : ~bucket;
            }
            code = c;
        }
        return code;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
