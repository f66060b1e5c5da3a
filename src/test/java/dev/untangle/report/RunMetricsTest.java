package dev.untangle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMetricsTest {

    @TempDir
    Path tmp;

    @Test
    void writesJsonlAndTensorBoardAndResumesBoth() throws IOException {
        try (RunMetrics m = RunMetrics.open(tmp)) {
            for (int i = 0; i < 4; i++) {
                m.record(i, Map.of("rollout/success_rate", i / 4.0));
            }
            m.flush();
        }
        try (RunMetrics m = RunMetrics.resume(tmp, 2)) {
            m.record(2, Map.of("rollout/success_rate", 0.9));
        }
        List<MetricsRecord> rows = JsonlMetricsSink.read(tmp.resolve("metrics.jsonl"), k -> true);
        assertEquals(List.of(0L, 1L, 2L), rows.stream().map(MetricsRecord::iteration).toList());
        assertEquals(0.9, rows.get(2).get("rollout/success_rate"));
        List<Path> events;
        try (Stream<Path> s = Files.list(tmp.resolve("tensorboard"))) {
            events = s.sorted().toList();
        }
        assertEquals(2, events.size());
        int scalars = 0;
        boolean sessionStart = false;
        for (Path e : events) {
            for (TensorBoardEvent ev : TensorBoardSink.read(e)) {
                scalars += ev.scalars().size();
                sessionStart |= ev.sessionStart() && ev.step() == 2;
            }
        }
        assertEquals(5, scalars);
        assertTrue(sessionStart);
    }

    @Test
    void runJsonAndEvalJsonRoundTrip() throws IOException {
        RunInfo info = new RunInfo("gigpo+gcd", 3, "finished", "untangle train --out 'a b'", 12, 3.5,
                Map.of("git_commit", "abc"));
        RunDirectories.writeRunInfo(tmp, info);
        EvalResults eval = new EvalResults(Map.of("final", Map.of("L2", new EvalResults.SplitEval(0.125, 16,
                Map.of("cool", new EvalResults.TypeEval(0.25, 8))))));
        RunDirectories.writeEval(tmp, eval);
        RunData back = RunDirectories.readRun(tmp, ".", k -> true);
        assertEquals(info, back.info());
        assertEquals(eval, back.eval());
        assertTrue(back.complete());
    }
}
