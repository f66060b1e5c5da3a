package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PPO-clip surrogate on token level with separate clip ranges (ALGORITHMS.md "PPO-clip"), [B, T]:
 * <pre>
 * logRatio = clip(logProb - oldLogProb, -20, 20)        (exp never overflows)
 * ratio    = exp(logRatio)
 * pgLoss1  = -A ratio
 * pgLoss2  = -A clip(ratio, 1 - clipLow, 1 + clipHigh)
 * pgClip   = max(pgLoss1, pgLoss2)
 * pgLoss   = A &lt; 0 ? min(pgClip, -A c) : pgClip       (dual clip, c = clipRatioC; off when c = 0)
 * </pre>
 * reduced by the aggregation. Without the dual clip the loss of a negative-advantage token grows without bound
 * with its ratio (a token whose probability rose far above pi_old's); with it, such a token contributes at most
 * {@code -A c} and no gradient (Ye et al. 2020; verl's {@code clip_ratio_c}).
 * Metrics: {@code loss/pg}, {@code loss/clipfrac_low} (ratio &lt; 1 - clipLow with A &lt; 0),
 * {@code loss/clipfrac_high} (ratio &gt; 1 + clipHigh with A &gt; 0), {@code loss/approx_kl_old}
 * (k3 between pi_old and pi_theta), {@code loss/ratio_mean}, {@code loss/clipfrac_dual} (tokens whose loss the dual
 * clip bounded).
 */
public final class PpoClipSurrogate implements LossTerm {

    /** |log ratio| is clamped to this before exp (verl's clamp of the negative approximate KL). */
    static final float LOG_RATIO_BOUND = 20f;

    private final double clipLow;
    private final double clipHigh;
    private final double clipRatioC;

    /**
     * Creates the surrogate.
     *
     * @param clipLow    the ratio is clipped below at {@code 1 - clipLow}
     * @param clipHigh   the ratio is clipped above at {@code 1 + clipHigh}
     * @param clipRatioC the dual-clip constant c ({@code > 1}), or 0 for none
     */
    public PpoClipSurrogate(double clipLow, double clipHigh, double clipRatioC) {
        this.clipLow = clipLow;
        this.clipHigh = clipHigh;
        this.clipRatioC = clipRatioC;
    }

    @Override
    public String name() {
        return "ppo_clip";
    }

    @Override
    public LossOutput compute(LossContext ctx) {
        NDArray adv = ctx.advantage();
        NDArray logRatio = ctx.logProb().sub(ctx.oldLogProb()).clip(-LOG_RATIO_BOUND, LOG_RATIO_BOUND);
        NDArray ratio = logRatio.exp();
        NDArray pgLoss1 = adv.neg().mul(ratio);                                  // -A r
        NDArray pgLoss2 = adv.neg().mul(ratio.clip((float) (1 - clipLow), (float) (1 + clipHigh)));  // -A clip(r)
        NDArray pgClip = pgLoss1.maximum(pgLoss2);
        NDArray negative = adv.lt(0);
        NDArray pgLoss = pgClip;
        NDArray dualClipped = null;
        if (clipRatioC > 0) {
            // the constant is a tensor of the minibatch scope, never mul(Number): see TransformerLm#attentionScale
            NDArray pgLoss3 = adv.neg().mul(ctx.scope().create((float) clipRatioC));          // -A c
            pgLoss = NDArrays.where(negative, pgClip.minimum(pgLoss3), pgClip);
            dualClipped = negative.logicalAnd(pgLoss3.lt(pgClip.stopGradient()))
                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        }
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
        m.put("loss/clipfrac_dual", dualClipped == null ? 0.0 : ctx.maskedMean(dualClipped));
        return new LossOutput(loss, m);
    }
}
