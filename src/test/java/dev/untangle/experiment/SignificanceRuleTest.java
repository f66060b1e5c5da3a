package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.report.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Issue 25, items 11 and 12: one significance rule, seed-level intervals only from a stated number of seeds. */
class SignificanceRuleTest {

    private static final Bootstrap B = new Bootstrap(0.95, 2000, 7);
    private static final SignificanceRule RULE = SignificanceRule.of(B);

    /** Seeds of 40 tasks each; the first method wins {@code wins[k]} more tasks than the second on seed k. */
    private static PairedTasks.Comparison compare(int... wins) {
        Map<Integer, List<Integer>> first = new TreeMap<>();
        Map<Integer, List<Integer>> second = new TreeMap<>();
        for (int k = 0; k < wins.length; k++) {
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                b.add(t < 15 ? 1 : 0);
                a.add(t < 15 + wins[k] ? 1 : 0);
            }
            first.put(k, a);
            second.put(k, b);
        }
        return PairedTasks.compare(first, second, B);
    }

    private static Results.Estimate seeds(double... v) {
        SortedMap<Integer, Double> m = new TreeMap<>();
        for (int k = 0; k < v.length; k++) {
            m.put(k, v[k]);
        }
        return Aggregation.estimate(m, B);
    }

    @Test
    void threeSeedsGiveARangeNotAConfidenceInterval() {
        Results.Estimate three = seeds(0.014, 0.007, 0.029);
        assertFalse(three.hasInterval(), "a bootstrap over 3 values is their range, not a confidence interval");
        assertTrue(Double.isNaN(three.ciLow()) && Double.isNaN(three.ciHigh()));
        assertEquals(0.007, three.min(), 1e-15);
        assertEquals(0.029, three.max(), 1e-15);
        Results.Estimate five = seeds(0.1, 0.2, 0.15, 0.12, 0.18);
        assertTrue(five.hasInterval());
        assertTrue(five.ciLow() >= 0.1 && five.ciHigh() <= 0.2 && five.ciLow() < five.ciHigh());
        assertEquals(SignificanceRule.MIN_SEEDS, RULE.minSeeds());
    }

    @Test
    void aSeedLevelIntervalAboveZeroWithFewSeedsIsNoVerdictOfItsOwn() {
        // The case: +0.014 [+0.007, +0.029] over 3 seeds read as "helps" while McNemar said p = 0.18.
        PairedTasks.Comparison tasks = compare(1, 1, 1);                 // b = 3, c = 0: p = 0.25
        Results.Estimate bySeed = seeds(0.025, 0.025, 0.025);
        Results.Verdict v = RULE.verdict(tasks, bySeed);
        assertEquals(Results.Verdict.NOT_SIGNIFICANT, v.kind(), v.reason());
        assertEquals("not significant", v.text());
        assertTrue(v.reason().contains("McNemar p = 0.2500 >= 0.05"), v.reason());
        // Without per-task outcomes, 3 seeds all above 0 are no verdict at all.
        Results.Verdict none = RULE.verdict(null, bySeed);
        assertEquals(Results.Verdict.NO_VERDICT, none.kind());
        assertFalse(none.significant());
    }

    @Test
    void anIntervalThatMissesZeroIsNotSignificantWithoutTheTest() {
        // Item 12: an interval that excludes 0 (every task pair goes one way) with too few discordant pairs.
        PairedTasks.Comparison tasks = compare(4);                       // b = 4, c = 0: p = 0.125
        assertEquals(0.125, tasks.pValue(), 1e-12);
        assertTrue(tasks.ciLow() > 0, "the per-task interval excludes 0: " + tasks.ciLow());
        Results.Verdict v = RULE.verdict(tasks, seeds(0.1));
        assertFalse(v.significant(), v.reason());
        assertTrue(v.reason().contains("excludes 0"), v.reason());
    }

    @Test
    void withFiveSeedsTheSeedIntervalMustAgreeWithTheTaskTest() {
        PairedTasks.Comparison tasks = compare(6, 6, 6, -1, 6);          // b = 24, c = 1: p << 0.05
        assertTrue(tasks.pValue() < 1e-4);
        Results.Estimate agree = seeds(0.15, 0.15, 0.15, 0.1, 0.15);
        assertTrue(RULE.verdict(tasks, agree).significant(), RULE.verdict(tasks, agree).reason());
        Results.Estimate disagree = seeds(0.15, -0.2, 0.15, -0.25, 0.15);   // two seeds the other way
        assertTrue(disagree.hasInterval() && disagree.ciLow() < 0, disagree.toString());
        Results.Verdict v = RULE.verdict(tasks, disagree);
        assertEquals(Results.Verdict.NOT_SIGNIFICANT, v.kind());
        assertTrue(v.reason().contains("over 5 seeds"), v.reason());
        // Three seeds: the task test alone decides, and says that seeds were not tested.
        Results.Verdict three = RULE.verdict(tasks, seeds(0.15, -0.2, 0.15));
        assertTrue(three.significant());
        assertTrue(three.reason().contains("fewer than 5: not tested over seeds"), three.reason());
    }

    @Test
    void withoutTaskOutcomesFiveSeedsDecide() {
        assertTrue(RULE.verdict(null, seeds(0.1, 0.2, 0.15, 0.12, 0.18)).significant());
        assertEquals(Results.Verdict.NOT_SIGNIFICANT, RULE.verdict(null, seeds(0.1, -0.2, 0.15, -0.12, 0.18)).kind());
    }

    @Test
    void theRuleStatesItselfAndRejectsBadParameters() {
        Results.Rule r = RULE.describe();
        assertEquals(0.95, r.level());
        assertEquals(5, r.minSeeds());
        assertTrue(r.text().contains("McNemar") && r.text().contains("p < 0.05") && r.text().contains("5 or more")
                && r.text().contains("range"), r.text());
        assertThrows(IllegalArgumentException.class, () -> new SignificanceRule(1.0, 5));
        assertThrows(IllegalArgumentException.class, () -> new SignificanceRule(0.95, 1));
        assertThrows(IllegalArgumentException.class, () -> new Results.Verdict("helps", "helps", ""));
    }
}
