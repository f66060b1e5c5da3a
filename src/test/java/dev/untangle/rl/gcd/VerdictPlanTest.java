package dev.untangle.rl.gcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.GcdConfig;
import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Class balancing inside a minibatch, held-out rows, and the classifier statistics. */
class VerdictPlanTest {

    /** 6 good, 2 bad, 1 unlabelled. */
    private static List<StepSample> batch() {
        List<StepSample> b = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            b.add(GcdFixtures.sample("train/" + i, 1.0, true, 0, -1));
        }
        b.add(GcdFixtures.sample("train/6", -1.0, false, 0, -1));
        b.add(GcdFixtures.sample("train/7", 0.0, false, 0, -1));
        b.add(GcdFixtures.sample("train/8", -2.0, false, 0, -1));
        return b;
    }

    @Test
    void noBalancingWeighsEveryLabelledRowOne() {
        VerdictPlan p = VerdictPlan.of(batch(), GcdFixtures.config("balance=none"), 0);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, -1, 0, -1}, p.label());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 0, 1}, p.weight());
        assertEquals(8, p.scoredCount());
    }

    @Test
    void reweightGivesEachClassHalfTheMass() {
        VerdictPlan p = VerdictPlan.of(batch(), GcdFixtures.config("balance=reweight"), 0);
        // n = 8 training rows: good rows 8 / (2 * 6), bad rows 8 / (2 * 2)
        float g = 8f / 12f;
        assertArrayEquals(new float[] {g, g, g, g, g, g, 2f, 0f, 2f}, p.weight(), 1e-6f);
    }

    @Test
    void downsampleKeepsAsManyOfTheLargerClassAsTheSmallerHasSeeded() {
        GcdConfig c = GcdFixtures.config("balance=downsample", "seed=5");
        VerdictPlan a = VerdictPlan.of(batch(), c, 3);
        float kept = 0;
        for (int i = 0; i < 6; i++) {
            kept += a.weight()[i];
        }
        assertEquals(2f, kept);
        assertEquals(1f, a.weight()[6]);
        assertEquals(1f, a.weight()[8]);
        assertArrayEquals(a.weight(), VerdictPlan.of(batch(), c, 3).weight());
        boolean differs = false;
        for (int step = 4; step < 12; step++) {
            differs |= !java.util.Arrays.equals(a.weight(), VerdictPlan.of(batch(), c, step).weight());
        }
        assertEquals(true, differs, "different optimiser steps should draw different subsets");
    }

    @Test
    void heldOutRowsAreScoredButNotTrained() {
        GcdConfig c = GcdFixtures.config("balance=none", "heldout_fraction=0.5", "seed=2");
        VerdictPlan p = VerdictPlan.of(batch(), c, 0);
        int held = 0;
        int trained = 0;
        for (int i = 0; i < 9; i++) {
            if (p.label()[i] == 0) {
                continue;
            }
            if (p.heldOut()[i]) {
                assertEquals(0f, p.weight()[i]);
                held++;
            } else {
                assertEquals(1f, p.weight()[i], "balance=none: a trained labelled row weighs 1");
                trained++;
            }
        }
        assertTrue(held > 0 && trained > 0, "with half held out both kinds occur: " + held + " held, " + trained);
    }

    @Test
    void accuracyAndAucByHand() {
        double[] p = {0.9, 0.6, 0.4, 0.6, 0.2};
        boolean[] y = {true, true, true, false, false};
        assertEquals(3.0 / 5, VerdictStats.accuracy(p, y), 1e-12);   // 0.9 ok, 0.6 ok, 0.4 wrong, 0.6 wrong, 0.2 ok
        // pairs (good, bad): (0.9,0.6)=1 (0.9,0.2)=1 (0.6,0.6)=.5 (0.6,0.2)=1 (0.4,0.6)=0 (0.4,0.2)=1 -> 4.5 / 6
        assertEquals(4.5 / 6, VerdictStats.auc(p, y), 1e-12);
        assertEquals(0.6, VerdictStats.goodFraction(y), 1e-12);
        assertEquals(Double.NaN, VerdictStats.auc(new double[] {0.3}, new boolean[] {true}));
    }
}
