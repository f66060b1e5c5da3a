package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.experiment.Bootstrap;
import dev.untangle.experiment.ExperimentRunner;
import dev.untangle.experiment.Method;
import dev.untangle.experiment.Preset;
import dev.untangle.rl.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused {@code untangle experiment} changes nothing in the experiment directory (it used to rewrite
 * experiment.json, report.html and tensorboard-curves with the refused command's preset); experiment.json keeps the
 * history of the invocations that trained the runs; a run directory is never trained by two processes at once.
 */
class ExperimentProvenanceCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A test-size household preset: one seed, GRPO from the shared SFT; {@code seed} varies the configuration. */
    static String preset(int seed) {
        return """
                seed: %d
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
                  gcd_cold_start: shared
                """.formatted(seed);
    }

    @Test
    void aRefusedInvocationChangesNothingAndTheHistoryNamesTheInvocationsThatTrained(@TempDir Path dir)
            throws Exception {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, preset(3));
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, preset(4));
        Path out = dir.resolve("exp");
        String[] first = CliHarness.main("experiment", "--preset", p.toString(), "--out", out.toString(),
                "--no-progress");
        assertEquals("0", first[0], first[2]);
        for (String f : List.of("experiment.json", "report.html", "results.json", "tensorboard-curves")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        Map<String, String> before = TrainEvalCommandTest.snapshot(out);
        byte[] experimentJson = Files.readAllBytes(out.resolve("experiment.json"));
        byte[] report = Files.readAllBytes(out.resolve("report.html"));
        byte[] results = Files.readAllBytes(out.resolve("results.json"));

        // another preset, an override, another world: each refused (exit 2), each changes no byte
        for (String[] refused : List.of(
                new String[] {"experiment", "--preset", other.toString(), "--out", out.toString(), "--no-progress"},
                new String[] {"experiment", "--preset", p.toString(), "--out", out.toString(), "--no-progress",
                    "algorithm.iterations=3"},
                new String[] {"experiment", "--env", "science", "--out", out.toString(), "--no-progress"})) {
            String[] r = CliHarness.main(refused);
            assertEquals("2", r[0], String.join(" ", refused) + ": " + r[2]);
            assertTrue(java.util.Arrays.equals(experimentJson, Files.readAllBytes(out.resolve("experiment.json"))),
                    "experiment.json rewritten by " + String.join(" ", refused));
            assertTrue(java.util.Arrays.equals(report, Files.readAllBytes(out.resolve("report.html"))),
                    "report.html rewritten by " + String.join(" ", refused));
            assertTrue(java.util.Arrays.equals(results, Files.readAllBytes(out.resolve("results.json"))),
                    "results.json rewritten by " + String.join(" ", refused));
            assertEquals(before, TrainEvalCommandTest.snapshot(out), "files changed by " + String.join(" ", refused));
            assertTrue(r[2].contains("holds a run with a different configuration")
                    && r[2].contains("nothing was changed"), r[2]);
        }

        // a re-run that trains nothing leaves the history as it is
        String[] same = CliHarness.main("experiment", "--preset", p.toString(), "--out", out.toString(),
                "--no-progress");
        assertEquals("0", same[0], same[2]);
        assertTrue(java.util.Arrays.equals(experimentJson, Files.readAllBytes(out.resolve("experiment.json"))));

        // a second invocation that trains (one more seed) is added to the history; the first one stays
        String[] more = CliHarness.main("experiment", "--preset", p.toString(), "--out", out.toString(),
                "--no-progress", "--seeds", "2");
        assertEquals("0", more[0], more[2]);
        JsonNode e = JSON.readTree(out.resolve("experiment.json").toFile());
        JsonNode inv = e.get("invocations");
        assertEquals(2, inv.size(), e.toString());
        assertEquals(List.of("untangle", "experiment", "--preset", p.toString(), "--out", out.toString(),
                "--no-progress"), strings(e.get("command")), "the command that started the experiment");
        assertEquals(e.get("command"), inv.get(0).get("command"));
        assertTrue(strings(inv.get(1).get("command")).contains("--seeds"), inv.toString());
        assertEquals(List.of("seed-0/sft", "seed-0/grpo"), strings(inv.get(0).get("runs")));
        assertEquals(List.of("seed-1/sft", "seed-1/grpo"), strings(inv.get(1).get("runs")));
        assertEquals(2, e.get("seeds").asInt());
        assertEquals(2, e.get("run_seeds").size());
        assertEquals(p.toString(), e.get("preset").asText());
        for (String k : List.of("git_commit", "untangle_version", "started_at")) {
            assertTrue(inv.get(1).hasNonNull(k), k);
        }
        JsonNode run = JSON.readTree(out.resolve("seed-1/grpo/run.json").toFile());
        assertTrue(run.get("command").asText().contains("--seeds 2"), run.toString());
    }

    /**
     * A run directory has one writer: while another holder has a run's lock (a worker left behind by a killed
     * experiment), the experiment is refused naming the run and the holder instead of training it a second time.
     */
    @Test
    void aRunHeldByAnotherWriterIsNotTrainedTwice(@TempDir Path dir) throws Exception {
        Preset p = Preset.parse(preset(3), "p");
        Path out = dir.resolve("exp");
        ExperimentRunner runner = new ExperimentRunner(new dev.untangle.rl.ModelPolicyFactory(), "untangle test",
                null, Bootstrap.DEFAULT.withResamples(100));
        ExperimentRunner.Plan plan = new ExperimentRunner.Plan(p, List.of(), Method.parseAll(p.methods()), 1, out,
                List.of("untangle", "experiment"));
        try (RunLock orphan = RunLock.acquire(out.resolve("seed-0/sft"), "untangle experiment (orphaned worker)")) {
            RunLock.InUseException e = assertThrows(RunLock.InUseException.class, () -> runner.run(plan));
            assertTrue(e.getMessage().contains("seed-0/sft") && e.getMessage().contains("orphaned worker"),
                    e.getMessage());
            assertTrue(!Files.exists(out.resolve("seed-0/sft/run.json")), "the held run was not started");
            assertTrue(!Files.exists(out.resolve("experiment.json")) && !Files.exists(out.resolve("report.html"))
                    && !Files.exists(out.resolve(RunLock.FILE)), "a refused invocation writes nothing");
        }
        assertEquals(2, runner.run(plan).runs().size(), "trained once the holder is gone");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
