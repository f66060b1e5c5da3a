package dev.untangle.experiment.spark;

import dev.untangle.experiment.GridExecutor;
import dev.untangle.experiment.RunLauncher;
import dev.untangle.experiment.WorkerCommand;
import dev.untangle.rl.RunDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One run as a Spark task, on an executor: stage the run's inputs (its cold start's run directory, and the run's own
 * directory when an unfinished one exists) from the experiment directory into local scratch space, train the run
 * there in a child JVM started exactly as the local launcher starts a worker ({@link WorkerCommand}, with the task's
 * cores as its threads), then publish the finished run directory atomically and once ({@link RunPublisher}) and its
 * log to {@code OUT/logs/}. The scratch space is deleted whatever happens; a child left running when the task ends
 * (killed, interrupted) is destroyed, and a child whose executor dies ends by itself (its standard input closes).
 */
final class RunTask implements Function<GridExecutor.Task, GridExecutor.Result> {

    private static final long serialVersionUID = 1L;

    private final WorkerCommand worker;
    private final String out;
    private final String driverDirectory;

    /**
     * @param worker          how the experiment starts a worker
     * @param out             the experiment directory's URI
     * @param driverDirectory the driver's working directory; a child on a host that has it works there (its
     *                        provenance then names the same git commit), else in its scratch space
     */
    RunTask(WorkerCommand worker, URI out, String driverDirectory) {
        this.worker = worker;
        this.out = out.toString();
        this.driverDirectory = driverDirectory;
    }

    @Override
    public GridExecutor.Result call(GridExecutor.Task task) throws Exception {
        long t0 = System.nanoTime();
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        int threads = ctx == null ? 1 : Math.max(1, ctx.cpus());
        String attemptId = ctx == null ? Long.toString(ProcessHandle.current().pid())
                : ctx.stageId() + "-" + ctx.partitionId() + "-" + ctx.taskAttemptId();
        String host = InetAddress.getLocalHost().getHostName()
                + (SparkEnv.get() == null ? "" : " (executor " + SparkEnv.get().executorId() + ")");
        String logName = task.run().replace('/', '-') + ".log";
        RunPublisher publisher = RunPublisher.open(URI.create(out));
        Path scratch = Files.createTempDirectory("untangle-task-");
        Process child = null;
        try {
            if (task.coldStart() != null && !(publisher.isFinished(task.coldStart())
                    && publisher.stage(task.coldStart(), scratch))) {
                throw new RunFailedException(task.run() + ": its cold start " + task.coldStart()
                        + " is not a finished run in " + out);
            }
            boolean resumed = publisher.stage(task.run(), scratch);
            Path log = scratch.resolve(logName);
            ProcessBuilder pb = worker.processBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), WorkerCommand.classPathFor(RunTask.class), scratch, task.run(), threads, log);
            Path dir = driverDirectory == null ? null : Path.of(driverDirectory);
            pb.directory((dir != null && Files.isDirectory(dir) ? dir : scratch).toFile());
            child = pb.start();
            try (OutputStream held = child.getOutputStream()) {       // the child's pipe, open while we wait
                while (!child.waitFor(1, TimeUnit.SECONDS)) {
                    if (ctx != null && ctx.isInterrupted()) {
                        throw new InterruptedException(task.run() + ": task killed by Spark");
                    }
                }
            }
            publisher.publishLog(log, logName);
            if (child.exitValue() != 0) {
                throw new RunFailedException(task.run() + " failed on " + host + " (exit " + child.exitValue()
                        + "): " + RunLauncher.lastError(log) + "; log " + publisher.logLocation(logName));
            }
            RunPublisher.Outcome o = publisher.publish(scratch.resolve(task.run()), task.run(), attemptId);
            return new GridExecutor.Result(task.run(), o == RunPublisher.Outcome.PUBLISHED, resumed,
                    (System.nanoTime() - t0) / 1e9, host, attempt);
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            try {
                RunDirectory.deleteTree(scratch);
            } catch (RuntimeException e) {
                // scratch space in the temporary directory: the operating system reclaims it
            }
        }
    }

    /** A run that could not be trained or published; its message is the one line the experiment reports. */
    static final class RunFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunFailedException(String message) {
            super(message);
        }
    }
}
