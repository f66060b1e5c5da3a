package dev.untangle.rl.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.untangle.config.AlgorithmConfig;
import dev.untangle.config.AlgorithmConfig.Aggregation;
import dev.untangle.config.AlgorithmConfig.KlEstimator;
import dev.untangle.config.ConfigChoice;
import dev.untangle.config.ConfigException;
import dev.untangle.config.ConfigTree;
import dev.untangle.policy.Scores;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clipped surrogate, KL estimators, entropy bonus and aggregation against hand-computed values. */
class LossTermsTest {

    private static final double TOL = 1e-5;

    /**
     * Two samples: sample 0 has 2 tokens, old [-1, -1], new [-0.5, -1.2], A = +1; sample 1 has 1 token,
     * old [-2], new [-2.5], A = -1. Reference log-probs [-1, -1 | -2], entropy [1, 2 | 3].
     */
    private static LossContext context(NDManager m, LossAggregation agg) {
        StepSample s0 = new StepSample(new CollectedStep(0, 0, 0, "t/0", "x", "o", new int[] {1}, new int[] {3, 2},
                new float[] {-1f, -1f}, null, 1.0, true, Double.NaN, 0), new StepTargets(0, true, 1, 0, 1, -1));
        StepSample s1 = new StepSample(new CollectedStep(1, 0, 0, "t/0", "x", "o", new int[] {1}, new int[] {2},
                new float[] {-2f}, null, 1.0, true, Double.NaN, 0), new StepTargets(0, false, -1, 0, -1, -1));
        NDArray logp = m.create(new float[] {-0.5f, -1.2f, -2.5f, 0f}, new Shape(2, 2));
        NDArray ent = m.create(new float[] {1f, 2f, 3f, 0f}, new Shape(2, 2));
        NDArray mask = m.create(new float[] {1f, 1f, 1f, 0f}, new Shape(2, 2));
        NDArray ref = m.create(new float[] {-1f, -1f, -2f, 0f}, new Shape(2, 2));
        return new LossContext(null, m, List.of(s0, s1), new Scores(logp, ent, mask, null), ref, agg, 0);
    }

    @Test
    void ppoClipTokenMeanAndClipFractions() {
        try (NDManager m = NDManager.newBaseManager()) {
            LossOutput out = new PpoClipSurrogate(0.2, 0.28, 0).compute(context(m, LossAggregation.TOKEN_MEAN));
            // per token: max(-A r, -A clip(r)): [-1.28, -exp(-0.2)] and [0.8]
            double expected = (-1.28 - Math.exp(-0.2) + 0.8) / 3;
            assertEquals(expected, out.loss().getFloat(), TOL);
            assertEquals(1.0 / 3, out.metrics().get("loss/clipfrac_high"), TOL);
            assertEquals(1.0 / 3, out.metrics().get("loss/clipfrac_low"), TOL);
            double k3 = ((Math.exp(0.5) - 1 - 0.5) + (Math.exp(-0.2) - 1 + 0.2) + (Math.exp(-0.5) - 1 + 0.5)) / 3;
            assertEquals(k3, out.metrics().get("loss/approx_kl_old"), TOL);
        }
    }

    /** One action token with A = -1 whose probability rose from exp(-30) to exp(-1) since the rollout. */
    private static LossContext runaway(NDManager m, NDArray logp) {
        StepSample s = new StepSample(new CollectedStep(0, 0, 0, "t/0", "x", "o", new int[] {1}, new int[] {3},
                new float[] {-30f}, null, 1.0, true, Double.NaN, 0), new StepTargets(0, false, -1, 0, -1, -1));
        NDArray one = m.create(new float[] {1f}, new Shape(1, 1));
        return new LossContext(null, m, List.of(s), new Scores(logp, one, one, null), null,
                LossAggregation.TOKEN_MEAN, 0);
    }

