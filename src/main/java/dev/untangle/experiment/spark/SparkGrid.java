package dev.untangle.experiment.spark;

import dev.untangle.config.ConfigException;
import dev.untangle.experiment.GridExecutor;
import dev.untangle.experiment.RunLauncher;
import dev.untangle.experiment.WorkerCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The experiment's runs as Spark tasks ({@code untangle experiment --master URL}): each run that must train is a
 * Spark job of one task ({@link RunTask}), submitted when its cold start has been published (cold starts first, so
 * they unlock the arms soonest), so Spark's scheduler places it on a free executor core and retries it when it fails
 * or its executor is lost ({@code spark.task.maxFailures}, default 4 on a cluster; in {@code local[N]} only with
 * {@code local[N,F]}). A task trains its run in a child JVM, as the local launcher does: DJL's PyTorch engine allows one
 * gradient collector per process, and a child process also keeps a crashed run from taking its executor down.
 *
 * <p>The Spark context starts on the first {@link #execute} (after the experiment checked its runs and took its
 * lock), with every {@code spark.*} system property of this JVM ({@code -Dspark.executor.memory=2g}, or spark-submit's
 * {@code --conf}); when this JVM runs from the application jar, that jar is shipped to the executors. The master URL is
 * checked before anything is written ({@link #checkMaster}).
 */
public final class SparkGrid implements GridExecutor, AutoCloseable {

    /** System property: how long to wait for a cluster's first executor, in seconds (default 120). */
    public static final String EXECUTOR_WAIT_PROPERTY = "untangle.spark.executor_wait_s";
    /** The configuration key of the master URL in a preset and in messages. */
    public static final String MASTER_KEY = "experiment.master";
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^,/:]+:\\d+)(,[^,/:]+:\\d+)*");
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final String master;
    private final URI out;
    private final WorkerCommand worker;
    private final Consumer<String> say;
    private JavaSparkContext sc;

    /**
     * Creates the executor; nothing starts until {@link #execute}.
     *
     * @param master the master URL, checked by {@link #checkMaster}
     * @param out    the experiment directory ({@code file:///...})
     * @param worker how a run's child JVM is started
     * @param say    receives progress lines
     */
    public SparkGrid(String master, URI out, WorkerCommand worker, Consumer<String> say) {
        this.master = master;
        this.out = out;
        this.worker = worker;
        this.say = say;
    }

    /**
     * Checks a master URL before anything is written: its form ({@code local}, {@code local[N]}, {@code local[*]},
     * {@code local[N,F]}, {@code spark://HOST:PORT[,HOST:PORT]}, {@code yarn}, {@code k8s://URL}), and for a
     * standalone master that one of its addresses accepts a connection within 5 seconds.
     *
     * @throws ConfigException naming the URL and what is wrong with it
     */
    public static void checkMaster(String master) {
        if (master == null || master.isBlank()) {
            throw new ConfigException(MASTER_KEY, "empty master URL");
        }
        if (LOCAL.matcher(master).matches() || master.equals("yarn") || master.startsWith("k8s://")) {
            return;
        }
        if (!STANDALONE.matcher(master).matches()) {
            throw new ConfigException(MASTER_KEY, "'" + master + "' is not a Spark master URL (local, local[N], "
                    + "local[N,F], spark://HOST:PORT, yarn or k8s://URL)");
        }
        List<String> refused = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))), CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException | IllegalArgumentException e) {
                refused.add(hostPort + " (" + e.getMessage() + ")");
            }
        }
        throw new ConfigException(MASTER_KEY, master + ": no Spark master answers at " + String.join(", ", refused)
                + "; start one (docs/EXPERIMENT.md \"On a Spark cluster\") or check the URL");
    }

    @Override
    public String where() {
        return master;
    }

    @Override
    public List<Result> execute(List<Task> tasks) throws IOException {
        JavaSparkContext context = context();
        RunTask fn = new RunTask(worker, out, Path.of("").toAbsolutePath().toString());
        Map<String, CompletableFuture<Result>> byRun = new HashMap<>();
        ExecutorService submitters = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "untangle-spark-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Task> ordered = new ArrayList<>();         // cold starts first: Spark's FIFO scheduler favours them
            tasks.stream().filter(t -> t.coldStart() == null).forEach(ordered::add);
            tasks.stream().filter(t -> t.coldStart() != null).forEach(ordered::add);
            for (Task t : ordered) {
                CompletableFuture<Result> dependency = t.coldStart() == null ? null : byRun.get(t.coldStart());
                CompletableFuture<Result> f = dependency == null
                        ? CompletableFuture.supplyAsync(() -> runJob(context, fn, t), submitters)
                        : dependency.thenApplyAsync(r -> runJob(context, fn, t), submitters);
                byRun.put(t.run(), f);
            }
            List<Result> results = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (Task t : tasks) {
                try {
                    results.add(byRun.get(t.run()).join());
                } catch (CompletionException e) {
                    Task cause = t.coldStart() == null ? null : tasks.stream()
                            .filter(o -> o.run().equals(t.coldStart())).findFirst().orElse(null);
                    failures.add(cause != null && byRun.get(cause.run()).isCompletedExceptionally()
                            ? t.run() + ": not started, its cold start " + cause.run() + " failed"
                            : oneLine(e.getCause()));
                }
            }
            if (!failures.isEmpty()) {
                throw new RunLauncher.WorkerFailedException("run " + String.join("; run ", failures));
            }
            return results;
        } finally {
            submitters.shutdownNow();
        }
    }

    private Result runJob(JavaSparkContext context, RunTask fn, Task t) {
        say.accept(t.label() + ": submitted to " + master);
        context.setJobDescription(t.label());
        Result r = context.parallelize(List.of(t), 1).map(fn).collect().get(0);
        if (!r.published()) {
            say.accept(t.label() + ": a second attempt found it published and discarded its copy");
        }
        return r;
    }

    /** The message of a failed job in one line: the run's own message when a task said it, else Spark's first line. */
    static String oneLine(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        Matcher m = Pattern.compile(RunTask.RunFailedException.class.getName().replace("$", "\\$")
                + ": ([^\\n]*)").matcher(msg);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        if (found != null) {
            return found;
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    private synchronized JavaSparkContext context() {
        if (sc != null) {
            return sc;
        }
        requireModuleOptions();
        SparkConf conf = new SparkConf(true).setMaster(master).setAppName("untangle experiment " + out);
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        String cp = WorkerCommand.classPathFor(RunTask.class);
        if (!conf.contains("spark.jars") && cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator)) {
            conf.setJars(new String[] {cp});                        // the application jar, to every executor
        }
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new ConfigException(MASTER_KEY, master + ": Spark did not start: " + oneLine(e));
        }
        if (!LOCAL.matcher(master).matches()) {
            awaitExecutor(conf);
        }
        say.accept("spark: application " + sc.sc().applicationId() + " on " + master);
        return sc;
    }

    /** Waits for the cluster's first executor, so a cluster without usable workers fails in bounded time. */
    private void awaitExecutor(SparkConf conf) {
        long waitS = Long.getLong(EXECUTOR_WAIT_PROPERTY, 120);
        long deadline = System.nanoTime() + waitS * 1_000_000_000L;
        while (sc.statusTracker().getExecutorInfos().length < 2) {      // the driver counts as one
            if (System.nanoTime() > deadline) {
                close();
                throw new ConfigException(MASTER_KEY, master + ": no executor registered within " + waitS + " s; are "
                        + "its workers running, with a free core and spark.executor.memory="
                        + conf.get("spark.executor.memory", "1g") + " of memory?");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for " + master + "'s executors", e);
            }
        }
    }

    /**
     * Spark reflects into JDK internals, which Java 17 allows only with {@code --add-opens} options on the driver
     * ({@code ./untangle} passes them; executors get them from Spark itself). Without them Spark fails deep inside;
     * this fails first, naming the options.
     */
    static void requireModuleOptions() {
        if (!Object.class.getModule().isOpen("sun.nio.ch", SparkGrid.class.getModule())) {
            throw new ConfigException(MASTER_KEY, "Spark on Java " + Runtime.version().feature() + " needs these JVM "
                    + "options (./untangle passes them): " + String.join(" ", moduleOptions()));
        }
    }

    /** The JVM options Spark needs on Java 17 and newer (Spark's own list). */
    public static List<String> moduleOptions() {
        return List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray());
    }

    /** Stops the Spark context, if it started. */
    @Override
    public synchronized void close() {
        if (sc != null) {
            sc.stop();
            sc = null;
        }
    }
}
