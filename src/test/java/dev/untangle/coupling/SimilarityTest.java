package dev.untangle.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimilarityTest {

    @Test
    void cosineOfIdenticalVectorsIsOneAndOfOppositeIsMinusOne() {
        double[] g = {0.3, -1.2, 4.0, 0.0};
        assertEquals(1.0, Similarity.cosine(g, g.clone()), 1e-12);
        double[] neg = {-0.3, 1.2, -4.0, 0.0};
        assertEquals(-1.0, Similarity.cosine(g, neg), 1e-12);
        assertEquals(0.0, Similarity.cosine(g, new double[4]), 0.0);
        assertEquals(0.0, Similarity.cosine(new double[] {1, 0}, new double[] {0, 2}), 1e-12);
    }

    @Test
    void weightedCosineFlipsSignForOppositeAdvantages() {
        double[] g = {1.0, 2.0, -0.5};
        assertEquals(1.0, GradientCoupling.weightedCosine(g, 0.7, g, 2.0), 1e-12);
        assertEquals(-1.0, GradientCoupling.weightedCosine(g, 0.7, g, -0.1), 1e-12);
        double[] h = {0.5, 2.0, 1.0};
        double c = Similarity.cosine(g, h);
        assertEquals(-c, GradientCoupling.weightedCosine(g, -1, h, 1), 1e-12);
    }

    @Test
    void couplingSummarySplitsPairsBySignAndSkipsDissimilarAndZeroAdvantage() {
        double[][] grads = {{1, 0}, {1, 0}, {0, 1}, {-1, 0}, {5, 5}};
        double[] adv = {1.0, -1.0, -2.0, 1.0, 0.0};
        // states: 0 and 1 similar (cos 1, opposite signs), 0 and 2 similar (cos 0, opposite), 1 and 3 similar
        // (cos -1, opposite), 0 and 3 similar (cos -1, same sign); 4 has zero advantage
        boolean[][] sim = new boolean[5][5];
        int[][] pairs = {{0, 1}, {0, 2}, {1, 3}, {0, 3}, {0, 4}};
        for (int[] p : pairs) {
            sim[p[0]][p[1]] = true;
            sim[p[1]][p[0]] = true;
        }
        CouplingSummary s = GradientCoupling.summarize(grads, adv, (i, j) -> sim[i][j]);
        assertEquals(3, s.oppositePairs());
        assertEquals(1, s.sameSignPairs());
        assertEquals((1.0 + 0.0 - 1.0) / 3, s.couplingIndex(), 1e-12);
        assertEquals(-1.0, s.sameSignMean(), 1e-12);
        assertEquals(1.0 / 3, s.oppositePositiveShare(), 1e-12);
    }

    @Test
    void thresholdPairsExcludeTheSameState() {
        double[][] s = {{1, 0.95}, {0.95, 1}};
        assertTrue(SamplePairs.threshold(s, new int[] {0, 1}, 0.9).similar(0, 1));
        assertTrue(!SamplePairs.threshold(s, new int[] {3, 3}, 0.9).similar(0, 1));
    }

    @Test
    void learningDynamicsCountsHarmedProbesBySign() {
        double[] predicted = {0.1, -0.2, 0.3, -0.1, 0.0};
        double[] measured = {0.12, 0.05, 0.25, -0.2, 0.01};
        double[] adv = {1, 1, -1, -1, 0};
        DynamicsSummary d = LearningDynamics.summarize(predicted, measured, adv);
        assertEquals(4, d.probes());
        assertEquals(0.0, d.positiveDownRate(), 1e-12);
        assertEquals(0.5, d.negativeUpRate(), 1e-12);
        assertEquals(0.25, d.harmfulRate(), 1e-12);
        assertEquals(0.5, d.harmfulRatePredicted(), 1e-12);
        assertEquals(3.0 / 5, d.signAgreement(), 1e-12);
        // wrong-way movement: only probe 2 (0.25) of 0.12 + 0.05 + 0.25 + 0.2
        assertEquals(0.25 / 0.62, d.harmfulMass(), 1e-12);
        assertEquals(0.62, d.movedMass(), 1e-12);
    }
}
