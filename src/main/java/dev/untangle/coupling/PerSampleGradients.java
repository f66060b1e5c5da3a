package dev.untangle.coupling;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import java.util.List;

/**
 * Per-sample gradients g_i = grad_theta log pi(a_i | s_i), with log pi(a|s) the sum of the action tokens'
 * log-probabilities (docs/ALGORITHMS.md, "Per-sample gradients"): one forward and one backward pass per
 * sample, the parameters' gradients flattened in {@link Policy#parameters()} order into one row. The
 * policy's gradients are zeroed after every sample; call this on a copy of the training policy (the
 * diagnostics do), never between a training backward pass and its optimiser step.
 */
public final class PerSampleGradients {

    private PerSampleGradients() {
    }

    /**
     * What one pass over the samples yields.
     *
     * @param gradients g_i, one row per request (closed by the caller)
     * @param logProbs  log pi(a_i | s_i) at the current parameters
     * @param hidden    the last-layer hidden state of (s_i, a_i) at the last action token, one row per request
     */
    public record Result(GradientMatrix gradients, double[] logProbs, double[][] hidden) implements AutoCloseable {
        @Override
        public void close() {
            gradients.close();
        }
    }

    /**
     * Computes g_i for every request.
     *
     * @param policy   the policy (its gradients are overwritten and left at zero)
     * @param requests (prompt, action) pairs
     * @param sketch   a sketch to apply to every row, or {@code null} for exact gradients over all parameters
     */
    public static Result compute(Policy policy, List<ScoreRequest> requests, GradientSketch sketch) {
        List<Parameter> params = policy.parameters();
        NDManager root = params.get(0).getArray().getManager();
        long p = policy.parameterCount();
        int n = requests.size();
        GradientMatrix matrix = new GradientMatrix(root, n, sketch == null ? p : sketch.dimension(), sketch);
        double[] logProbs = new double[n];
        double[][] hidden = new double[n][];
        try {
            zeroGradients(params);
            for (int i = 0; i < n; i++) {
                try (NDManager scope = root.newSubManager()) {
                    scope.setName("per-sample-gradient");
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        Scores s = policy.score(scope, List.of(requests.get(i)), true);
                        NDArray logPi = s.logProbs().sum();                  // sum over action tokens
                        logProbs[i] = logPi.getFloat();
                        hidden[i] = toDouble(s.hidden().toFloatArray());
                        gc.backward(logPi);
                    }
                    matrix.setRow(i, flatGradient(params, scope));
                }
                zeroGradients(params);
            }
            return new Result(matrix, logProbs, hidden);
        } catch (RuntimeException e) {
            matrix.close();
            throw e;
        }
    }

    /** The parameters' gradients concatenated into one [P] array in {@code scope}. */
    static NDArray flatGradient(List<Parameter> params, NDManager scope) {
        NDList parts = new NDList(params.size());
        for (Parameter q : params) {
            NDArray g = q.getArray().getGradient();
            g.attach(scope);
            parts.add(g.flatten());
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
    }

    /** The parameters' values concatenated into one [P] array in {@code scope} (a copy). */
    static NDArray flatValues(List<Parameter> params, NDManager scope) {
        NDList parts = new NDList(params.size());
        for (Parameter q : params) {
            NDArray v = q.getArray().stopGradient();
            v.attach(scope);
            parts.add(v.flatten());
        }
        NDArray out = parts.size() == 1 ? parts.get(0).duplicate() : NDArrays.concat(parts);
        out.attach(scope);
        return out;
    }

    /** Sets every parameter's gradient to zero, outside gradient recording. */
    static void zeroGradients(List<Parameter> params) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Parameter q : params) {
                try (NDArray g = q.getArray().getGradient()) {
                    g.subi(g);
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
