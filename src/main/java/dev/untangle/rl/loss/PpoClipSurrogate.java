package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PPO-clip surrogate on token level with separate clip ranges (ALGORITHMS.md "PPO-clip"), [B, T]:
 * <pre>
 * logRatio = logProb - oldLogProb
 * ratio    = exp(logRatio)
 * pgLoss1  = -A ratio
 * pgLoss2  = -A clip(ratio, 1 - clipLow, 1 + clipHigh)
 * pgLoss   = max(pgLoss1, pgLoss2), reduced by the aggregation
 * </pre>
 * Metrics: {@code loss/pg}, {@code loss/clipfrac_low} (ratio &lt; 1 - clipLow with A &lt; 0),
 * {@code loss/clipfrac_high} (ratio &gt; 1 + clipHigh with A &gt; 0), {@code loss/approx_kl_old}
 * (k3 between pi_old and pi_theta), {@code loss/ratio_mean}.
 */
public final class PpoClipSurrogate implements LossTerm {

    private final double clipLow;
    private final double clipHigh;

    /**
     * Creates the surrogate.
     *
     * @param clipLow  the ratio is clipped below at {@code 1 - clipLow}
     * @param clipHigh the ratio is clipped above at {@code 1 + clipHigh}
     */
    public PpoClipSurrogate(double clipLow, double clipHigh) {
        this.clipLow = clipLow;
        this.clipHigh = clipHigh;
    }

    @Override
    public String name() {
        return "ppo_clip";
    }

    @Override
    public LossOutput compute(LossContext ctx) {
        NDArray adv = ctx.advantage();
        NDArray logRatio = ctx.logProb().sub(ctx.oldLogProb());                  // log pi_theta - log pi_old
        NDArray ratio = logRatio.exp();
        NDArray pgLoss1 = adv.neg().mul(ratio);                                  // -A r
        NDArray pgLoss2 = adv.neg().mul(ratio.clip((float) (1 - clipLow), (float) (1 + clipHigh)));  // -A clip(r)
        NDArray pgLoss = pgLoss1.maximum(pgLoss2);
        NDArray loss = ctx.reduce(pgLoss);

        NDArray r = ratio.stopGradient();
        NDArray lowClipped = r.lt((float) (1 - clipLow)).logicalAnd(adv.lt(0)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        NDArray highClipped = r.gt((float) (1 + clipHigh)).logicalAnd(adv.gt(0)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        NDArray approxKl = r.sub(1).sub(logRatio.stopGradient());               // k3(pi_old || pi_theta)
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss/pg", (double) loss.getFloat());
        m.put("loss/clipfrac_low", ctx.maskedMean(lowClipped));
        m.put("loss/clipfrac_high", ctx.maskedMean(highClipped));
        m.put("loss/approx_kl_old", ctx.maskedMean(approxKl));
        m.put("loss/ratio_mean", ctx.maskedMean(r));
        return new LossOutput(loss, m);
    }
}
