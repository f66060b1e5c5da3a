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
    void withTheDefaultSharedModelGcdLowersTheHarmfulRateAtHighRho() {
        // docs/RESULTS.md, "Coupled bandit, default model": seed 0 gives 0.296 (grpo) vs 0.215 (gcd) at rho = 0.9
        // and 0.102 for grpo at rho = 0; here the same defaults (shared model, product input, H = 128, lambda = 5)
        ToySummary grpo = run(ToyConfig.builder().rho(0.9).seed(0).method(ToyMethod.GRPO));
        ToySummary gcd = run(ToyConfig.builder().rho(0.9).seed(0).method(ToyMethod.GCD));
        ToySummary independent = run(ToyConfig.builder().rho(0.0).seed(0).method(ToyMethod.GRPO));
        assertTrue(gcd.harmfulRate() < grpo.harmfulRate() - 0.05, gcd.harmfulRate() + " vs " + grpo.harmfulRate());
        assertTrue(grpo.harmfulRate() > 2 * independent.harmfulRate(),
                grpo.harmfulRate() + " vs " + independent.harmfulRate() + " at rho = 0");
        // states whose own group carried signal are never moved the wrong way when nothing is shared
        assertEquals(0.0, independent.harmfulRateTrained(), 1e-12);
        assertTrue(gcd.finalVerdictAccuracy() > 0.9, "verdict accuracy " + gcd.finalVerdictAccuracy());
    }

    @Test
    void invalidSettingsNameTheirKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ToyConfig.builder().rho(1.5).build());
        assertEquals("toy.rho", e.key());
        assertEquals("toy.group_size", assertThrows(ConfigException.class,
                () -> ToyConfig.builder().groupSize(1).build()).key());
    }
}
