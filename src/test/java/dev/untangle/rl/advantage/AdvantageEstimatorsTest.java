package dev.untangle.rl.advantage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigException;
import dev.untangle.rl.Episodes;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.StepSample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GRPO and GiGPO against hand-computed vectors (ALGORITHMS.md). */
class AdvantageEstimatorsTest {

    private static final double TOL = 1e-5;

    private static double[] advantages(Advantages a) {
        return a.samples().stream().mapToDouble(StepSample::advantage).toArray();
    }

    @Test
    void groupNormEdgeCases() {
        // group 7: values 1, -0.1, 0.9 (mean 0.6); group 8: all equal; group 9: singleton
        double[] x = {1, -0.1, 0.9, 0.5, 0.5, 3};
        int[] g = {7, 7, 7, 8, 8, 9};
        assertArrayEquals(new double[] {0.4, -0.7, 0.3, 0, 0, 0}, GroupNorm.apply(x, g, false, false), TOL);
        double std = Math.sqrt((0.16 + 0.49 + 0.09) / 3);   // population std = 0.496655
        assertArrayEquals(new double[] {0.4 / std, -0.7 / std, 0.3 / std, 0, 0, 0},
                GroupNorm.apply(x, g, true, false), 1e-4);
        double sample = Math.sqrt((0.16 + 0.49 + 0.09) / 2);   // algorithm.std=sample: divisor n - 1
        assertArrayEquals(new double[] {0.4 / sample, -0.7 / sample, 0.3 / sample, 0, 0, 0},
                GroupNorm.apply(x, g, true, true), 1e-4);
        assertEquals(0.5, GroupNorm.fractionConstant(x, g), TOL);
    }

    @Test
    void theTheoryChecksUseTheTrainersNormalisation() {
        double[] r = {1, 0, 0, 1, 1};
        assertArrayEquals(GroupNorm.apply(r, new int[5], true, true),
                dev.untangle.coupling.theory.GroupNormalization.MEAN_STD.apply(r), 0);
        assertArrayEquals(GroupNorm.apply(r, new int[5], false, true),
                dev.untangle.coupling.theory.GroupNormalization.MEAN.apply(r), 0);
        AdvantageSettings sample = AdvantageSettings.of(dev.untangle.config.TrainConfig.read(
                dev.untangle.config.ConfigTree.empty().withOverrides(List.of("algorithm.std=sample"))));
        assertTrue(sample.sampleStd() && sample.normalizeStd());
        assertTrue(!AdvantageSettings.of(dev.untangle.config.TrainConfig.read(
                dev.untangle.config.ConfigTree.empty())).sampleStd(), "population is the default");
    }

    @Test
    void grpoGivesEveryStepItsEpisodeAdvantageAndSkipsFailedEpisodes() {
        List<Episode> eps = List.of(
                Episodes.of(0, 0, true, List.of("a", "b"), true, true),              // R = 1
                Episodes.of(1, 0, false, List.of("a", "b", "c"), true, false, true),  // R = -0.1
                Episodes.of(2, 0, true, List.of("a", "b"), false, true),              // R = 0.9
                Episodes.failed(3, 0),                                                 // excluded
                Episodes.of(4, 1, false, List.of("a")),                                // all-equal group -> 0
                Episodes.of(5, 1, false, List.of("a")),
                Episodes.of(6, 2, true, List.of("a")));                                // singleton -> 0
        AdvantageEstimator mean = AdvantageEstimators.create("grpo", new AdvantageSettings(false, false, 0.1, 1, 1));
        Advantages a = mean.estimate(eps);
        assertArrayEquals(new double[] {0.4, 0.4, -0.7, -0.7, -0.7, 0.3, 0.3, 0, 0, 0}, advantages(a), TOL);
        assertTrue(a.samples().stream().noneMatch(s -> s.episodeId() == 3));
        assertEquals(-0.1, a.samples().get(3).reward(), TOL);                    // invalid step's reward
        assertEquals(1.0, a.samples().get(1).reward(), TOL);                     // winning last step
        assertEquals(0.5, a.stats().get("adv/frac_zero_std_groups"), TOL);

        double std = Math.sqrt((0.16 + 0.49 + 0.09) / 3);
        Advantages s = AdvantageEstimators.create("grpo", new AdvantageSettings(true, false, 0.1, 1, 1)).estimate(eps);
        assertEquals(0.4 / std, s.samples().get(0).advantage(), 1e-4);
        assertEquals(-0.7 / std, s.samples().get(2).advantage(), 1e-4);
        assertEquals(0, s.samples().get(7).advantage(), TOL);
    }

