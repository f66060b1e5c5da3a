package dev.untangle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentLayoutTest {

    @Test
    void methodDirectoryNamesRoundTrip() {
        for (String m : List.of("sft", "grpo", "grpo+gcd", "gigpo", "gigpo+gcd", "my_algo+gcd+x")) {
            assertEquals(m, ExperimentLayout.methodOf(ExperimentLayout.dirName(m)));
        }
        assertEquals("seed-3/gigpo-gcd", ExperimentLayout.runDir(3, "gigpo+gcd"));
        assertThrows(IllegalArgumentException.class, () -> ExperimentLayout.dirName("GRPO"));
        assertThrows(IllegalArgumentException.class, () -> ExperimentLayout.dirName("../x"));
        assertNull(ExperimentLayout.methodOf("Grpo"));
        assertEquals(12, ExperimentLayout.seedOf("seed-12"));
        assertEquals(-1, ExperimentLayout.seedOf("seed-01"));
        assertEquals(-1, ExperimentLayout.seedOf("seeds"));
    }

    @Test
    void baselinesAndOrder() {
        assertEquals("grpo", ExperimentLayout.baselineOf("grpo+gcd"));
        assertNull(ExperimentLayout.baselineOf("grpo"));
        assertNull(ExperimentLayout.baselineOf("+gcd"));
        List<String> ms = new ArrayList<>(List.of("zeta", "gigpo+gcd", "grpo", "alpha", "sft", "gigpo", "grpo+gcd"));
        ms.sort(ExperimentLayout.METHOD_ORDER);
        assertEquals(List.of("sft", "grpo", "grpo+gcd", "gigpo", "gigpo+gcd", "alpha", "zeta"), ms);
    }

    @Test
    void coldStartsAreSftAndItsVariants() {
        assertTrue(ExperimentLayout.isColdStart("sft"));
        assertTrue(ExperimentLayout.isColdStart("sft+critic"));
        assertFalse(ExperimentLayout.isColdStart("grpo"));
        assertFalse(ExperimentLayout.isColdStart("sftx"));
        assertFalse(ExperimentLayout.isColdStart(null));
    }
}
