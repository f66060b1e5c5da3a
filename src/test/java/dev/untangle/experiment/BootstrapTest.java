package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final Bootstrap B = new Bootstrap(0.95, 10_000, 42);

    @Test
    void twoPointSampleGivesTheFullRange() {
        // Resample means of {0, 1} are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4: the 2.5% and 97.5%
        // quantiles are 0 and 1 exactly.
        Bootstrap.Interval ci = B.meanInterval(new double[] {0, 1});
        assertEquals(0.0, ci.low());
        assertEquals(1.0, ci.high());
    }

    @Test
    void constantSampleGivesADegenerateInterval() {
        Bootstrap.Interval ci = B.meanInterval(new double[] {0.4, 0.4, 0.4});
        assertEquals(0.4, ci.low(), 1e-15);
        assertEquals(0.4, ci.high(), 1e-15);
    }

    @Test
    void fewerThanTwoValuesGiveNoInterval() {
        assertTrue(Double.isNaN(B.meanInterval(new double[] {0.3}).low()));
        assertTrue(Double.isNaN(B.meanInterval(new double[0]).high()));
    }

    @Test
    void agreesWithTheExactBootstrapDistribution() {
        // n = 4: enumerate all 4^4 = 256 equally likely resamples; the exact mean distribution's CDF at the
        // Monte-Carlo bounds must straddle 2.5% and 97.5% (within Monte-Carlo error).
        double[] x = {0.1, 0.3, 0.35, 0.9};
        TreeMap<Double, Integer> counts = new TreeMap<>();
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                for (int c = 0; c < 4; c++) {
                    for (int d = 0; d < 4; d++) {
                        double m = Math.round((x[a] + x[b] + x[c] + x[d]) / 4 * 1e9) / 1e9;
                        counts.merge(m, 1, Integer::sum);
                    }
                }
            }
        }
        Bootstrap.Interval ci = new Bootstrap(0.95, 20_000, 7).meanInterval(x);
        double below = 0;
        double atOrBelowLow = 0;
        double belowHigh = 0;
        double atOrBelowHigh = 0;
        for (Map.Entry<Double, Integer> e : counts.entrySet()) {
            double p = e.getValue() / 256.0;
            if (e.getKey() < ci.low() - 1e-9) {
                below += p;
            }
            if (e.getKey() <= ci.low() + 1e-9) {
                atOrBelowLow += p;
            }
            if (e.getKey() < ci.high() - 1e-9) {
                belowHigh += p;
            }
            if (e.getKey() <= ci.high() + 1e-9) {
                atOrBelowHigh += p;
            }
        }
        assertTrue(below <= 0.025 + 0.006 && atOrBelowLow >= 0.025 - 0.006, "low " + ci.low());
        assertTrue(belowHigh <= 0.975 + 0.006 && atOrBelowHigh >= 0.975 - 0.006, "high " + ci.high());
        assertTrue(ci.low() < Stats.mean(x) && Stats.mean(x) < ci.high());
    }

    @Test
    void resamplingIsSeeded() {
        double[] x = {0.2, 0.5, 0.55, 0.8, 0.1};
        assertEquals(B.meanInterval(x), B.meanInterval(x));
        assertNotEquals(B.meanInterval(x), new Bootstrap(0.95, 10_000, 43).meanInterval(x));
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(1.0, 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(0.95, 10, 1));
    }
}
