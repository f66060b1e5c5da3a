package dev.untangle.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    private static double[][] gaussian(Random rng, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void separableEmbeddingsAreProbedAlmostPerfectly() {
        Random rng = new Random(3);
        double[][] x = gaussian(rng, 200, 16);
        boolean[] y = new boolean[200];
        for (int i = 0; i < 200; i++) {
            y[i] = i % 2 == 0;
            x[i][5] += y[i] ? 3.0 : -3.0;
        }
        ProbeResult r = LinearProbe.standard(1).crossValidate(x, y);
        assertTrue(r.accuracy() >= 0.97, "accuracy " + r.accuracy());
        assertEquals(5, r.foldAccuracies().size());
        assertEquals(0.5, r.majorityBaseline(), 1e-12);
    }

    @Test
    void randomLabelsOnRandomEmbeddingsStayNearChance() {
        Random rng = new Random(4);
        double[][] x = gaussian(rng, 300, 16);
        boolean[] y = new boolean[300];
        for (int i = 0; i < 300; i++) {
            y[i] = rng.nextBoolean();
        }
        ProbeResult r = LinearProbe.standard(2).crossValidate(x, y);
        assertTrue(r.accuracy() > 0.38 && r.accuracy() < 0.62, "accuracy " + r.accuracy());
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndTooFewSamplesFail() {
        Random rng = new Random(5);
        double[][] x = gaussian(rng, 60, 4);
        boolean[] y = new boolean[60];
        for (int i = 0; i < 60; i++) {
            y[i] = x[i][0] + 0.5 * rng.nextGaussian() > 0;
        }
        assertEquals(LinearProbe.standard(9).crossValidate(x, y), LinearProbe.standard(9).crossValidate(x, y));
        boolean[] few = new boolean[60];
        few[0] = true;
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.standard(9).crossValidate(x, few));
    }
}
