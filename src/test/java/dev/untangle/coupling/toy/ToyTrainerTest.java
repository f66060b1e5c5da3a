package dev.untangle.coupling.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigException;
import org.junit.jupiter.api.Test;

class ToyTrainerTest {

    private static ToySummary run(ToyConfig.Builder b) {
        return new ToyTrainer(b.build()).run().summary();
    }

    @Test
    void theSameSeedReplaysExactly() {
        ToyConfig c = ToyConfig.builder().method(ToyMethod.GCD).iterations(40).seed(5).build();
        assertEquals(new ToyTrainer(c).run(), new ToyTrainer(c).run());
    }

    @Test
    void linearModelHasNoHarmAtRhoZeroAndHarmWithCouplingIndexRhoAtHighRho() {
        ToyConfig.Builder linear = ToyConfig.builder().model(ToyModelKind.LINEAR).iterations(150);
        ToySummary independent = run(linear.rho(0.0));
        assertEquals(0.0, independent.harmfulRate(), 0.0);
        assertEquals(0.0, independent.couplingIndex(), 1e-12);
        ToySummary coupled = run(linear.rho(0.9));
        assertEquals(0.9, coupled.couplingIndex(), 1e-9);
        assertTrue(coupled.harmfulRate() > 0.2, "harmful rate " + coupled.harmfulRate());
        assertTrue(coupled.finalBadProbability() > independent.finalBadProbability());
    }

    @Test
    void gcdSeparatesTwinRepresentationsAndLowersTheCouplingIndexOfTheMlp() {
        // docs/RESULTS.md: at rho = 0.9 GCD (lambda = 5) lowers the coupling index and the twin
        // representation cosine; the sign-count harmful rate barely moves (reported there, not asserted here)
        ToyConfig.Builder b = ToyConfig.builder().model(ToyModelKind.MLP).hidden(32).rho(0.9).seed(0);
        ToySummary grpo = run(b.method(ToyMethod.GRPO));
        ToySummary gcd = run(b.method(ToyMethod.GCD).gcdWeight(5.0));
        assertTrue(gcd.finalTwinRepresentationCosine() < grpo.finalTwinRepresentationCosine() - 0.05,
                gcd.finalTwinRepresentationCosine() + " vs " + grpo.finalTwinRepresentationCosine());
        assertTrue(gcd.couplingIndex() < grpo.couplingIndex(), gcd.couplingIndex() + " vs " + grpo.couplingIndex());
        assertTrue(gcd.finalVerdictAccuracy() > grpo.finalVerdictAccuracy());
    }

    @Test
    void magnitudeHarmIsZeroWithoutSharingGrowsWithRhoAndPoolsTheUpdates() {
        ToyConfig.Builder linear = ToyConfig.builder().model(ToyModelKind.LINEAR).iterations(150).seed(2);
        ToySummary independent = run(linear.rho(0.0));
        assertEquals(0.0, independent.harm(), 1e-12, "no shared parameters: no state loses its good action");
        ToySummary mid = run(linear.rho(0.5));
        ToySummary high = run(linear.rho(0.9));
        assertTrue(mid.harm() > 0 && high.harm() > mid.harm(), mid.harm() + " then " + high.harm());

        ToyResult r = new ToyTrainer(ToyConfig.builder().model(ToyModelKind.MLP).hidden(16).rho(0.9).seed(1)
                .iterations(60).build()).run();
        for (ToyIteration it : r.series()) {
            assertTrue(Double.isNaN(it.harm()) || it.harm() >= 0, "harm " + it.harm());
            if (it.updateNorm() == 0) {
                assertTrue(Double.isNaN(it.harm()), "an empty update trains nothing: harm undefined");
            }
        }
        assertTrue(r.summary().harm() > 0 && Double.isFinite(r.summary().harm()), "pooled " + r.summary().harm());
    }

    @Test
    void runLevelHarmPoolsOnlyTheUpdatesThatMovedTheParameters() {
        // once the policy is nearly deterministic most groups have uniform rewards and the update is empty;
        // counting those as "no harm" would reward a run for learning fast, not for being less coupled
        ToyResult r = new ToyTrainer(ToyConfig.builder().rho(0.0).seed(0).method(ToyMethod.GRPO).build()).run();
        double sum = 0;
        int moved = 0;
        for (ToyIteration it : r.series()) {
            if (it.updateNorm() > 0) {
                sum += it.harmfulRate();
                moved++;
            } else {
                assertEquals(0.0, it.harmfulRate(), 0.0, "an empty update moves no probe");
            }
        }
        assertTrue(moved > 0 && moved < r.series().size(), moved + " moving updates");
        assertEquals(sum / moved, r.summary().harmfulRate(), 1e-12);
        assertEquals(1.0 - (double) moved / r.series().size(), r.summary().emptyUpdateShare(), 1e-12);
        // with nothing shared between states, a state whose own group carried signal never moves the wrong way
        assertEquals(0.0, r.summary().harmfulRateTrained(), 1e-12);
    }

    @Test
    void invalidSettingsNameTheirKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ToyConfig.builder().rho(1.5).build());
        assertEquals("toy.rho", e.key());
        assertEquals("toy.group_size", assertThrows(ConfigException.class,
                () -> ToyConfig.builder().groupSize(1).build()).key());
    }
}
