package dev.untangle.experiment.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code untangle experiment --master URL} end to end, every JVM a real process on the loopback address: the local
 * launcher ({@code --workers 2}, one thread a run) trains a tiny grid once as the reference; {@code local[2]} and a
 * Spark standalone cluster (a master and two one-core workers started from the Maven-resolved Spark jars) must give the
 * same run directories (checkpoint bytes, configurations, evaluations and metrics up to timing fields) and the same
 * {@code results.json}. On the cluster, a worker is killed with SIGKILL while it trains a run: Spark retries the task on
 * the other worker and no run is lost, duplicated or half-written; a second submission to the same {@code --out} at the
 * same time is refused naming the first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkExperimentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that hold times, rates, commands or hosts: they differ between any two executions. */
    private static final Pattern VOLATILE = Pattern.compile(
            "(?i).*(second|share|time|_at$|^at$|tokens_per_s|command|master|workers|pid|host|^out$|report|results"
                    + "|version|commit|^java$|^os$|cpus|omp_|allocator|earlier_attempts).*");
    private static final String PRESET = """
            seed: 3
            env:
              name: household
              options: {scene_size: tiny, train_size: 16}
            model: {layers: 1, width: 16, heads: 2, context_length: 96}
            prompt: {history: window, window: 1, admissible: false, max_tokens: 80, max_text_tokens: 24}
            sft: {tasks: 4, epochs: 1, batch_size: 16, lr: 0.003}
            rollout: {group_size: 2, groups: 1, max_steps: 3, decoding: constrained, max_action_tokens: 6}
            algorithm: {iterations: 1, epochs: 1, minibatch_size: 16}
            optim: {warmup_steps: 0}
            eval: {splits: [L0], episodes: 2, every: 1, max_steps: 3}
            checkpoint: {every: 1, keep: 1}
            experiment:
              seeds: 1
              methods: [grpo]
            """;
    private static final List<String> RUNS = List.of("seed-0/sft", "seed-0/grpo");

    private Path dir;
    private Path preset;
    private Path reference;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    void trainTheReferenceWithTheLocalLauncher() throws Exception {
        dir = Files.createTempDirectory("untangle-spark-test");
        preset = dir.resolve("tiny.yaml");
        Files.writeString(preset, PRESET);
        reference = dir.resolve("local");
        Result r = experiment(List.of("--workers", "2", "--out", reference.toString()), Map.of(), 180);
        assertEquals(0, r.exit(), r.err());
    }

    @AfterAll
    void stopEverything() {
        for (Process p : started) {                 // children first: executors and their runs, then the daemons
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dev.untangle.rl.RunDirectory.deleteTree(dir);
    }

    @Test
    void localSparkGivesTheLocalLaunchersRuns() throws Exception {
        Path out = dir.resolve("local-2");
        Result r = experiment(List.of("--master", "local[2]", "--out", out.toUri().toString()), Map.of(), 180);
        assertEquals(0, r.exit(), r.err());
        assertSameExperiment(reference, out);
        assertTrue(r.err().contains("run 2/2 seed-0 grpo: finished"), r.err());
    }

    @Test
    void aStandaloneClusterGivesTheSameRunsAndSurvivesAKilledWorker() throws Exception {
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));   // empty: class path below
        int port = freePort();
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.getParent().toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_DIST_CLASSPATH", System.getProperty("java.class.path"), "SPARK_LOCAL_IP", "127.0.0.1",
                "JAVA_HOME", System.getProperty("java.home"));
        Path masterLog = dir.resolve("master.log");
        start(List.of("-Xmx256m", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort())), env, masterLog);
        awaitLine(masterLog, "I have been elected leader", 90);
        String url = "spark://127.0.0.1:" + port;
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Path log = dir.resolve("worker-" + w + ".log");
            workers.add(start(List.of("-Xmx256m", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--webui-port", Integer.toString(freePort()), "--cores", "1", "--memory", "900m", "--work-dir",
                    dir.resolve("work-" + w).toString(), url), env, log));
        }
        for (int w = 0; w < 2; w++) {
            awaitLine(dir.resolve("worker-" + w + ".log"), "Successfully registered with master", 90);
        }

        // the same grid on the cluster: the same runs and results as the local launcher
        Path onCluster = dir.resolve("cluster");
        Result r = experiment(List.of("--master", url, "--out", onCluster.toUri().toString()), Map.of(), 240);
        assertEquals(0, r.exit(), r.err());
        assertSameExperiment(reference, onCluster);

        // a worker killed while it trains a run, and a second submission to the same directory meanwhile
        Path faulty = dir.resolve("fault");
        List<String> args = List.of("--master", url, "--out", faulty.toUri().toString());
        Path err = dir.resolve("fault.err");
        Process driver = driver(args, Map.of(), err);
        awaitFile(faulty.resolve("experiment.json"), 90);                 // written under the experiment's lock
        Result second = experiment(args, Map.of(), 60);
        assertEquals(2, second.exit(), second.err());
        assertTrue(second.err().contains("is in use by another untangle process"), second.err());
        Process victim = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (victim == null && System.nanoTime() < deadline && driver.isAlive()) {
            for (Process w : workers) {
                long pid = w.pid();            // a run's JVM is a child of an executor, itself a child of the worker
                if (w.descendants().anyMatch(d -> d.parent().map(pp -> pp.pid() != pid).orElse(false)
                        && d.info().command().orElse("").endsWith("/java"))) {
                    victim = w;
                }
            }
            Thread.sleep(50);
        }
        assertTrue(victim != null, "no worker ever trained a run: " + Files.readString(err));
        victim.destroyForcibly();                                          // SIGKILL
        assertTrue(driver.waitFor(240, TimeUnit.SECONDS), "the experiment did not finish after a worker was lost");
        String log = Files.readString(err);
        assertEquals(0, driver.exitValue(), log);
        assertSameExperiment(reference, faulty);
        for (String run : RUNS) {
            JsonNode info = JSON.readTree(faulty.resolve(run).resolve("run.json").toFile());
            assertEquals("1", info.path("attempts").asText(), run + ": the lost attempt never published: " + info);
        }
        try (Stream<Path> s = Files.list(faulty.resolve("seed-0"))) {
            assertEquals(List.of("grpo", "sft"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary or duplicate run directory is left");
        }
        assertTrue(log.contains("(attempt 2)"), "a task was retried: " + log);
    }

    /** The two experiments' runs and results agree, apart from times, hosts and commands. */
    private static void assertSameExperiment(Path expected, Path actual) throws IOException {
        for (String run : RUNS) {
            Path e = expected.resolve(run);
            Path a = actual.resolve(run);
            assertEquals(files(e), files(a), run + ": the same files");
            for (String f : files(e).keySet()) {
                if (f.startsWith("checkpoints/") || f.equals("config.yaml")) {
                    assertTrue(Arrays.equals(Files.readAllBytes(e.resolve(f)), Files.readAllBytes(a.resolve(f))),
                            run + "/" + f + " differs");
                } else if (f.endsWith(".json")) {
                    assertEquals(stable(e.resolve(f)), stable(a.resolve(f)), run + "/" + f);
                } else if (f.endsWith(".jsonl")) {
                    List<String> el = Files.readAllLines(e.resolve(f));
                    List<String> al = Files.readAllLines(a.resolve(f));
                    assertEquals(el.size(), al.size(), run + "/" + f);
                    for (int i = 0; i < el.size(); i++) {
                        assertEquals(strip(JSON.readTree(el.get(i))), strip(JSON.readTree(al.get(i))), run + "/" + f);
                    }
                }
            }
            JsonNode info = JSON.readTree(a.resolve("run.json").toFile());
            assertEquals("finished", info.path("status").asText(), run);
            assertEquals("1", info.path("omp_num_threads").asText(), run + ": one thread, as each local worker");
        }
        assertEquals(stable(expected.resolve("results.json")), stable(actual.resolve("results.json")));
    }

    /** Files of a run directory (tensorboard event files named by time and the lock file left out) and sizes. */
    private static Map<String, Long> files(Path runDir) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(runDir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = runDir.relativize(p).toString();
                if (!rel.contains("tfevents") && !rel.endsWith(".untangle.lock")) {
                    m.put(rel, rel.startsWith("checkpoints/") ? Files.size(p) : 0L);
                }
            }
        }
        return m;
    }

    private static JsonNode stable(Path json) throws IOException {
        return strip(JSON.readTree(json.toFile()));
    }

    private static JsonNode strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (VOLATILE.matcher(k).matches()) {
                    it.remove();
                } else {
                    strip(o.get(k));
                }
            }
        } else if (n instanceof ArrayNode a) {
            a.forEach(SparkExperimentTest::strip);
        }
        return n;
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs {@code untangle experiment --preset tiny.yaml ARGS --json} in a JVM of its own. */
    private Result experiment(List<String> args, Map<String, String> env, int timeoutS) throws Exception {
        Path err = Files.createTempFile(dir, "experiment", ".err");
        Process p = driver(args, env, err);
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("untangle experiment " + args + " ran past " + timeoutS + " s: "
                    + Files.readString(err));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                Files.readString(err));
    }

    private Process driver(List<String> args, Map<String, String> env, Path err) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("-Xmx512m", "-Xss4m", "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dspark.ui.enabled=false",
                "-Dspark.executor.memory=512m", "-D" + SparkGrid.EXECUTOR_WAIT_PROPERTY + "=60",
                "dev.untangle.cli.Main", "experiment", "--preset", preset.toString()));
        cmd.addAll(args);
        cmd.add("--json");
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("SPARK_LOCAL_IP", "127.0.0.1");
        return startJvm(cmd, e, null, err);
    }

    private Process start(List<String> javaArgs, Map<String, String> env, Path log) throws IOException {
        return startJvm(javaArgs, env, log, log);
    }

    /** Starts {@code java SPARK_OPTIONS -cp THIS_CLASS_PATH ARGS}, remembered for {@link #stopEverything}. */
    private Process startJvm(List<String> javaArgs, Map<String, String> env, Path out, Path err) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SparkGrid.moduleOptions().stream().filter(o -> !o.startsWith("--add-modules")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(javaArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        if (out != null) {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitLine(Path log, String line, int timeoutS) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (!(Files.isRegularFile(log) && Files.readString(log).contains(line))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + line + "' in " + log + " within " + timeoutS + " s: "
                        + (Files.isRegularFile(log) ? Files.readString(log) : "(no log)"));
            }
            Thread.sleep(100);
        }
    }

    private static void awaitFile(Path file, int timeoutS) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (!Files.isRegularFile(file)) {
            assertFalse(System.nanoTime() > deadline, file + " did not appear within " + timeoutS + " s");
            Thread.sleep(50);
        }
    }
}
