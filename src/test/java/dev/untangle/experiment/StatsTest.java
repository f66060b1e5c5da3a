package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void meanAndSampleStandardDeviation() {
        assertEquals(2.5, Stats.mean(new double[] {1, 2, 3, 4}));
        // sum of squared deviations = 2.25 + 0.25 + 0.25 + 2.25 = 5; / (n - 1) = 5/3
        assertEquals(Math.sqrt(5.0 / 3), Stats.sd(new double[] {1, 2, 3, 4}), 1e-15);
        assertTrue(Double.isNaN(Stats.mean(new double[0])));
        assertTrue(Double.isNaN(Stats.sd(new double[] {7})));
        assertEquals(0.0, Stats.sd(new double[] {3, 3, 3}));
    }

    @Test
    void quantileInterpolatesLikeType7() {
        double[] x = {10, 20, 30, 40, 50};
        assertEquals(10, Stats.quantile(x, 0));
        assertEquals(50, Stats.quantile(x, 1));
        assertEquals(30, Stats.quantile(x, 0.5));
        // h = 4 * 0.1 = 0.4 -> 10 + 0.4 * 10
        assertEquals(14, Stats.quantile(x, 0.1), 1e-12);
        assertEquals(47.5, Stats.quantile(new double[] {50, 10, 40, 20, 30}, 0.9375), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Stats.quantile(new double[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Stats.quantile(x, 1.5));
    }
}
