package dev.untangle.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts one run of an experiment in its own process (a worker), so that several runs can train at once: DJL's
 * PyTorch engine allows one gradient collector per process, and small models do not keep many cores busy, so
 * runs in parallel processes with fewer threads each finish sooner than the same runs one after the other with
 * all threads (docs/BENCHMARKS.md "Parallel runs"). The worker executes exactly what the sequential runner would
 * for that run; its intra-op thread count is recorded in the run's {@code run.json} ({@code omp_num_threads}).
 */
@FunctionalInterface
public interface RunLauncher {

    /**
     * Starts the run.
     *
     * @param run     the run's directory relative to the experiment's, for example {@code seed-0/grpo-gcd}
     * @param threads intra-op threads the worker may use ({@code OMP_NUM_THREADS})
     * @param log     file that receives the worker's standard output and error
     * @return the started process; exit status 0 means the run finished
     * @throws IOException when the process cannot be started
     */
    Process start(String run, int threads, Path log) throws IOException;

    /**
     * Threads per worker: this process's thread budget ({@code OMP_NUM_THREADS} when set, else the available
     * processors) divided among the workers, at least one.
     */
    static int threadsPerWorker(int workers) {
        int total = Runtime.getRuntime().availableProcessors();
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null) {
            try {
                total = Math.max(1, Integer.parseInt(env.trim()));
            } catch (NumberFormatException e) {
                // not a number: PyTorch ignores it as well
            }
        }
        return Math.max(1, total / Math.max(1, workers));
    }

    /**
     * What went wrong according to a worker's log: its last {@code error:} line (the CLI's error line), else its
     * first line that is not a log line (a usage error, a crash's first line), else its last line.
     */
    static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = "";
            for (String l : lines) {
                if (l.startsWith("error: ")) {
                    last = l.substring("error: ".length());
                }
            }
            for (int i = 0; i < lines.size() && last.isEmpty(); i++) {
                if (!lines.get(i).startsWith("[")) {     // not a log line: a usage error or a crash's first line
                    last = lines.get(i).strip();
                }
            }
            for (int i = lines.size() - 1; i >= 0 && last.isEmpty(); i--) {
                last = lines.get(i).strip();
            }
            return last.length() > 300 ? last.substring(0, 300) + "..." : (last.isEmpty() ? "no output" : last);
        } catch (IOException | RuntimeException e) {
            return "its log cannot be read (" + e.getMessage() + ")";
        }
    }

    /** A worker run ended with a non-zero exit status; the message names the run, the cause and the log. */
    final class WorkerFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public WorkerFailedException(String message) {
            super(message);
        }
    }
}
