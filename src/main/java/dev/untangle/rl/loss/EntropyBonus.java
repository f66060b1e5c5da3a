package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * Entropy bonus (ALGORITHMS.md "Entropy"): {@code loss = -entropyCoef * reduce(H)}, with H the entropy of
 * the next-token distribution at each action token. Metric {@code loss/entropy_bonus}.
 */
public final class EntropyBonus implements LossTerm {

    private final double entropyCoef;

    /** Creates the bonus. */
    public EntropyBonus(double entropyCoef) {
        this.entropyCoef = entropyCoef;
    }

    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public LossOutput compute(LossContext ctx) {
        NDArray h = ctx.reduce(ctx.scores().entropy());
        return new LossOutput(h.mul(ctx.scope().create((float) -entropyCoef)), Map.of("loss/entropy_bonus", (double) h.getFloat()));
    }
}
