package dev.untangle.rl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.untangle.policy.AtomicWrites;
import dev.untangle.rl.trajectory.Episode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of a training run:
 * <pre>
 * DIR/config.yaml            resolved configuration (every key, defaults included, with the seed)
 * DIR/run.json               method, seed, status, command (written by the command line)
 * DIR/metrics.jsonl          one JSON object per RL iteration (written by the metrics sink)
 * DIR/sft_metrics.jsonl      one JSON object per SFT epoch
 * DIR/eval.json              {"checkpoints": {"sft": {"L0": {...}, ...}, "iter-000010": ..., "final": ...}}
 * DIR/checkpoints/NAME/      policy/, optimizer.bin, rng.bin, state.json (written atomically)
 * </pre>
 */
public final class RunDirectory {

    /** File name of the resolved configuration. */
    public static final String CONFIG = "config.yaml";
    /** File name of the RL metrics. */
    public static final String METRICS = "metrics.jsonl";
    /** File name of the SFT metrics. */
    public static final String SFT_METRICS = "sft_metrics.jsonl";
    /** File name of the evaluation results. */
    public static final String EVAL = "eval.json";
    /** Append-only log of episodes the environment failed: one JSON line each, with the error's first line. */
    public static final String ENV_FAILURES = "env_failures.jsonl";
    private static final ObjectMapper LINE_JSON = new ObjectMapper();
    /** Longest error text kept per line of {@link #ENV_FAILURES}. */
    private static final int MAX_ERROR_CHARS = 500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    /** Opens (and creates) a run directory. */
    public RunDirectory(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + root, e);
        }
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** Path of a file in the run directory. */
    public Path file(String name) {
        return root.resolve(name);
    }

    /** The directory of the named checkpoint ({@code sft}, {@code iter-000010}, {@code final}). */
    public Path checkpoint(String name) {
        return root.resolve("checkpoints").resolve(name);
    }

    /** The checkpoint name of an iteration count. */
    public static String iterationName(int iterationsDone) {
        return String.format("iter-%06d", iterationsDone);
    }

    /** Writes a text file atomically. */
    public void writeText(String name, String text) {
        writeAtomically(root.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes to {@code target} through a temporary file and an atomic rename. */
    public static void writeAtomically(Path target, byte[] bytes) {
        try {
            replace(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Writes bytes to {@code target} through a temporary sibling and an atomic rename. When anything fails (a
     * full disk), the temporary file is deleted and {@code target} keeps its earlier content.
     *
     * @throws IOException naming what failed
     */
    public static void replace(Path target, byte[] bytes) throws IOException {
        AtomicWrites.file(target, bytes);
    }

    /**
     * Records an evaluation under {@code checkpoints.<label>.<split>} in eval.json (read, merged, written
     * atomically).
     */
    public synchronized void recordEval(String label, String split, Map<String, Object> result) {
        Map<String, Object> all = readEval();
        @SuppressWarnings("unchecked")
        Map<String, Object> cps = (Map<String, Object>) all.computeIfAbsent("checkpoints",
                k -> new LinkedHashMap<String, Object>());
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) cps.computeIfAbsent(label,
                k -> new LinkedHashMap<String, Object>());
        entry.put(split, result);
        try {
            writeAtomically(root.resolve(EVAL), JSON.writeValueAsBytes(all));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(EVAL), e);
        }
    }

    /**
     * Appends one line per failed episode to {@link #ENV_FAILURES}: {@code {"iteration", "split", "task_id",
     * "error"}}, the error cut to its first line and {@value #MAX_ERROR_CHARS} characters. The log is append-only
     * across attempts and resumes (a retried iteration appears once per attempt).
     */
    public synchronized void logEnvironmentFailures(long iteration, List<Episode> episodes) {
        StringBuilder sb = new StringBuilder();
        for (Episode e : episodes) {
            if (!e.failed()) {
                continue;
            }
            String error = e.environmentError().lines().findFirst().orElse("");
            if (error.length() > MAX_ERROR_CHARS) {
                error = error.substring(0, MAX_ERROR_CHARS) + "...";
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("iteration", iteration);
            m.put("split", e.task().split());
            m.put("task_id", e.task().taskId());
            m.put("error", error);
            try {
                sb.append(LINE_JSON.writeValueAsString(m)).append('\n');
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        if (sb.length() == 0) {
            return;
        }
        try {
            Files.writeString(root.resolve(ENV_FAILURES), sb, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + root.resolve(ENV_FAILURES), ex);
        }
    }

    /** What a run writes at the top of its directory (everything but the lock file). */
    private static final List<String> RUN_FILES = List.of(CONFIG, "run.json", METRICS, SFT_METRICS, EVAL,
            ENV_FAILURES, "checkpoints", "tensorboard", "diagnostics");

    /** The names of a run's files present in this directory (empty for a new directory; empty folders ignored). */
    public List<String> runFiles() {
        return RUN_FILES.stream().filter(n -> hasContent(root.resolve(n))).toList();
    }

    private static boolean hasContent(Path p) {
        if (!Files.isDirectory(p)) {
            return Files.exists(p);
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + p, e);
        }
    }

    /** Deletes a run's files ({@link #runFiles}), for a fresh start in the same directory. */
    public void deleteRunFiles() {
        for (String n : runFiles()) {
            deleteTree(root.resolve(n));
        }
    }

    /** The contents of eval.json (empty when absent). */
    public Map<String, Object> readEval() {
        Path p = root.resolve(EVAL);
        if (!Files.exists(p)) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(p.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** The latest iteration checkpoint, if any. */
    public Optional<Path> latestIterationCheckpoint() {
        return iterationCheckpoints().stream().reduce((a, b) -> b);
    }

    /** Iteration checkpoints, oldest first. */
    public List<Path> iterationCheckpoints() {
        try (Stream<Path> s = Files.list(root.resolve("checkpoints"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("iter-")
                    && Files.exists(p.resolve(TrainingState.FILE))).sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + root, e);
        }
    }

    /** Deletes iteration checkpoints beyond the {@code keep} most recent. */
    public void pruneIterationCheckpoints(int keep) {
        List<Path> cps = iterationCheckpoints();
        for (int i = 0; i < cps.size() - keep; i++) {
            deleteTree(cps.get(i));
        }
    }

    /** Deletes a directory tree. */
    public static void deleteTree(Path dir) {
        AtomicWrites.deleteTree(dir);
    }

    /**
     * A saved policy and the run configuration it was trained with.
     *
     * @param policyDir  the directory {@link dev.untangle.policy.Policy#save} wrote
     * @param configFile the run's resolved {@code config.yaml}
     */
    public record SavedPolicy(Path policyDir, Path configFile) {
    }

    /**
     * Finds the policy of a checkpoint directory ({@code DIR/policy}) or of a run directory (its
     * {@code checkpoints/final/policy}), and the run's {@code config.yaml} next to it or up to two levels up.
     *
     * @throws UncheckedIOException naming what was looked for when nothing is found
     */
    public static SavedPolicy locate(Path dir) {
        if (!Files.isDirectory(dir)) {
            StringBuilder msg = new StringBuilder("checkpoint directory " + dir + " does not exist");
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent)) {
                try (var list = Files.list(parent)) {
                    List<String> there = list.filter(p -> Files.isDirectory(p.resolve("policy")))
                            .map(p -> p.getFileName().toString()).sorted().toList();
                    if (!there.isEmpty()) {
                        msg.append("; checkpoints in ").append(parent).append(": ").append(String.join(", ", there));
                    }
                } catch (IOException e) {
                    // the listing is only a hint
                }
            }
            throw new UncheckedIOException(new java.io.FileNotFoundException(msg.toString()));
        }
        Path policyDir = null;
        if (Files.isDirectory(dir.resolve("policy"))) {
            policyDir = dir.resolve("policy");
        } else if (Files.isDirectory(dir.resolve("checkpoints/final/policy"))) {
            policyDir = dir.resolve("checkpoints/final/policy");
        }
        if (policyDir == null) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("no saved policy in " + dir
                    + ": expected " + dir.resolve("policy") + " or " + dir.resolve("checkpoints/final/policy")));
        }
        CheckpointManifest.verify(policyDir.getParent());
        Path d = dir.toAbsolutePath();
        for (int up = 0; up < 3 && d != null; up++, d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(CONFIG))) {
                return new SavedPolicy(policyDir, d.resolve(CONFIG));
            }
        }
        throw new UncheckedIOException(new java.io.FileNotFoundException("no " + CONFIG + " found in " + dir
                + " or the two directories above it (the run configuration names the environment)"));
    }
}
