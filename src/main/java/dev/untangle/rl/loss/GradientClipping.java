package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Global gradient-norm clipping (ALGORITHMS.md "Optimiser"):
 * {@code norm = sqrt(sum_p ||g_p||^2)}; when {@code norm > maxNorm} every gradient is scaled by
 * {@code maxNorm / (norm + 1e-6)}.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * The global L2 norm of the parameters' gradients, summed in double over per-parameter float sums. The gradient
     * and its temporaries live in a sub-manager closed at once: attached to the weights' manager (as they were
     * before), every step leaked one gradient-sized array per parameter until the policy closed, which ran a
     * width-128 SFT out of 24 GiB of memory.
     */
    public static double globalNorm(List<Parameter> params) {
        double sq = 0;
        for (Parameter p : params) {
            NDArray w = p.getArray();
            try (NDManager tmp = w.getManager().newSubManager()) {
                NDArray g = w.getGradient();
                g.attach(tmp);
                sq += g.square().sum().getFloat();
            }
        }
        return Math.sqrt(sq);
    }

    /**
     * Clips the gradients in place.
     *
     * @param params  parameters whose gradients were filled by a backward pass
     * @param maxNorm the largest allowed global norm ({@code <= 0}: no clipping)
     * @return the global norm before clipping
     */
    public static double clip(List<Parameter> params, double maxNorm) {
        double norm = globalNorm(params);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (Parameter p : params) {
                try (NDArray g = p.getArray().getGradient()) {
                    g.muli(scale);
                }
            }
        }
        return norm;
    }
}
