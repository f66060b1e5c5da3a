package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors of {@code untangle experiment} are one line with exit code 2, before any training starts. */
class ExperimentCommandTest {

    private static String[] run(String... args) {
        return CliHarness.main(args);
    }

    @Test
    void badInputsAreOneLineErrors(@TempDir Path dir) {
        String out = dir.resolve("x").toString();
        String[] m = run("experiment", "--preset", "quick", "--methods", "ppo", "--out", out);
        assertEquals("2", m[0], m[2]);
        assertTrue(m[2].startsWith("error: experiment.methods: unknown method 'ppo'"), m[2]);
        assertEquals(1, m[2].strip().lines().count(), m[2]);
        String[] p = run("experiment", "--preset", "no-such-preset", "--out", out);
        assertEquals("2", p[0]);
        assertTrue(p[2].contains("neither a built-in preset"), p[2]);
        String[] k = run("experiment", "--preset", "quick", "--out", out, "algorithm.iteratons=3");
        assertEquals("2", k[0], k[2]);
        assertTrue(k[2].contains("algorithm.iteratons") && k[2].contains("did you mean 'algorithm.iterations'"),
                k[2]);
        String[] split = run("experiment", "--preset", "quick", "--out", out, "eval.splits=[L0,L9]");
        assertEquals("2", split[0], split[2]);
        assertTrue(split[2].startsWith("error: eval.splits: unknown split 'L9'"), split[2]);
        String[] cold = run("experiment", "--preset", "quick", "--out", out, "--gcd-cold-start", "both");
        assertEquals("2", cold[0], cold[2]);
        assertTrue(cold[2].startsWith("error: experiment.gcd_cold_start: must be critic or shared"), cold[2]);
        String[] workers = run("experiment", "--preset", "quick", "--out", out, "--workers", "0");
        assertEquals("2", workers[0], workers[2]);
        assertTrue(workers[2].startsWith("error: experiment.workers: must be in [1, 256], got 0"), workers[2]);
        assertFalse(Files.exists(dir.resolve("x")), "nothing is created before every check has passed");
    }

    /** The stop hook (SIGTERM, Ctrl-C) rebuilds the report from whatever runs finished. */
    @Test
    void aGracefulStopLeavesTheReportOfTheFinishedRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("exp");
        dev.untangle.report.FakeExperiment.write(out);
        Files.deleteIfExists(out.resolve("report.html"));
        Files.deleteIfExists(out.resolve("results.json"));
        Thread hook = ExperimentCommand.reportOnStop(out, "untangle test");
        hook.run();
        assertTrue(Files.isRegularFile(out.resolve("report.html")) && Files.isRegularFile(out.resolve("results.json")));
        ExperimentCommand.reportOnStop(dir.resolve("never-started"), "untangle test").run();
        assertFalse(Files.exists(dir.resolve("never-started")), "nothing is created for an experiment that never began");
    }
}
