package dev.untangle.report;

import dev.untangle.rl.MetricsSink;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Writes scalar metrics as a TensorBoard event file {@code events.out.tfevents.<seconds>.<host>} in a
 * directory (TFRecord framing, see {@link TfRecord}; events, see {@link TensorBoardEvent}). The first event
 * carries {@code file_version = "brain.Event:2"}; each {@link #record} call writes one event with one scalar
 * summary value per finite metric (NaN means "not measured" and is left out). Every open creates a new
 * file; {@link #resume} also writes a {@code SessionLog START} event at the resume step so that TensorBoard
 * drops the first attempt's events from that step on.
 *
 * <p>Not thread-safe: one training loop writes to it.
 */
public final class TensorBoardSink implements MetricsSink {

    private final Path file;
    private final OutputStream out;
    private final FileOutputStream raw;
    private final DoubleSupplier clock;

    private TensorBoardSink(Path dir, DoubleSupplier clock, Long resumeStep) {
        this.clock = clock;
        try {
            Files.createDirectories(dir);
            double now = clock.getAsDouble();
            String base = "events.out.tfevents." + (long) Math.floor(now) + "." + hostName();
            Path candidate = dir.resolve(base);
            for (int i = 1; Files.exists(candidate); i++) {
                candidate = dir.resolve(base + "." + i);
            }
            Files.createFile(candidate);
            this.file = candidate;
            this.raw = new FileOutputStream(candidate.toFile(), true);
            this.out = new BufferedOutputStream(raw);
            write(TensorBoardEvent.fileVersion(now));
            if (resumeStep != null) {
                write(new TensorBoardEvent(now, resumeStep, null, true, Map.of()));
            }
            flush();
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("event file appeared while creating it in " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a TensorBoard event file in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Opens a new event file in {@code dir} (created if missing) using the system clock for wall times. */
    public static TensorBoardSink open(Path dir) {
        return new TensorBoardSink(dir, TensorBoardSink::systemSeconds, null);
    }

    /**
     * Opens a new event file in {@code dir} for a run resumed at {@code iteration}: TensorBoard will ignore
     * events of earlier files with a step {@code >= iteration}.
     */
    public static TensorBoardSink resume(Path dir, long iteration) {
        return new TensorBoardSink(dir, TensorBoardSink::systemSeconds, iteration);
    }

    /**
     * Opens a new event file with an explicit clock (tests).
     *
     * @param clock      wall time in seconds since the epoch
     * @param resumeStep the resume iteration, or {@code null} for a fresh run
     */
    public static TensorBoardSink open(Path dir, DoubleSupplier clock, Long resumeStep) {
        return new TensorBoardSink(dir, clock, resumeStep);
    }

    /** The event file being written. */
    public Path file() {
        return file;
    }

    @Override
    public void record(long iteration, Map<String, Double> scalars) {
        Map<String, Float> values = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : scalars.entrySet()) {
            Double v = e.getValue();
            if (v != null && Double.isFinite(v)) {
                values.put(e.getKey(), v.floatValue());
            }
        }
        if (values.isEmpty()) {
            return;
        }
        try {
            write(new TensorBoardEvent(clock.getAsDouble(), iteration, null, false, values));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
            raw.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (OutputStream closing = out) {
            closing.flush();
            raw.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(TensorBoardEvent event) throws IOException {
        TfRecord.write(out, event.encode());
    }

    /**
     * Reads every event of an event file, validating framing and checksums.
     *
     * @throws IOException naming the file and the record index when a record is malformed
     */
    public static List<TensorBoardEvent> read(Path eventFile) throws IOException {
        List<TensorBoardEvent> events = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(eventFile, StandardOpenOption.READ))) {
            while (true) {
                byte[] data;
                try {
                    data = TfRecord.read(in);
                } catch (IOException e) {
                    throw new IOException(eventFile + ": record " + events.size() + ": " + e.getMessage(), e);
                }
                if (data == null) {
                    return events;
                }
                try {
                    events.add(TensorBoardEvent.decode(data));
                } catch (IOException e) {
                    throw new IOException(eventFile + ": record " + events.size() + ": bad event: "
                            + e.getMessage(), e);
                }
            }
        }
    }

    private static double systemSeconds() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String hostName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException | SecurityException e) {
            host = "localhost";
        }
        String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "localhost" : safe.substring(0, Math.min(64, safe.length()));
    }
}