    @Test
    void logRatioIsClampedAndTheDualClipBoundsANegativeAdvantageToken() {
        try (NDManager m = NDManager.newBaseManager()) {
            // without the dual clip: log ratio 29 is clamped to 20, so the loss is -A exp(20), not exp(29)
            LossOutput plain = new PpoClipSurrogate(0.2, 0.28, 0)
                    .compute(runaway(m, m.create(new float[] {-1f}, new Shape(1, 1))));
            assertEquals(Math.exp(20), plain.loss().getFloat(), Math.exp(20) * 1e-5);
            assertEquals(0.0, plain.metrics().get("loss/clipfrac_dual"), TOL);

            // with c = 3 the token's loss is -A c = 3 and it pushes no gradient
            NDArray logp = m.create(new float[] {-1f}, new Shape(1, 1));
            logp.setRequiresGradient(true);
            LossOutput dual;
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                dual = new PpoClipSurrogate(0.2, 0.28, 3.0).compute(runaway(m, logp));
                gc.backward(dual.loss());
            }
            assertEquals(3.0, dual.loss().getFloat(), TOL);
            assertEquals(1.0, dual.metrics().get("loss/clipfrac_dual"), TOL);
            assertEquals(0f, logp.getGradient().getFloat(), 0f);

            // a ratio below c is untouched by the dual clip: old -1.5, new -1 gives -A clip(r) = min(r, 1.28)
            StepSample s = new StepSample(new CollectedStep(0, 0, 0, "t/0", "x", "o", new int[] {1}, new int[] {3},
                    new float[] {-1.5f}, null, 1.0, true, Double.NaN, 0), new StepTargets(0, false, -1, 0, -1, -1));
            NDArray one = m.create(new float[] {1f}, new Shape(1, 1));
            LossOutput mild = new PpoClipSurrogate(0.2, 0.28, 3.0).compute(new LossContext(null, m, List.of(s),
                    new Scores(m.create(new float[] {-1f}, new Shape(1, 1)), one, one, null), null,
                    LossAggregation.TOKEN_MEAN, 0));
            assertEquals(Math.exp(0.5), mild.loss().getFloat(), TOL);
            assertEquals(0.0, mild.metrics().get("loss/clipfrac_dual"), TOL);
        }
    }

    @Test
    void clipRatioCMustExceedOne() {
        ConfigException e = assertThrows(ConfigException.class, () -> AlgorithmConfig.read(
                ConfigTree.empty().withOverrides(List.of("algorithm.clip_ratio_c=0.5"))));
        assertTrue(e.getMessage().contains("algorithm.clip_ratio_c"), e.getMessage());
    }

    @Test
    void ppoClipSeqMeanTokenMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            LossOutput out = new PpoClipSurrogate(0.2, 0.28, 0).compute(context(m, LossAggregation.SEQ_MEAN_TOKEN_MEAN));
            double seq0 = (-1.28 - Math.exp(-0.2)) / 2;
            assertEquals((seq0 + 0.8) / 2, out.loss().getFloat(), TOL);
        }
    }

    @Test
    void klEstimatorsK1AndK3() {
        try (NDManager m = NDManager.newBaseManager()) {
            LossContext ctx = context(m, LossAggregation.TOKEN_MEAN);
            LossOutput k1 = new KlPenalty(0.5, KlEstimator.K1).compute(ctx);
            assertEquals((0.5 - 0.2 - 0.5) / 3, k1.metrics().get("loss/kl"), TOL);
            assertEquals(0.5 * (0.5 - 0.2 - 0.5) / 3, k1.loss().getFloat(), TOL);
            LossOutput k3 = new KlPenalty(2, KlEstimator.K3).compute(ctx);
            // d = ref - logp = [-0.5, 0.2 | 0.5]; k3 = exp(d) - d - 1
            double expected = ((Math.exp(-0.5) + 0.5 - 1) + (Math.exp(0.2) - 0.2 - 1) + (Math.exp(0.5) - 0.5 - 1)) / 3;
            assertEquals(expected, k3.metrics().get("loss/kl"), TOL);
            assertEquals(2 * expected, k3.loss().getFloat(), TOL);
        }
    }

    @Test
    void entropyBonusIsNegativeCoefTimesMeanEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            LossOutput tm = new EntropyBonus(0.01).compute(context(m, LossAggregation.TOKEN_MEAN));
            assertEquals(-0.01 * 2, tm.loss().getFloat(), TOL);
            LossOutput sm = new EntropyBonus(0.01).compute(context(m, LossAggregation.SEQ_MEAN_TOKEN_MEAN));
            assertEquals(-0.01 * (1.5 + 3) / 2, sm.loss().getFloat(), TOL);
        }
    }

    @Test
    void aggregationIgnoresPaddingAndEmptyRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(new float[] {1, 3, 100, 5, 100, 100}, new Shape(3, 2));
            NDArray mask = m.create(new float[] {1, 1, 0, 1, 0, 0}, new Shape(3, 2));
            assertEquals(3.0, LossAggregation.TOKEN_MEAN.reduce(l, mask).getFloat(), TOL);
            assertEquals((2.0 + 5 + 0) / 3, LossAggregation.SEQ_MEAN_TOKEN_MEAN.reduce(l, mask).getFloat(), TOL);
        }
        assertEquals(LossAggregation.SEQ_MEAN_TOKEN_MEAN, LossAggregation.of(ConfigChoice.parse(Aggregation.class,
                "algorithm.aggregation", "seq-mean-token-mean")));
        assertThrows(ConfigException.class,
                () -> ConfigChoice.parse(Aggregation.class, "algorithm.aggregation", "sum"));
    }

    @Test
    void registryActivatesTermsByCoefficientAndRejectsUnknownNames() {
        AlgorithmConfig plain = AlgorithmConfig.read(ConfigTree.empty());
        assertEquals(List.of("ppo_clip"), LossTerms.active(plain).stream().map(LossTerm::name).toList());
        AlgorithmConfig all = AlgorithmConfig.read(ConfigTree.empty().withOverrides(
                List.of("algorithm.kl_coef=0.1", "algorithm.entropy_coef=0.01")));
        assertEquals(List.of("ppo_clip", "kl", "entropy"),
                LossTerms.active(all).stream().map(LossTerm::name).toList());
        assertTrue(LossTerms.active(all).get(1).needsReference());
        ConfigException e = assertThrows(ConfigException.class, () -> LossTerms.create("dpo", plain));
        assertTrue(e.getMessage().contains("known: [entropy, gcd, kl, ppo_clip]"), e.getMessage());
    }
}
