package dev.untangle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.rl.MetricsSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal metrics sink: appends one JSON object per record, {@code {"iteration": n, "key": value, ...}},
 * with NaN written as {@code null}.
 */
public final class JsonlMetricsSink implements MetricsSink {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final BufferedWriter out;

    /** Opens {@code file} for appending (created when absent). */
    public JsonlMetricsSink(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open metrics file " + file, e);
        }
    }

    @Override
    public void record(long iteration, Map<String, Double> scalars) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("iteration", iteration);
        for (Map.Entry<String, Double> e : scalars.entrySet()) {
            Double v = e.getValue();
            line.put(e.getKey(), v == null || v.isNaN() || v.isInfinite() ? null : v);
        }
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics file " + file, e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics file " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close metrics file " + file, e);
        }
    }
}
