package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduling of a parallel experiment, with stand-in worker processes (shell commands) instead of training
 * JVMs: a method starts only after its seed's SFT run ended well, no more than {@code workers} runs are alive at
 * once, each worker gets its share of the threads, and a failed run stops the scheduling with an error that
 * names the run, its error line and its log. The real workers are exercised by {@code ExperimentWorkersCliTest}.
 */
class ParallelRunsTest {

    /** Records every start, with the runs whose processes had exited at that moment. */
    private static final class Recorder implements RunLauncher {
        final Map<String, Process> started = new LinkedHashMap<>();
        final List<String> violations = new ArrayList<>();
        final List<Integer> threads = new ArrayList<>();
        final Map<String, String> scripts;
        int maxAlive;

        Recorder(Map<String, String> scripts) {
            this.scripts = scripts;
        }

        @Override
        public synchronized Process start(String run, int t, Path log) throws java.io.IOException {
            threads.add(t);
            long alive = started.values().stream().filter(Process::isAlive).count();
            maxAlive = (int) Math.max(maxAlive, alive + 1);
            if (!run.endsWith("/sft")) {
                Process sft = started.get(run.substring(0, run.indexOf('/')) + "/sft");
                if (sft == null || sft.isAlive() || sft.exitValue() != 0) {
                    violations.add(run + " started before its seed's SFT run ended well");
                }
            }
            Process p = new ProcessBuilder("sh", "-c", scripts.getOrDefault(run, "sleep 0.2"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            started.put(run, p);
            return p;
        }
    }

    private static ExperimentRunner runner(RunLauncher launcher, ByteArrayOutputStream shown) {
        return new ExperimentRunner(new dev.untangle.rl.ModelPolicyFactory(), "untangle test",
                new PrintStream(shown, true, StandardCharsets.UTF_8), Bootstrap.DEFAULT.withResamples(100), launcher);
    }

    private static ExperimentRunner.Plan plan(Path out, int workers) {
        Preset p = ExperimentRunnerTest.testPreset();
        return new ExperimentRunner.Plan(p, List.of(), Method.parseAll(p.methods()), p.seeds(), out,
                List.of("untangle", "experiment"), workers, null);
    }

    @Test
    void methodsWaitForTheirSeedsSftAndWorkersAreBounded(@TempDir Path out) throws Exception {
        Recorder rec = new Recorder(Map.of("seed-0/sft", "sleep 0.4", "seed-1/sft", "sleep 0.1"));
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        ExperimentRunner.Outcome o = runner(rec, shown).run(plan(out, 2));

        assertEquals(List.of(), rec.violations);
        assertEquals(6, rec.started.size(), rec.started.keySet().toString());
        assertEquals(List.of("seed-0/sft", "seed-1/sft"), new ArrayList<>(rec.started.keySet()).subList(0, 2),
                "both SFT runs start first: no method run is ready before its SFT");
        assertTrue(new ArrayList<>(rec.started.keySet()).indexOf("seed-1/grpo")
                < new ArrayList<>(rec.started.keySet()).indexOf("seed-0/grpo"),
                "seed 1's methods start while seed 0's slower SFT is still running: " + rec.started.keySet());

        // three seeds: the third SFT starts as soon as a worker is free, before any method of the first seeds
        Recorder three = new Recorder(Map.of());
        runner(three, new ByteArrayOutputStream()).run(new ExperimentRunner.Plan(ExperimentRunnerTest.testPreset(),
                List.of(), Method.parseAll(List.of("grpo", "grpo+gcd")), 3, out.resolve("three"),
                List.of("untangle", "experiment"), 2, null));
        assertEquals(List.of("seed-0/sft", "seed-1/sft", "seed-2/sft"),
                new ArrayList<>(three.started.keySet()).subList(0, 3), three.started.keySet().toString());
        assertEquals(List.of(), three.violations);
        assertEquals(2, rec.maxAlive, "at most two runs at once, and the two workers are used");
        assertTrue(rec.threads.stream().allMatch(t -> t == RunLauncher.threadsPerWorker(2)), rec.threads.toString());
        assertEquals(6, o.runs().size());
        assertTrue(o.runs().stream().allMatch(r -> r.action().equals("ran")), o.runs().toString());
        String text = shown.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("6 runs, 2 at a time"), text);
        assertTrue(text.contains("(6/6 runs done)"), text);
    }

    @Test
    void aFailedRunStopsTheSchedulingAndIsNamed(@TempDir Path out) {
        Recorder rec = new Recorder(Map.of(
                "seed-0/sft", "echo 'starting'; echo 'error: checkpoint unreadable: torn file'; echo bye; exit 3",
                "seed-1/sft", "sleep 0.5"));
        RunLauncher.WorkerFailedException e = assertThrows(RunLauncher.WorkerFailedException.class,
                () -> runner(rec, new ByteArrayOutputStream()).run(plan(out, 2)));
        assertTrue(e.getMessage().contains("seed-0/sft (exit 3): checkpoint unreadable: torn file"), e.getMessage());
        assertTrue(e.getMessage().contains(out.resolve("logs").resolve("seed-0-sft.log").toString()), e.getMessage());
        assertEquals(List.of("seed-0/sft", "seed-1/sft"), new ArrayList<>(rec.started.keySet()),
                "after the failure no run starts; the running one finishes");
        assertFalse(rec.started.get("seed-1/sft").isAlive(), "the parent waited for the running worker");
    }

    @Test
    void workerCountsAreChecked(@TempDir Path out) {
        ConfigException e = assertThrows(ConfigException.class, () -> plan(out, 0));
        assertTrue(e.getMessage().contains("experiment.workers"), e.getMessage());
        ConfigException p = assertThrows(ConfigException.class, () -> Preset.parse(
                "experiment: {workers: two}", "p.yaml"));
        assertTrue(p.getMessage().contains("experiment.workers") && p.getMessage().contains("two"), p.getMessage());
        assertEquals(2, Preset.load("default").workers());
        assertEquals(1, Preset.load("quick").workers());
        ConfigException none = assertThrows(ConfigException.class,
                () -> new ExperimentRunner(new dev.untangle.rl.ModelPolicyFactory(), "t", null,
                        Bootstrap.DEFAULT).run(plan(out, 2)));
        assertTrue(none.getMessage().contains("worker"), none.getMessage());
    }

    @Test
    void theLastErrorLineOfALogIsReported(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("a.log");
        java.nio.file.Files.writeString(log, "INFO x\nerror: first\nmore\nerror: the real one\ntail\n");
        assertEquals("the real one", RunLauncher.lastError(log));
        java.nio.file.Files.writeString(log, "[main] INFO x\nException in thread main\n\tat a.b\n\n");
        assertEquals("Exception in thread main", RunLauncher.lastError(log));
        java.nio.file.Files.writeString(log, "[main] INFO x\n[main] INFO y\n");
        assertEquals("[main] INFO y", RunLauncher.lastError(log));
        assertTrue(RunLauncher.lastError(dir.resolve("missing.log")).startsWith("its log cannot be read"));
    }
}
