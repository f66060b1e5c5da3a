package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import dev.untangle.config.AlgorithmConfig.KlEstimator;
import java.util.Map;

/**
 * KL penalty to the frozen reference policy, per token (ALGORITHMS.md "KL penalty"):
 * <pre>
 * k1 = logProb - refLogProb
 * k3 = exp(refLogProb - logProb) - (refLogProb - logProb) - 1      ("low_var_kl", always &gt;= 0)
 * loss = klCoef * reduce(k)
 * </pre>
 * Metric {@code loss/kl}: the aggregated estimate without the coefficient.
 */
public final class KlPenalty implements LossTerm {

    private final double klCoef;
    private final KlEstimator estimator;

    /** Creates the penalty. */
    public KlPenalty(double klCoef, KlEstimator estimator) {
        this.klCoef = klCoef;
        this.estimator = estimator;
    }

    @Override
    public String name() {
        return "kl";
    }

    @Override
    public boolean needsReference() {
        return true;
    }

    /**
     * The per-token estimate, [B, T]: k1 = {@code logProb - refLogProb}, k3 = {@code exp(d) - d - 1} with
     * {@code d = refLogProb - logProb}.
     */
    public static NDArray perToken(NDArray logProb, NDArray refLogProb, KlEstimator estimator) {
        return switch (estimator) {
            case K1 -> logProb.sub(refLogProb);
            case K3 -> {
                NDArray d = refLogProb.sub(logProb);
                yield d.exp().sub(d).sub(1);
            }
        };
    }

    @Override
    public LossOutput compute(LossContext ctx) {
        NDArray kl = ctx.reduce(perToken(ctx.logProb(), ctx.referenceLogProb(), estimator));
        return new LossOutput(kl.mul(ctx.scope().create((float) klCoef)), Map.of("loss/kl", (double) kl.getFloat()));
    }
}
