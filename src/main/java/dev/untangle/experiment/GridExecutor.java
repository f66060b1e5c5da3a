package dev.untangle.experiment;

import java.io.IOException;
import java.util.List;

/**
 * Executes runs of an experiment on a cluster instead of this host's worker processes (for example
 * {@code experiment.spark.SparkGrid}: one Spark task per run). The experiment runner keeps the plan: it checks every
 * run, skips the finished ones, records the invocation and rebuilds the report; the executor only trains the runs it
 * is given, each with {@link WorkerCommand} exactly as a local worker, and publishes each finished run directory
 * into the experiment directory atomically, once.
 */
public interface GridExecutor {

    /**
     * A run to train.
     *
     * @param run       its directory relative to the experiment's, for example {@code seed-0/grpo}
     * @param coldStart the run whose SFT checkpoint it starts from ({@code seed-0/sft}), or {@code null} for a cold
     *                  start; when that run is among the tasks, this one starts only after it was published
     * @param label     how progress lines name it ({@code run 2/4 seed-0 grpo})
     */
    record Task(String run, String coldStart, String label) implements java.io.Serializable {
    }

    /**
     * What became of a task.
     *
     * @param run       the run
     * @param published whether this task's attempt published the run directory ({@code false}: another attempt of
     *                  the same run had already published it, and this one's copy was discarded)
     * @param resumed   whether the attempt continued an unfinished run directory found in the experiment directory
     * @param seconds   wall seconds of the successful attempt, staging and publication included
     * @param host      where it ran
     * @param attempt   Spark's attempt number of the successful attempt (0: the first)
     */
    record Result(String run, boolean published, boolean resumed, double seconds, String host, int attempt)
            implements java.io.Serializable {
    }

    /** Where the runs execute, for example {@code spark://10.0.0.1:7077}; recorded in {@code experiment.json}. */
    String where();

    /**
     * Trains the tasks (each after its cold start, when that is among them) and returns once every one ended.
     *
     * @return one result per task, in the order of {@code tasks}
     * @throws RunLauncher.WorkerFailedException naming each run that failed after the executor's retries, its error
     *                                           line and its log
     * @throws IOException when the experiment directory cannot be read or written
     */
    List<Result> execute(List<Task> tasks) throws IOException;
}
