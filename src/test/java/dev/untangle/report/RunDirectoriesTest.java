package dev.untangle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoriesTest {

    @TempDir
    Path tmp;

    private Path run(String rel, String runJson) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(rel));
        Files.writeString(d.resolve(ExperimentLayout.RUN), runJson);
        return d;
    }

    @Test
    void readsALoneRunDirectory() throws IOException {
        Path d = run(".", "{\"method\": \"gigpo+gcd\", \"seed\": 4, \"status\": \"finished\", "
                + "\"command\": [\"untangle\", \"train\", \"--out\", \"r\"], \"threads\": 2}");
        Files.writeString(d.resolve(ExperimentLayout.EVAL), "{\"checkpoints\": {\"final\": {\"L0\": "
                + "{\"success_rate\": 0.25, \"episodes\": 8}}}}");
        ExperimentData e = RunDirectories.readExperiment(tmp, k -> true);
        assertEquals(1, e.runs().size());
        RunData r = e.runs().get(0);
        assertEquals(".", r.relDir());
        assertEquals("untangle train --out r", r.info().command());
        assertEquals("2", r.info().extra().get("threads"));
        assertTrue(r.complete());
        assertEquals(0.25, r.eval().checkpoint("final").get("L0").successRate());
        assertTrue(r.eval().checkpoint("final").get("L0").byType().isEmpty());
    }

    @Test
    void mismatchedAndBrokenRunsBecomeProblemLines() throws IOException {
        run("seed-0/grpo", "{\"method\": \"gigpo\", \"seed\": 0, \"status\": \"finished\"}");
        Path bad = run("seed-1/grpo", "{\"method\": \"grpo\", \"seed\": 1, \"status\": \"finished\"}");
        Files.writeString(bad.resolve(ExperimentLayout.EVAL), "{\"checkpoints\": {\"final\": {\"L1\": "
                + "{\"success_rate\": 1.5}}}}");
        run("seed-2/Bad_Name", "{}");
        run("seed-3/grpo", "{\"method\": \"grpo\", \"seed\": 3}");
        Files.createDirectories(tmp.resolve("seed-4/grpo"));
        Files.createDirectories(tmp.resolve("notes"));
        ExperimentData e = RunDirectories.readExperiment(tmp, k -> true);
        assertEquals(0, e.runs().size());
        assertEquals(5, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("seed-0/grpo: run.json says method 'gigpo'"), e.problems().get(0));
        assertEquals("seed-1/grpo/eval.json: checkpoints.final.L1: success_rate 1.5 is outside [0, 1]",
                e.problems().get(1));
        assertTrue(e.problems().get(2).startsWith("seed-2/Bad_Name: directory name is not a method name"));
        assertEquals("seed-3/grpo/run.json: 'status' must be a string (finished, running, failed)", e.problems().get(3));
        assertTrue(e.problems().get(4).startsWith("seed-4/grpo: no run.json"));
    }

    @Test
    void configTextIsBounded() throws IOException {
        Path d = run("seed-0/sft", "{\"method\": \"sft\", \"seed\": 0, \"status\": \"running\"}");
        Files.writeString(d.resolve(ExperimentLayout.CONFIG), "x".repeat(RunDirectories.MAX_CONFIG_CHARS + 5000));
        RunData r = RunDirectories.readExperiment(tmp, k -> true).runs().get(0);
        assertTrue(r.config().length() < RunDirectories.MAX_CONFIG_CHARS + 100);
        assertTrue(r.config().endsWith("more characters not shown]"), r.config().substring(r.config().length() - 50));
    }

    @Test
    void taskOutcomesSecondsAndSftMetricsAreReadAndRoundTrip() throws IOException {
        Path d = run("seed-0/grpo", "{\"method\": \"grpo\", \"seed\": 0, \"status\": \"finished\"}");
        Files.writeString(d.resolve(ExperimentLayout.EVAL), "{\"checkpoints\": {\"final\": {\"L0\": "
                + "{\"success_rate\": 0.5, \"episodes\": 4, \"task_outcomes\": [1, 0, -1, 1, 0], \"seconds\": 12.5},"
                + " \"L1\": {\"success_rate\": 0.5, \"episodes\": 2}}}}");
        Files.writeString(d.resolve(ExperimentLayout.SFT_METRICS), "{\"iteration\": 0, \"time/sft_epoch_s\": 3.5}\n");
        RunData r = RunDirectories.readExperiment(tmp, MetricKeys::read).runs().get(0);
        EvalResults.SplitEval l0 = r.eval().checkpoint("final").get("L0");
        assertEquals(java.util.List.of(1, 0, -1, 1, 0), l0.taskOutcomes());
        assertEquals(12.5, l0.seconds());
        EvalResults.SplitEval l1 = r.eval().checkpoint("final").get("L1");
        assertTrue(!l1.hasTaskOutcomes() && Double.isNaN(l1.seconds()), "older files lack both fields");
        assertEquals(3.5, r.sftMetrics().get(0).get(MetricKeys.TIME_SFT_EPOCH));

        Path back = Files.createDirectories(tmp.resolve("back"));
        RunDirectories.writeEval(back, r.eval());
        Files.writeString(back.resolve(ExperimentLayout.RUN), "{\"method\": \"grpo\", \"seed\": 0, \"status\": \"x\"}");
        assertEquals(r.eval(), RunDirectories.readRun(back, "back", k -> true).eval());

        Files.writeString(d.resolve(ExperimentLayout.EVAL), "{\"checkpoints\": {\"final\": {\"L0\": "
                + "{\"success_rate\": 0.5, \"task_outcomes\": [1, 2]}}}}");
        ExperimentData e = RunDirectories.readExperiment(tmp, k -> true);
        assertEquals("seed-0/grpo/eval.json: checkpoints.final.L0.task_outcomes[1]: expected 1, 0 or -1, got 2",
                e.problems().get(0));
    }

    @Test
    void missingDirectoryIsAnError() {
        assertThrows(IOException.class, () -> RunDirectories.readExperiment(tmp.resolve("absent"), k -> true));
    }
}
