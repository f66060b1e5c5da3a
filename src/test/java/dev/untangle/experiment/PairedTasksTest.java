package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PairedTasksTest {

    private static final Bootstrap B = new Bootstrap(0.95, 2000, 11);

    @Test
    void mcnemarExactPMatchesHandComputedBinomialTails() {
        // p = min(1, 2 * sum_{i <= min(b,c)} C(b+c, i) / 2^(b+c)).
        assertEquals(2.0 / 32, PairedTasks.mcnemarExactP(0, 5), 1e-15);          // 2 * 1/32
        assertEquals(22.0 / 1024, PairedTasks.mcnemarExactP(1, 9), 1e-15);        // 2 * (1 + 10)/1024
        assertEquals(112.0 / 1024, PairedTasks.mcnemarExactP(8, 2), 1e-15);       // 2 * (1 + 10 + 45)/1024
        assertEquals(134.0 / 2048, PairedTasks.mcnemarExactP(2, 9), 1e-15);       // 2 * (1 + 11 + 55)/2048
        assertEquals(1.0, PairedTasks.mcnemarExactP(3, 3), 0);                     // 84/64 capped at 1
        assertEquals(1.0, PairedTasks.mcnemarExactP(0, 0), 0);
        assertEquals(1.0, PairedTasks.mcnemarExactP(0, 1), 0);                     // 2 * 1/2
        assertEquals(0.0, PairedTasks.mcnemarExactP(0, 3000), 1e-300);             // underflows, no NaN
        assertEquals(1.0, PairedTasks.mcnemarExactP(600, 600), 0);
        // Large counts stay accurate: b = 40, c = 60 has p = 0.05688793... (exact binomial sum).
        assertEquals(0.05688793364098079, PairedTasks.mcnemarExactP(40, 60), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> PairedTasks.mcnemarExactP(-1, 2));
    }

    @Test
    void countsDifferenceAndPerSeedOnAHandExample() {
        // Seed 0: (1,0) (1,1) (0,1) (1,0) (-1,1) -> 4 pairs, b = 2, c = 1. Seed 1: (1,0) (0,0) -> b = 1.
        // Seed 2 exists only for the first method: left out.
        Map<Integer, List<Integer>> first = Map.of(0, List.of(1, 1, 0, 1, -1), 1, List.of(1, 0), 2, List.of(1));
        Map<Integer, List<Integer>> second = Map.of(0, List.of(0, 1, 1, 0, 1), 1, List.of(0, 0, 1));
        PairedTasks.Comparison c = PairedTasks.compare(first, second, B);
        assertEquals(6, c.pairs());
        assertEquals(4, c.tasks(), "task ids 0..3 (id 4 had a failure in its only seed)");
        assertEquals(3, c.b());
        assertEquals(1, c.c());
        assertEquals(4.0 / 6, c.firstRate(), 1e-15);
        assertEquals(2.0 / 6, c.secondRate(), 1e-15);
        assertEquals(2.0 / 6, c.difference(), 1e-15);
        assertEquals(0.625, c.pValue(), 1e-15);                                   // 2 * (1 + 4)/16
        assertEquals(List.of(0, 1), List.copyOf(c.perSeed().keySet()));
        assertEquals(new PairedTasks.SeedCounts(4, 2, 1, 0.25), c.perSeed().get(0));
        assertEquals(new PairedTasks.SeedCounts(2, 1, 0, 0.5), c.perSeed().get(1));
        assertTrue(c.ciLow() <= c.difference() && c.difference() <= c.ciHigh());
        assertFalse(SignificanceRule.of(B).verdict(c, null).significant());
    }

    @Test
    void bootstrapIntervalCoversTheTrueDifferenceAndFlagsARealOne() {
        // 3 seeds x 300 tasks; task t has difficulty u_t ~ U(0, 1) shared by all seeds. The second method wins
        // when u_t < 0.5; the first when u_t < 0.7, flipped by per-seed noise on 10% of (seed, task) pairs. True
        // success rates: 0.7 * 0.9 + 0.3 * 0.1 = 0.66 and 0.5, so the true difference is 0.16.
        SplittableRandom rng = new SplittableRandom(5);
        double[] u = new double[300];
        for (int t = 0; t < u.length; t++) {
            u[t] = rng.nextDouble();
        }
        Map<Integer, List<Integer>> first = new TreeMap<>();
        Map<Integer, List<Integer>> second = new TreeMap<>();
        for (int seed = 0; seed < 3; seed++) {
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            for (double v : u) {
                boolean noise = rng.nextDouble() < 0.1;
                a.add(v < 0.7 ^ noise ? 1 : 0);
                b.add(v < 0.5 ? 1 : 0);
            }
            first.put(seed, a);
            second.put(seed, b);
        }
        PairedTasks.Comparison c = PairedTasks.compare(first, second, new Bootstrap(0.95, 4000, 3));
        assertEquals(900, c.pairs());
        assertTrue(c.ciLow() < 0.16 && 0.16 < c.ciHigh(), c.ciLow() + " .. " + c.ciHigh());
        assertTrue(c.ciLow() > 0.05, "a 0.16 difference over 300 tasks is clearly above zero: " + c.ciLow());
        assertTrue(c.pValue() < 1e-6);
        assertTrue(SignificanceRule.of(B).verdict(c, null).significant());
        // Against itself: no discordant pair, a zero-width interval at 0, p = 1.
        PairedTasks.Comparison same = PairedTasks.compare(first, first, B);
        assertEquals(0, same.difference(), 0);
        assertEquals(0, same.ciLow(), 0);
        assertEquals(0, same.ciHigh(), 0);
        assertEquals(1, same.pValue(), 0);
        assertFalse(SignificanceRule.of(B).verdict(same, null).significant());
    }

    @Test
    void resamplingIsSeededAndDeterministic() {
        SplittableRandom rng = new SplittableRandom(9);
        Map<Integer, List<Integer>> first = new TreeMap<>();
        Map<Integer, List<Integer>> second = new TreeMap<>();
        for (int seed = 0; seed < 2; seed++) {
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            for (int t = 0; t < 57; t++) {
                a.add(rng.nextInt(2));
                b.add(rng.nextInt(3) - 1);
            }
            first.put(seed, a);
            second.put(seed, b);
        }
        Bootstrap small = new Bootstrap(0.95, 301, 11);
        PairedTasks.Comparison a = PairedTasks.compare(first, second, small);
        assertEquals(a, PairedTasks.compare(first, second, small));
        assertEquals(a, PairedTasks.compare(Map.copyOf(first), Map.copyOf(second), small), "map order is irrelevant");
        PairedTasks.Comparison other = PairedTasks.compare(first, second, new Bootstrap(0.95, 301, 12));
        assertEquals(a.difference(), other.difference());
        assertNotEquals(List.of(a.ciLow(), a.ciHigh()), List.of(other.ciLow(), other.ciHigh()));
    }

    @Test
    void noPairsGiveUndefinedNumbers() {
        PairedTasks.Comparison c = PairedTasks.compare(Map.of(0, List.of(-1, 1)), Map.of(0, List.of(1)), B);
        assertEquals(0, c.pairs());
        assertTrue(Double.isNaN(c.difference()) && Double.isNaN(c.ciLow()) && Double.isNaN(c.pValue()));
        assertFalse(SignificanceRule.of(B).verdict(c, null).significant());
        assertEquals(0, PairedTasks.compare(Map.of(), Map.of(1, List.of(1)), B).perSeed().size());
    }

    /** Connor's sample size solved for the difference: psi = 0.2 over 200 pairs detects 0.0881 (hand-computed). */
    @Test
    void minimumDetectableEffectInvertsConnorsSampleSize() {
        double mde = PairedTasks.minimumDetectableEffect(200, 24, 16);
        org.junit.jupiter.api.Assertions.assertEquals(0.08807, mde, 1e-4);
        org.junit.jupiter.api.Assertions.assertEquals(200, PairedTasks.requiredPairs(mde, 0.2), 1e-6);
        org.junit.jupiter.api.Assertions.assertEquals(154.6, PairedTasks.requiredPairs(0.1, 0.2), 0.1);
        // four times the pairs at the same discordant share: about half the effect
        double more = PairedTasks.minimumDetectableEffect(800, 96, 64);
        org.junit.jupiter.api.Assertions.assertTrue(more < mde * 0.55 && more > mde * 0.45, more + " vs " + mde);
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(PairedTasks.minimumDetectableEffect(50, 0, 0)));
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(PairedTasks.minimumDetectableEffect(0, 0, 0)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PairedTasks.minimumDetectableEffect(10, 6, 6));
    }
}
