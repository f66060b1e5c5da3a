package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CouplingCommandsTest {

    private static String[] run(String... args) {
        return CliHarness.main(args);
    }

    @Test
    void toyPrintsJsonWithTheSeriesAndSummary() throws Exception {
        String[] r = run("toy", "--model", "linear", "--rho", "0.9", "--iterations", "20", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode json = Json.MAPPER.readTree(r[1]);
        assertEquals(20, json.get("series").size());
        assertEquals(0.9, json.get("summary").get("couplingIndex").asDouble(), 1e-9);
    }

    @Test
    void toyTextAndBadOptionsAreReported() {
        String[] r = run("toy", "--method", "gcd", "--iterations", "10", "--every", "5");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("summary: harm ") && r[1].contains("sign-count harmful rate"), r[1]);
        String[] bad = run("toy", "--rho", "2");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("toy.rho"), bad[2]);
    }

    @Test
    void theoryPrintsBothChecks() {
        String[] r = run("theory");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("Lemma 3.1") && r[1].contains("Theorem 3.2"), r[1]);
    }
}
