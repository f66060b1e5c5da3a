package dev.untangle.coupling.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TheoryTest {

    private static final double[][] CASES = {{0.8, 0.3, 0.4}, {0.5, 0.5, 0.5}, {0.9, 0.1, 0.2}, {0.6, 0.8, 0.3}};

    @Test
    void meanOnlyClosedFormMatchesExactSumAndBruteForceEnumeration() {
        for (double[] c : CASES) {
            RiskyActionLemma lemma = new RiskyActionLemma(c[0], c[1], c[2]);
            assertEquals(c[1] * c[2] * (c[1] - 1), lemma.limitMean(), 1e-15);
            for (int g = 2; g <= 6; g++) {
                double closed = lemma.closedFormMean(g);
                assertEquals(closed, lemma.exact(g, GroupNormalization.MEAN), 1e-12, "exact G=" + g);
                assertEquals(closed, lemma.enumerated(g, GroupNormalization.MEAN), 1e-12, "enumerated G=" + g);
                assertTrue(closed < 0);
            }
        }
    }

    @Test
    void meanStdExactSumMatchesEnumerationAndApproachesTheLimit() {
        for (double[] c : CASES) {
            RiskyActionLemma lemma = new RiskyActionLemma(c[0], c[1], c[2]);
            for (int g = 2; g <= 6; g++) {
                assertEquals(lemma.enumerated(g, GroupNormalization.MEAN_STD),
                        lemma.exact(g, GroupNormalization.MEAN_STD), 1e-12, "G=" + g);
            }
            assertEquals(lemma.limitStd(), lemma.exact(4096, GroupNormalization.MEAN_STD),
                    0.01 * Math.abs(lemma.limitStd()));
        }
    }

    @Test
    void monteCarloAgreesWithTheExactValueWithinFiveStandardErrors() {
        RiskyActionLemma lemma = new RiskyActionLemma(0.8, 0.3, 0.4);
        for (GroupNormalization norm : GroupNormalization.values()) {
            double[] mc = lemma.monteCarlo(8, norm, 40_000, new SplittableRandom(11));
            assertEquals(lemma.exact(8, norm), mc[0], 5 * mc[1], norm.name());
        }
    }

    @Test
    void squeezingRaisesTheMildFlawedActionWhileTheBadTotalFalls() {
        SqueezeReport r = SqueezingEffect.standard().run(40);
        SqueezeStep first = r.series().get(0);
        SqueezeStep second = r.series().get(1);
        assertTrue(second.mild() > first.mild());
        assertTrue(second.bad() < first.bad());
        assertTrue(r.stepsMildRisesBadFalls() > 0);
        assertTrue(r.badMonotone());
        assertEquals(1.0, r.predictionAgreement(), 1e-12);
        // one negative update on the severe action: the most likely remaining action gains the most
        NegativeSampleRow n = r.negativeSamples().get(0);
        assertTrue(n.mildChange() > n.goodChange() && n.goodChange() > 0 && n.severeChange() < 0);
        assertEquals(0.0, n.goodChange() + n.mildChange() + n.severeChange(), 1e-12);
    }

    @Test
    void groupNormalizationGivesZeroForUniformGroups() {
        assertEquals(0.0, GroupNormalization.MEAN_STD.apply(new double[] {1, 1, 1})[1], 0.0);
        double[] a = GroupNormalization.MEAN_STD.apply(new double[] {1, 0});
        assertEquals(1 / (Math.sqrt(0.5) + GroupNormalization.EPS) * 0.5, a[0], 1e-12);
        assertEquals(-0.5, GroupNormalization.MEAN.apply(new double[] {1, 0})[1], 1e-12);
    }
}
