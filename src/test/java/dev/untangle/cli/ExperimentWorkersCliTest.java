package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code untangle experiment --workers 2} with real worker JVMs (the test's own Java and class path): every run
 * finishes in its own process with one thread, records its experiment's command line, and the report covers
 * them all; the worker logs are kept.
 */
class ExperimentWorkersCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void workersTrainEveryRunInTheirOwnProcesses(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny.yaml");
        Files.writeString(preset, """
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
                  seeds: 2
                  methods: [grpo]
                  workers: 2
                """);
        Path out = dir.resolve("exp");
        String[] r = CliHarness.main("experiment", "--preset", preset.toString(), "--out", out.toString(),
                "--no-progress", "--json");
        assertEquals("0", r[0], r[2] + r[1]);
        JsonNode summary = JSON.readTree(r[1]);
        assertEquals(4, summary.get("runs").size(), r[1]);
        for (String run : new String[] {"seed-0/sft", "seed-0/grpo", "seed-1/sft", "seed-1/grpo"}) {
            JsonNode info = JSON.readTree(out.resolve(run).resolve("run.json").toFile());
            assertEquals("finished", info.get("status").asText(), run);
            assertEquals("1", info.get("omp_num_threads").asText(), run + ": one thread per worker (2 / 2)");
            assertTrue(info.get("command").asText().startsWith("untangle experiment --preset " + preset),
                    run + " records the experiment's command: " + info.get("command"));
            assertTrue(!info.get("command").asText().contains("--run-only"), info.get("command").asText());
            assertTrue(Files.isRegularFile(out.resolve("logs").resolve(run.replace('/', '-') + ".log")), run);
        }
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertEquals(2, results.get("seeds").size(), results.toString());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));

        // a second invocation skips every finished run without starting a worker
        String[] again = CliHarness.main("experiment", "--preset", preset.toString(), "--out", out.toString(),
                "--no-progress", "--json");
        assertEquals("0", again[0], again[2]);
        for (JsonNode run : JSON.readTree(again[1]).get("runs")) {
            assertEquals("skipped", run.get("action").asText(), again[1]);
        }
    }

    /**
     * Killing the experiment process ({@code kill -9}: no shutdown hook runs) ends its workers too: they used to go on
     * training, re-parented to PID 1, and the next invocation trained the same runs beside them.
     */
    @Test
    void killingTheExperimentEndsItsWorkers(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("long.yaml");
        Files.writeString(preset, """
                seed: 3
                env:
                  name: household
                  options: {scene_size: tiny, train_size: 16}
                model: {layers: 1, width: 16, heads: 2, context_length: 96}
                prompt: {history: window, window: 1, admissible: false, max_tokens: 80, max_text_tokens: 24}
                sft: {tasks: 4, epochs: 100000, batch_size: 16, lr: 0.003}
                rollout: {group_size: 2, groups: 1, max_steps: 3, decoding: constrained, max_action_tokens: 6}
                algorithm: {iterations: 1, epochs: 1, minibatch_size: 16}
                eval: {splits: [L0], episodes: 2, max_steps: 3}
                experiment:
                  seeds: 2
                  methods: [grpo]
                  workers: 2
                """);
        Path out = dir.resolve("exp");
        List<String> cmd = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()), "-Xss4m",
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "experiment", "--preset",
                preset.toString(), "--out", out.toString(), "--no-progress"));
        Process parent = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("parent.log").toFile()).start();
        List<ProcessHandle> workers = new java.util.ArrayList<>();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (workers.size() < 2 && System.nanoTime() < deadline && parent.isAlive()) {
                Thread.sleep(200);
                workers.clear();
                parent.toHandle().children().forEach(workers::add);
            }
            assertEquals(2, workers.size(), "two workers started; parent log: "
                    + Files.readString(dir.resolve("parent.log")));
            Thread.sleep(1000);                                        // let them get to work
            parent.destroyForcibly();                                  // SIGKILL: no shutdown hook runs
            parent.waitFor();
            for (ProcessHandle w : workers) {
                try {
                    w.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("worker " + w.pid() + " still runs 30 s after its experiment was killed");
                }
            }
            String log = Files.readString(out.resolve("logs").resolve("seed-0-sft.log"));
            assertTrue(log.contains("stopping (the run stays running"), log);
        } finally {
            parent.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);               // only the processes this test started
        }
    }
}
