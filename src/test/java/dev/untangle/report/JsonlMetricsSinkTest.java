package dev.untangle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlMetricsSinkTest {

    @TempDir
    Path tmp;

    private static Map<String, Double> row(double a, double b) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rollout/success_rate", a);
        m.put("loss/kl", b);
        return m;
    }

    @Test
    void roundTripKeepsOrderAndWritesNanAsNull() throws IOException {
        Path f = tmp.resolve("run/metrics.jsonl");
        try (JsonlMetricsSink sink = JsonlMetricsSink.create(f)) {
            sink.record(0, row(0.25, Double.NaN));
            sink.record(1, row(0.5, 1e-7));
            sink.record(2, row(Double.POSITIVE_INFINITY, -3.0));
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals("{\"iteration\":0,\"rollout/success_rate\":0.25,\"loss/kl\":null}", lines.get(0));
        for (String line : lines) {
            JsonNode n = new ObjectMapper().readTree(line);
            assertTrue(n.isObject());
        }
        List<MetricsRecord> back = JsonlMetricsSink.read(f, k -> true);
        assertEquals(3, back.size());
        assertEquals(List.of("rollout/success_rate", "loss/kl"), List.copyOf(back.get(1).values().keySet()));
        assertEquals(0.5, back.get(1).get("rollout/success_rate"));
        assertEquals(1e-7, back.get(1).get("loss/kl"));
        assertTrue(Double.isNaN(back.get(0).get("loss/kl")));
        assertTrue(Double.isNaN(back.get(2).get("rollout/success_rate")));
        assertEquals(2, back.get(2).iteration());
        assertEquals(1, JsonlMetricsSink.read(f, k -> k.startsWith("loss/")).get(0).values().size());
    }

    @Test
    void resumeDropsIterationsAtOrAfterTheResumePointAndAPartialLine() throws IOException {
        Path f = tmp.resolve("metrics.jsonl");
        try (JsonlMetricsSink sink = JsonlMetricsSink.create(f)) {
            for (int i = 0; i < 6; i++) {
                sink.record(i, row(i, i));
            }
        }
        Files.writeString(f, "{\"iteration\":6,\"rollout/su", java.nio.file.StandardOpenOption.APPEND);
        try (JsonlMetricsSink sink = JsonlMetricsSink.resume(f, 4)) {
            sink.record(4, row(40, 40));
        }
        List<MetricsRecord> back = JsonlMetricsSink.read(f, k -> true);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), back.stream().map(MetricsRecord::iteration).toList());
        assertEquals(40.0, back.get(4).get("rollout/success_rate"));
        assertFalse(Files.exists(tmp.resolve("metrics.jsonl.tmp")));

        // Resumed output equals an uninterrupted run's file.
        Path g = tmp.resolve("straight.jsonl");
        try (JsonlMetricsSink sink = JsonlMetricsSink.create(g)) {
            for (int i = 0; i < 4; i++) {
                sink.record(i, row(i, i));
            }
            sink.record(4, row(40, 40));
        }
        assertEquals(Files.readString(g), Files.readString(f));
    }

    @Test
    void aCutShortLastLineIsReportedNotSilentlyDropped() throws IOException {
        // Issue 25 item 6: a metrics.jsonl whose last line is cut short was accepted without a word.
        Path f = tmp.resolve("cut.jsonl");
        Files.writeString(f, "{\"iteration\": 0, \"a\": 1}\n{\"iteration\": 1, \"a\"");
        List<String> notes = new java.util.ArrayList<>();
        List<MetricsRecord> r = JsonlMetricsSink.read(f, k -> true, notes::add);
        assertEquals(1, r.size());
        assertEquals(List.of("the last line (line 2, 20 bytes) is cut short: no newline and not valid JSON; left out"
                + " (a process killed while writing it leaves this; train --resume drops it)"), notes);
        // a complete object that lost only its newline is kept, and said so
        Files.writeString(f, "{\"iteration\": 0, \"a\": 1}\n{\"iteration\": 1, \"a\": 2}");
        notes.clear();
        assertEquals(2, JsonlMetricsSink.read(f, k -> true, notes::add).size());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("line 2, iteration 1) has no newline") && notes.get(0).contains("kept"),
                notes.get(0));
        // a whole file says nothing
        Files.writeString(f, "{\"iteration\": 0, \"a\": 1}\n");
        notes.clear();
        JsonlMetricsSink.read(f, k -> true, notes::add);
        assertEquals(List.of(), notes);
    }

    @Test
    void resumeOfAMissingFileStartsEmpty() throws IOException {
        Path f = tmp.resolve("none/metrics.jsonl");
        try (JsonlMetricsSink sink = JsonlMetricsSink.resume(f, 3)) {
            sink.record(3, row(1, 1));
        }
        assertEquals(1, JsonlMetricsSink.read(f, k -> true).size());
    }

    @Test
    void badLinesAreNamedAndTheIterationKeyIsReserved() throws IOException {
        Path f = tmp.resolve("m.jsonl");
        Files.writeString(f, "{\"iteration\":0}\n[1,2]\n{\"iteration\":2}\n");
        IOException e = assertThrows(IOException.class, () -> JsonlMetricsSink.read(f, k -> true));
        assertTrue(e.getMessage().contains("m.jsonl:2"), e.getMessage());
        assertThrows(java.io.UncheckedIOException.class, () -> JsonlMetricsSink.resume(f, 5));
        try (JsonlMetricsSink sink = JsonlMetricsSink.create(tmp.resolve("n.jsonl"))) {
            assertThrows(IllegalArgumentException.class, () -> sink.record(0, Map.of("iteration", 1.0)));
        }
    }
}
