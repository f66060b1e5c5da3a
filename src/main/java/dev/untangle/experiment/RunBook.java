package dev.untangle.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.report.RunDirectories;
import dev.untangle.report.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one writer of a run directory's {@code run.json} (docs/OUTPUTS.md), used by {@code untangle train} and by
 * the experiment runner alike, so both record the same fields: method, seed, status, command, iterations, wall
 * seconds summed over attempts, {@code attempts}, {@code started_at} (of the first attempt), {@code finished_at},
 * the caller's fields (for example {@code train_seed}, {@code env}) and {@link Provenance}. A run continued after
 * a stop keeps its first start time, adds the wall time of the earlier attempts that recorded one and lists them
 * ({@value #EARLIER_ATTEMPTS}: their status, command, version and commit); a run started afresh in the same directory
 * starts a fresh record.
 */
public final class RunBook {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Field of {@code run.json} listing the attempts before the current one, one line each: number, the status it
     * left, its command, version and git commit (the run's provenance is every invocation that trained it).
     */
    public static final String EARLIER_ATTEMPTS = "earlier_attempts";

    private final Path dir;
    private final String method;
    private final int seed;
    private final String command;
    private final RunInfo previous;
    private final Map<String, String> extra;
    private final String version;
    private final double priorSeconds;
    private long startNanos;

    private RunBook(Path dir, String method, int seed, String command, RunInfo previous, Map<String, String> extra,
                    String version) {
        this.dir = dir;
        this.method = method;
        this.seed = seed;
        this.command = command;
        this.previous = previous;
        this.extra = extra;
        this.version = version;
        this.priorSeconds = previous != null && Double.isFinite(previous.wallSeconds()) ? previous.wallSeconds() : 0;
        this.startNanos = System.nanoTime();
    }

    /**
     * Reads the directory's earlier {@code run.json}, if any, without writing anything (a finished run is
     * skipped by the experiment runner; see {@link #previous()}).
     *
     * @param dir     the run directory
     * @param method  method name recorded ({@code grpo+gcd}, {@code sft})
     * @param seed    the seed recorded as {@code seed}
     * @param command the command line recorded
     * @param fields  further fields of the caller, recorded as given
     * @param version the program's version (provenance)
     * @param continuing whether this attempt continues the run recorded there ({@code train --resume}, the
     *                experiment runner); {@code false} starts a fresh record and ignores an earlier one
     */
    public static RunBook open(Path dir, String method, int seed, String command, Map<String, String> fields,
                               String version, boolean continuing) {
        Path file = dir.resolve(ExperimentLayout.RUN);
        RunInfo previous = continuing && Files.isRegularFile(file) ? parse(file) : null;
        Map<String, String> extra = new LinkedHashMap<>(fields);
        extra.put("attempts", Integer.toString(previous == null ? 1 : parseInt(previous.extra().get("attempts")) + 1));
        extra.put("started_at", previous != null && previous.extra().containsKey("started_at")
                ? previous.extra().get("started_at") : Instant.now().toString());
        if (previous != null && !previous.command().isEmpty()) {     // who trained the run before this attempt
            String before = previous.extra().getOrDefault(EARLIER_ATTEMPTS, "");
            String line = previous.extra().getOrDefault("attempts", "1") + ": " + previous.status() + ", "
                    + previous.command() + " (" + previous.extra().getOrDefault("untangle_version", "untangle ?")
                    + ", git " + previous.extra().getOrDefault("git_commit", "unknown") + ")";
            extra.put(EARLIER_ATTEMPTS, before.isEmpty() ? line : before + "\n" + line);
        }
        return new RunBook(dir, method, seed, command, previous, extra, version);
    }

    /**
     * The {@code run.json} of a run directory, read without writing anything: {@code null} when there is none; a torn
     * or foreign one reads as status {@code unreadable}.
     */
    public static RunInfo read(Path dir) {
        Path file = dir.resolve(ExperimentLayout.RUN);
        return Files.isRegularFile(file) ? parse(file) : null;
    }

    /**
     * The experiment directory that {@code dir} is or lies in, or {@code null}: a directory holding
     * {@code experiment.json} or a {@code seed-<k>} directory, or such a directory's {@code seed-<k>} directory or
     * one of their run directories. {@code untangle train} refuses these (the experiment owns them; {@code untangle
     * report} would read a run written there as the whole experiment).
     */
    public static Path experimentOf(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs.resolve(ExperimentLayout.EXPERIMENT)) || hasSeedDirectory(abs)) {
            return dir;
        }
        Path parent = abs.getParent();
        for (int up = 0; up < 2 && parent != null; up++, parent = parent.getParent()) {
            Path child = up == 0 ? abs : abs.getParent();
            if (ExperimentLayout.seedOf(child.getFileName() == null ? null : child.getFileName().toString()) >= 0
                    && Files.isRegularFile(parent.resolve(ExperimentLayout.EXPERIMENT))) {
                return parent;
            }
        }
        return null;
    }

    private static boolean hasSeedDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> Files.isDirectory(p) && ExperimentLayout.seedOf(p.getFileName().toString()) >= 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The earlier {@code run.json} of this directory, or {@code null} when there was none. */
    public RunInfo previous() {
        return previous;
    }

    /**
     * Records the run as running (iterations from the earlier attempt, its wall time so far) with its provenance,
     * and starts this attempt's clock.
     */
    public void running() {
        extra.putAll(Provenance.collect(version, Path.of("").toAbsolutePath()));
        startNanos = System.nanoTime();
        write("running", previous == null ? -1 : previous.iterations(), priorSeconds, extra);
    }

    /** Records the run as finished after {@code iterations} iterations. */
    public void finished(long iterations) {
        Map<String, String> m = new LinkedHashMap<>(extra);
        m.put("finished_at", Instant.now().toString());
        write(ExperimentLayout.STATUS_FINISHED, iterations, seconds(), m);
    }

    /**
     * Records the run as failed with {@code error}'s message. Never throws: when even that cannot be written (the
     * disk that failed the run is full), the write's failure is attached to {@code error} as suppressed, and the
     * run stays {@code running}, which the next invocation continues.
     */
    public void failed(Throwable error) {
        Map<String, String> m = new LinkedHashMap<>(extra);
        m.put("error", String.valueOf(error.getMessage()));
        try {
            write("failed", -1, seconds(), m);
        } catch (RuntimeException again) {
            error.addSuppressed(again);
        }
    }

    /** Wall seconds of this attempt. */
    public double attemptSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private double seconds() {
        return priorSeconds + attemptSeconds();
    }

    private void write(String status, long iterations, double seconds, Map<String, String> fields) {
        try {
            RunDirectories.writeRunInfo(dir, new RunInfo(method, seed, status, command, iterations, seconds, fields));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(ExperimentLayout.RUN) + ": "
                    + e.getMessage(), e);
        }
    }

    private static RunInfo parse(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return RunDirectories.parseRunInfo(n, file.toString());
        } catch (IOException e) {
            // a torn or foreign run.json: the run counts as unfinished (it is continued from its checkpoints)
            return new RunInfo("", 0, "unreadable", "", -1, Double.NaN, Map.of());
        }
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
