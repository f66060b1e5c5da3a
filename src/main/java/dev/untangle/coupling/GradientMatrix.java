package dev.untangle.coupling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Per-sample gradients g_i as the rows of one [n, D] float array held in its own {@link NDManager}
 * (closed with this object): D is the parameter count P for exact gradients, or the sketch dimension k.
 * Inner products and cosines are computed where the rows live (on the model's device).
 */
public final class GradientMatrix implements AutoCloseable {

    private final NDManager manager;
    private final NDArray rows;
    private final GradientSketch sketch;

    /**
     * Allocates zero rows.
     *
     * @param parent    manager whose device is used; a sub-manager is created
     * @param samples   n
     * @param dimension D
     * @param sketch    the sketch that maps parameter-space vectors into the row space, or {@code null} (exact)
     */
    GradientMatrix(NDManager parent, int samples, long dimension, GradientSketch sketch) {
        this.manager = parent.newSubManager();
        this.manager.setName("gradient-matrix");
        this.rows = manager.zeros(new Shape(samples, dimension));
        this.sketch = sketch;
    }

    /** Number of samples n. */
    public int samples() {
        return (int) rows.getShape().get(0);
    }

    /** Row dimension D (P exact, k sketched). */
    public long dimension() {
        return rows.getShape().get(1);
    }

    /** Whether the rows are sketches. */
    public boolean sketched() {
        return sketch != null;
    }

    /** Sets row i from a flattened parameter-space gradient (length P); it is sketched when this matrix is. */
    void setRow(int i, NDArray flatGradient) {
        if (sketch == null) {
            rows.set(new NDIndex("{}", i), flatGradient);
        } else {
            try (NDManager tmp = manager.newSubManager()) {
                rows.set(new NDIndex("{}", i), sketch.project(flatGradient, tmp));
            }
        }
    }

    /** The Gram matrix G[i][j] = &lt;g_i, g_j&gt;. */
    public double[][] gram() {
        try (NDManager tmp = manager.newSubManager()) {
            NDArray g = rows.matMul(rows.transpose());
            g.attach(tmp);
            return toDouble(g.toFloatArray(), samples());
        }
    }

    /** C[i][j] = cos(g_i, g_j), 0 where a row is zero. */
    public double[][] cosines() {
        double[][] g = gram();
        int n = g.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = Math.sqrt(g[i][i] * g[j][j]);
                c[i][j] = d == 0 ? 0 : Math.max(-1, Math.min(1, g[i][j] / d));
            }
        }
        return c;
    }

    /** The squared norms ||g_i||^2. */
    public double[] squaredNorms() {
        double[][] g = gram();
        double[] out = new double[g.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = g[i][i];
        }
        return out;
    }

    /**
     * {@code <g_i, v>} for every row, with v a flattened parameter-space vector of length P (sketched first
     * when the rows are sketches, so the result estimates the exact inner product).
     */
    public double[] dot(NDArray flatParameterVector) {
        try (NDManager tmp = manager.newSubManager()) {
            NDArray v = sketch == null ? flatParameterVector : sketch.project(flatParameterVector, tmp);
            NDArray d = rows.matMul(v.reshape(dimension(), 1));
            d.attach(tmp);
            float[] f = d.toFloatArray();
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
    }

    /** The rows copied to the heap (for small models and tests). */
    public double[][] toArray() {
        int n = samples();
        int d = Math.toIntExact(dimension());
        float[] f = rows.toFloatArray();
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = f[i * d + j];
            }
        }
        return out;
    }

    private static double[][] toDouble(float[] f, int n) {
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = f[i * n + j];
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
