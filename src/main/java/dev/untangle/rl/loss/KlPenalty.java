package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
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

    /** The estimators. */
    public enum Estimator {
        /** {@code logProb - refLogProb}. */
        K1,
        /** {@code exp(d) - d - 1}, {@code d = refLogProb - logProb}. */
        K3
    }

    private final double klCoef;
    private final Estimator estimator;

    /** Creates the penalty. */
    public KlPenalty(double klCoef, Estimator estimator) {
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

    /** The per-token estimate, [B, T]. */
    public static NDArray perToken(NDArray logProb, NDArray refLogProb, Estimator estimator) {
        if (estimator == Estimator.K1) {
            return logProb.sub(refLogProb);
        }
        NDArray d = refLogProb.sub(logProb);
        return d.exp().sub(d).sub(1);
    }

    @Override
    public LossOutput compute(LossContext ctx) {
        NDArray kl = ctx.reduce(perToken(ctx.logProb(), ctx.referenceLogProb(), estimator));
        return new LossOutput(kl.mul(ctx.scope().create((float) klCoef)), Map.of("loss/kl", (double) kl.getFloat()));
    }
}
