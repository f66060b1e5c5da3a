package dev.untangle.coupling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * A seeded sparse random projection of long vectors to {@code k} dimensions, a count sketch with balanced
 * random buckets (docs/ALGORITHMS.md, "Gradient sketch"). For a vector of length P, zero-padded to
 * {@code P' = k ceil(P / k)}: a seeded permutation {@code perm} of {@code 0..P'-1} and signs
 * {@code sigma in {-1, +1}^P'} give
 * <pre>
 * y[b] = sum_r sigma[r k + b] x[perm[r k + b]]      b = 0..k-1
 * </pre>
 * so every coordinate lands in exactly one bucket with a random sign, each bucket holds P'/k coordinates, and
 * {@code E[<Sx, Sz>] = <x, z>}. The projection matrix is never materialised; the permutation and signs are
 * cached for the last length seen. {@link #project(NDArray, NDManager)} runs on the array's device (a gather,
 * a product and a sum); {@link #project(float[])} is the same map on the heap. Thread-confined.
 */
public final class GradientSketch {

    private final int k;
    private final long seed;
    private int length = -1;
    private int[] perm;
    private float[] sign;

    /**
     * @param k    sketch dimension, at least 1
     * @param seed seed of the permutation and signs
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

    /** Sx on the heap for a vector of any length (the same length always maps the same way). */
    public double[] project(float[] x) {
        prepare(x.length);
        double[] y = new double[k];
        for (int q = 0; q < perm.length; q++) {
            int src = perm[q];
            if (src < x.length) {
                y[q % k] += sign[q] * x[src];
            }
        }
        return y;
    }

    /**
     * Sx on the device of {@code x}.
     *
     * @param x     a flat [P] array
     * @param scope manager for the result and temporaries
     * @return a [k] array in {@code scope}
     */
    public NDArray project(NDArray x, NDManager scope) {
        int p = Math.toIntExact(x.size());
        prepare(p);
        long[] idx = new long[perm.length];
        for (int q = 0; q < idx.length; q++) {
            idx[q] = perm[q];
        }
        NDArray padded = x.reshape(p);
        if (perm.length > p) {
            padded = padded.concat(scope.zeros(new Shape(perm.length - p), x.getDataType()));
        }
        padded.attach(scope);
        NDArray y = padded.take(scope, scope.create(idx)).mul(scope.create(sign))
                .reshape(perm.length / k, k).sum(new int[] {0});
        y.attach(scope);
        return y;
    }

    private void prepare(int p) {
        if (p == length) {
            return;
        }
        int padded = (p + k - 1) / k * k;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] pm = new int[padded];
        for (int i = 0; i < padded; i++) {
            pm[i] = i;
        }
        for (int i = padded - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = pm[i];
            pm[i] = pm[j];
            pm[j] = t;
        }
        float[] sg = new float[padded];
        for (int i = 0; i < padded; i++) {
            sg[i] = rng.nextBoolean() ? 1f : -1f;
        }
        perm = pm;
        sign = sg;
        length = p;
    }
}
