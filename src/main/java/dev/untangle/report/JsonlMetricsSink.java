package dev.untangle.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.rl.MetricsSink;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Appends one JSON object per iteration to a {@code metrics.jsonl} file:
 * {@code {"iteration": N, "<key>": value, ...}} with keys in insertion order and NaN or infinite values
 * written as {@code null}. Each line goes to the operating system in a single unbuffered write before
 * {@link #record} returns (so a crash of the JVM loses at most the line being written, which readers skip);
 * {@link #flush} and {@link #close} force the file to disk (fsync, measured at about 8 ms here), which
 * makes it survive a machine crash. The training loop calls {@link #flush} before it writes a checkpoint,
 * so every line before a resume point is durable.
 *
 * <p>{@link #resume} keeps only the lines of iterations before the resume point (rewriting the file through
 * a temporary file and an atomic move) so that a resumed run's file equals an uninterrupted run's.
 * Not thread-safe: one training loop writes to it.
 */
public final class JsonlMetricsSink implements MetricsSink {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final FileOutputStream out;

    private JsonlMetricsSink(Path file, boolean append) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = new FileOutputStream(file.toFile(), append);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Starts a fresh file (an existing one is truncated). */
    public static JsonlMetricsSink create(Path file) {
        return new JsonlMetricsSink(file, false);
    }

    /**
     * Opens {@code file} for a run resumed at {@code iteration}: lines with an iteration {@code >= iteration}
     * (and a partial last line left by a crash) are dropped, the rest kept, and new lines appended. A missing
     * file is created.
     *
     * @throws UncheckedIOException when the file cannot be rewritten or a complete line is not valid JSON
     */
    public static JsonlMetricsSink resume(Path file, long iteration) {
        if (Files.exists(file)) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                boolean endsWithNewline = endsWithNewline(file);
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                     FileOutputStream t = new FileOutputStream(tmp.toFile(), false);
                     Writer w = new BufferedWriter(new OutputStreamWriter(t, StandardCharsets.UTF_8))) {
                    String line = in.readLine();
                    int lineNo = 0;
                    while (line != null) {
                        lineNo++;
                        String next = in.readLine();
                        boolean partial = next == null && !endsWithNewline;
                        if (!line.isBlank()) {
                            MetricsRecord r = parse(line, k -> false);
                            if (r == null && !partial) {
                                throw new IOException("line " + lineNo + " is not a metrics object");
                            }
                            if (r != null && r.iteration() < iteration) {
                                w.write(line);
                                w.write('\n');
                            }
                        }
                        line = next;
                    }
                    w.flush();
                    t.getFD().sync();
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw new UncheckedIOException("cannot resume " + file + ": " + e.getMessage(), e);
            }
        }
        return new JsonlMetricsSink(file, true);
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    @Override
    public void record(long iteration, Map<String, Double> scalars) {
        if (scalars.containsKey("iteration")) {
            throw new IllegalArgumentException("metric key 'iteration' is reserved in " + file);
        }
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            g.writeStartObject();
            g.writeNumberField("iteration", iteration);
            for (Map.Entry<String, Double> e : scalars.entrySet()) {
                Double v = e.getValue();
                g.writeFieldName(e.getKey());
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode metrics for " + file, e);
        }
        try {
            out.write((sw + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        try {
            out.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (FileOutputStream o = out) {
            o.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code metrics.jsonl} file. Blank lines and a partial (unterminated, unparsable) last line are
     * skipped; numeric fields become values, {@code null} becomes NaN, booleans 1/0, other types are ignored.
     *
     * @param keys which metric keys to keep (the reader keeps memory bounded on long runs)
     * @throws IOException naming the file and line when a complete line is not a metrics object
     */
    public static List<MetricsRecord> read(Path file, Predicate<String> keys) throws IOException {
        return read(file, keys, note -> { });
    }

    /**
     * As {@link #read(Path, Predicate)}, and says when the last line is cut short: a last line without its
     * newline is reported to {@code notes} (one sentence, without the file name), whether it was left out (not
     * valid JSON) or kept (a complete object that lost only its newline).
     *
     * @param notes receives at most one sentence per file
     */
    public static List<MetricsRecord> read(Path file, Predicate<String> keys, Consumer<String> notes)
            throws IOException {
        boolean endsWithNewline = endsWithNewline(file);
        List<MetricsRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            int lineNo = 0;
            while (line != null) {
                lineNo++;
                String next = in.readLine();
                boolean partial = next == null && !endsWithNewline;
                if (!line.isBlank()) {
                    MetricsRecord r = parse(line, keys);
                    if (r != null) {
                        records.add(r);
                    } else if (!partial) {
                        throw new IOException(file + ":" + lineNo
                                + ": expected a JSON object with an integer 'iteration'");
                    }
                    if (partial) {
                        notes.accept(r == null
                                ? "the last line (line " + lineNo + ", " + line.getBytes(StandardCharsets.UTF_8).length
                                        + " bytes) is cut short: no newline and not valid JSON; left out (a process"
                                        + " killed while writing it leaves this; train --resume drops it)"
                                : "the last line (line " + lineNo + ", iteration " + r.iteration() + ") has no"
                                        + " newline, so it may be cut short; kept, since it is a complete object");
                    }
                }
                line = next;
            }
        }
        return records;
    }

    /** One line as a record, or {@code null} when it is not a JSON object with an integer iteration. */
    private static MetricsRecord parse(String line, Predicate<String> keys) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isObject() || !node.path("iteration").isIntegralNumber()) {
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (key.equals("iteration") || !keys.test(key)) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                values.put(key, v.doubleValue());
            } else if (v.isNull()) {
                values.put(key, Double.NaN);
            } else if (v.isBoolean()) {
                values.put(key, v.booleanValue() ? 1.0 : 0.0);
            }
        }
        return new MetricsRecord(node.get("iteration").longValue(), values);
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.position(size - 1);
            ch.read(last);
            return last.get(0) == '\n';
        }
    }
}