    @Test
    void gigpoAddsAnchorStepAdvantages() {
        // gamma 0.5, w 1, mean normalisation, no penalty. Group 0:
        //  A: s0 s1, won  -> G = [0.5, 1]      B: s0 s2 s1, lost -> G = [0, 0, 0]      C: like A
        // R = [1, 0, 1] -> A_E = [1/3, -2/3, 1/3]
        // anchor s0: G {0.5, 0, 0.5} -> {1/6, -1/3, 1/6}; s1: {1, 0, 1} -> {1/3, -2/3, 1/3}; s2 singleton -> 0
        // Group 1: two lost episodes at s0 (same text as group 0, but another group) -> all 0.
        List<Episode> eps = List.of(
                Episodes.of(0, 0, true, List.of("s0", "s1")),
                Episodes.of(1, 0, false, List.of("s0", "s2", "s1")),
                Episodes.of(2, 0, true, List.of("s0", "s1")),
                Episodes.of(3, 1, false, List.of("s0")),
                Episodes.of(4, 1, false, List.of("s0")));
        Advantages a = AdvantageEstimators.create("gigpo", new AdvantageSettings(false, false, 0, 0.5, 1)).estimate(eps);
        double third = 1.0 / 3;
        assertArrayEquals(new double[] {
            third + 1.0 / 6, third + third,
            -2 * third - third, -2 * third, -2 * third - 2 * third,
            third + 1.0 / 6, third + third,
            0, 0}, advantages(a), TOL);
        List<StepSample> s = a.samples();
        assertEquals(s.get(0).anchorId(), s.get(2).anchorId());          // s0 in group 0
        assertNotEquals(s.get(0).anchorId(), s.get(7).anchorId());       // s0 in group 1 is another anchor
        assertEquals(0, s.get(3).stepAdvantage(), TOL);                  // singleton anchor s2
        assertEquals(-2 * third, s.get(3).episodeAdvantage(), TOL);
        assertEquals(4.0, a.stats().get("adv/anchor_groups"), TOL);
        assertEquals(8.0 / 9, a.stats().get("adv/frac_steps_in_shared_anchors"), TOL);

        // w scales the step part only
        Advantages half = AdvantageEstimators.create("gigpo", new AdvantageSettings(false, false, 0, 0.5, 0.5)).estimate(eps);
        assertEquals(third + 0.5 / 6, half.samples().get(0).advantage(), TOL);
    }

    @Test
    void gigpoDiscountsInvalidPenalties() {
        // one episode pair, same anchors; A: s0 (invalid) s0 (valid, win) -> r = [-0.1, 1], G = [-0.1 + 0.9, 1]
        List<Episode> eps = List.of(
                Episodes.of(0, 0, true, List.of("s0", "s0"), false, true),
                Episodes.of(1, 0, false, List.of("s0", "s0"), true, true));
        Advantages a = AdvantageEstimators.create("gigpo", new AdvantageSettings(false, false, 0.1, 0.9, 1)).estimate(eps);
        // A_E: R = [0.9, 0] -> [0.45, -0.45]; anchor s0 (all four steps): G = [0.8, 1, 0, 0], mean 0.45
        assertArrayEquals(new double[] {0.45 + 0.35, 0.45 + 0.55, -0.45 - 0.45, -0.45 - 0.45}, advantages(a), TOL);
    }

    @Test
    void unknownEstimatorListsKnownNames() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AdvantageEstimators.create("ppo", new AdvantageSettings(false, false, 0, 1, 1)));
        assertEquals("algorithm.advantage: unknown estimator 'ppo'; known: [gigpo, grpo]", e.getMessage());
    }
}
