package dev.untangle.rl.gcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pair cosine of {@link GcdProbe}, raw and centred, on hand-built representations. */
class GcdProbeTest {

    private static CriticData.Example item(int state, boolean good) {
        return new CriticData.Example(0, state, new int[] {1}, new int[] {2}, good);
    }

    @Test
    void centringRemovesTheSharedComponent() {
        // two states; in each, good = c + e and bad = c - e with a large shared offset c
        List<CriticData.Example> items = List.of(item(0, true), item(0, false), item(1, true), item(1, false));
        boolean[] good = {true, false, true, false};
        float[][] rep = {{10, 1, 0}, {10, -1, 0}, {10, 0, 1}, {10, 0, -1}};
        double raw = GcdProbe.meanPairCosine(GcdProbe.pairs(items, good), rep, false);
        assertEquals(99.0 / 101.0, raw, 1e-6);                  // (100 - 1) / (100 + 1)
        assertEquals(-1.0, GcdProbe.meanPairCosine(GcdProbe.pairs(items, good), rep, true), 1e-6);
    }

    @Test
    void onlyGoodBadPairsOfTheSameStateCount() {
        List<CriticData.Example> items = List.of(item(0, true), item(1, false), item(1, false));
        boolean[] good = {true, false, false};
        float[][] rep = {{1, 0}, {0, 1}, {1, 1}};
        assertTrue(Double.isNaN(GcdProbe.meanPairCosine(GcdProbe.pairs(items, good), rep, false)));
        List<CriticData.Example> same = List.of(item(0, true), item(0, false), item(0, false));
        // cos((1,0),(0,1)) = 0 and cos((1,0),(1,1)) = 1/sqrt(2)
        assertEquals((0 + 1 / Math.sqrt(2)) / 2, GcdProbe.meanPairCosine(GcdProbe.pairs(same, good), rep, false), 1e-6);
    }
}
