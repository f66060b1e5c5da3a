package dev.untangle.rl.gcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.AlgorithmConfig;
import dev.untangle.config.ConfigException;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.GcdConfig;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels from each source, margin and selection, held-out tasks, and the options' validation. */
class VerdictLabelsTest {

    // advantage A, won, step advantage A_S, anchor id
    private final List<StepSample> batch = List.of(
            GcdFixtures.sample("train/1", 0.8, true, 0.3, 0),
            GcdFixtures.sample("train/1", -0.4, false, -0.6, 0),
            GcdFixtures.sample("train/2", 0.05, false, 0.0, 1),
            GcdFixtures.sample("train/2", 0.0, true, 0.2, -1));

    private int[] labels(GcdConfig c) {
        return batch.stream().mapToInt(s -> VerdictLabels.label(s, c)).toArray();
    }

    @Test
    void advantageSignWithMargin() {
        assertArrayEquals(new int[] {1, -1, 1, 0}, labels(GcdFixtures.config("label_source=advantage")));
        assertArrayEquals(new int[] {1, -1, 0, 0}, labels(GcdFixtures.config("margin=0.1")));
    }

    @Test
    void outcomeLabelsEveryStepOfTheEpisode() {
        assertArrayEquals(new int[] {1, -1, -1, 1}, labels(GcdFixtures.config("label_source=outcome")));
        assertArrayEquals(new int[] {0, 0, 0, 0}, labels(GcdFixtures.config("label_source=outcome", "margin=1")));
    }

    @Test
    void stepAdvantageAndMixedAnchorSelection() {
        assertArrayEquals(new int[] {1, -1, 0, 1}, labels(GcdFixtures.config("label_source=step")));
        // mixed anchors: an anchor group (id >= 0) and A_S != 0; the label still comes from A
        assertArrayEquals(new int[] {1, -1, 0, 0}, labels(GcdFixtures.config("selection=mixed_anchors")));
    }

    @Test
    void progressLabelsComeFromTheWorldsJudgementAndAbsentSignalsLabelNothing() {
        GcdConfig c = GcdFixtures.config("label_source=progress");
        double[] progress = {1, -1, 0, Double.NaN, 2};
        int[] expected = {1, -1, 0, 0, 1};
        for (int i = 0; i < progress.length; i++) {
            // the episode was won with a positive advantage: the label ignores both
            StepSample s = new StepSample(new CollectedStep(0, 0, i, "train/1", "type", "o", new int[] {3},
                    new int[] {4, 2},
                    new float[] {-1f, -1f}, null, 1.0, true, progress[i], 0), new StepTargets(0, true, 0.5, 0, 0.5,
                    -1));
            assertEquals(expected[i], VerdictLabels.label(s, c), "progress " + progress[i]);
            assertEquals(progress[i], s.progress(), "the estimator keeps the signal");
        }
        assertEquals(0, VerdictLabels.label(GcdFixtures.sample("train/1", 0.8, true, 0.3, 0),
                GcdFixtures.config("label_source=progress", "margin=0.5")), "a sample without a signal");
    }

    @Test
    void heldOutTasksAreFixedPerKeyAndNearTheFraction() {
        GcdConfig c = GcdFixtures.config("heldout_fraction=0.25", "seed=9");
        int held = 0;
        for (int i = 0; i < 4000; i++) {
            boolean h = VerdictLabels.heldOut("train/" + i, c);
            assertEquals(h, VerdictLabels.heldOut("train/" + i, c));
            held += h ? 1 : 0;
        }
        assertEquals(0.25, held / 4000.0, 0.03);
        assertTrue(!VerdictLabels.heldOut("train/3", GcdFixtures.config()));
    }

    @Test
    void stepOptionsNeedGigpoAndBadValuesNameTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> AlgorithmConfig.read(ConfigTree.empty()
                .withOverrides(List.of("algorithm.gcd.enabled=true", "algorithm.gcd.label_source=step"))));
        assertEquals("algorithm.gcd.label_source", e.key());
        e = assertThrows(ConfigException.class, () -> AlgorithmConfig.read(ConfigTree.empty().withOverrides(List.of(
                "algorithm.gcd.enabled=true", "algorithm.gcd.selection=mixed_anchors"))));
        assertEquals("algorithm.gcd.selection", e.key());
        AlgorithmConfig ok = AlgorithmConfig.read(ConfigTree.empty().withOverrides(List.of("algorithm.advantage=gigpo",
                "algorithm.gcd.enabled=true", "algorithm.gcd.label_source=step")));
        assertEquals("step", ok.gcd().labelSource().configName());
        assertEquals("algorithm.gcd.lambda", assertThrows(ConfigException.class,
                () -> GcdFixtures.config("lambda=-1")).key());
        assertEquals("algorithm.gcd.correction.threshold", assertThrows(ConfigException.class,
                () -> GcdFixtures.config("correction.threshold=1.5")).key());
        assertEquals("algorithm.gcd.consistency", assertThrows(ConfigException.class,
                () -> GcdFixtures.config("consistency=1")).key());
    }

    @Test
    void lambdaWarmsUpLinearly() {
        GcdConfig c = GcdFixtures.config("lambda=2", "warmup_steps=4");
        assertEquals(0.5, c.lambdaAt(0), 1e-12);
        assertEquals(1.5, c.lambdaAt(2), 1e-12);
        assertEquals(2.0, c.lambdaAt(3), 1e-12);
        assertEquals(2.0, c.lambdaAt(40), 1e-12);
        assertEquals(2.0, GcdFixtures.config("lambda=2").lambdaAt(0), 1e-12);
    }

    private static void assertArrayEquals(int[] want, int[] got) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, java.util.Arrays.toString(got));
    }
}
