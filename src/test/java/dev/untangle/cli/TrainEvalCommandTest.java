package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.rl.TinyFactory;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} then {@code eval --json} on the tiny world, and one-line user errors. */
class TrainEvalCommandTest {

    @Test
    void trainThenEvalPrintsJson(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, String.join("\n",
                "seed: 5",
                "env: {name: tiny}",
                "sft: {enabled: true, epochs: 10, batch_size: 9, lr: 0.1}",
                "rollout: {group_size: 2, groups: 2, max_steps: 4, max_action_tokens: 3}",
                "algorithm: {iterations: 1}",
                "eval: {splits: [L0], episodes: 9, max_steps: 4, greedy: false}", ""));
        Path out = dir.resolve("run");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(0, CliHarness.run(new TrainCommand(new TinyFactory()), o, e, "--config", cfg.toString(), "--out",
                out.toString(), "--no-progress", "optim.lr=0.01"), e.toString());
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("seed: 5"));
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("lr: 0.01"));
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("grpo", run.get("method").asText());
        assertEquals("finished", run.get("status").asText());
        assertEquals(5, run.get("seed").asInt());
        // the same bookkeeping as the experiment runner's run directories (experiment.RunBook)
        for (String field : List.of("env", "attempts", "git_commit", "untangle_version", "java", "os", "djl_version",
                "pytorch_version", "cpus", "allocator", "started_at", "finished_at")) {
            assertTrue(run.hasNonNull(field), "run.json lacks " + field + ": " + run);
        }
        assertEquals(1, run.get("attempts").asInt());
        assertTrue(Files.exists(out.resolve("metrics.jsonl")));

        StringWriter refused = new StringWriter();
        assertEquals(2, CliHarness.run(new TrainCommand(new TinyFactory()), o, refused, "--config", cfg.toString(),
                "--out", out.toString(), "--no-progress"));
        assertTrue(refused.toString().contains("already holds a run") && refused.toString().contains("--fresh"),
                refused.toString());
        assertTrue(Files.exists(out.resolve("checkpoints/final")), "the refused command touched nothing");

        Path gcd = dir.resolve("gcd");
        assertEquals(0, CliHarness.run(new TrainCommand(new TinyFactory()), o, e, "--config", cfg.toString(), "--out",
                gcd.toString(), "--no-progress", "algorithm.gcd.enabled=true"), e.toString());
        assertEquals("grpo+gcd", new ObjectMapper().readTree(gcd.resolve("run.json").toFile()).get("method").asText(),
                "a GCD run is named as the experiment names it");
        assertEquals(0, CliHarness.run(new TrainCommand(new TinyFactory()), o, e, "--config", cfg.toString(), "--out",
                gcd.toString(), "--no-progress", "--fresh"), e.toString());
        JsonNode fresh = new ObjectMapper().readTree(gcd.resolve("run.json").toFile());
        assertEquals("grpo", fresh.get("method").asText(), "--fresh trained again with the new configuration");
        assertEquals(1, fresh.get("attempts").asInt(), "a fresh start is a fresh record");

        Path weights = gcd.resolve("checkpoints/final/policy/tiny.bin");
        byte[] w = Files.readAllBytes(weights);
        w[w.length - 1] ^= 1;
        Files.write(weights, w);
        StringWriter damaged = new StringWriter();
        assertEquals(2, CliHarness.run(new EvalCommand(new TinyFactory()), new StringWriter(), damaged, "--checkpoint", gcd.toString(),
                "--split", "L0"));
        assertTrue(damaged.toString().contains("damaged checkpoint") && damaged.toString().contains("policy/tiny.bin"),
                damaged.toString());

        StringWriter eo = new StringWriter();
        assertEquals(0, CliHarness.run(new EvalCommand(new TinyFactory()), eo, e, "--checkpoint", out.toString(), "--split",
                "L0", "--episodes", "5", "--json"), e.toString());
        JsonNode j = new ObjectMapper().readTree(eo.toString());
        assertEquals("L0", j.get("split").asText());
        assertEquals(5, j.get("episodes").asInt());
        assertTrue(j.get("success_rate").isNumber());
        assertTrue(j.get("by_type").has("door"));

        // without options, eval reproduces the run's own final evaluation (its episodes, sampled decoding and seed)
        StringWriter same = new StringWriter();
        assertEquals(0, CliHarness.run(new EvalCommand(new TinyFactory()), same, e, "--checkpoint", out.toString(),
                "--split", "L0", "--json"), e.toString());
        JsonNode mine = new ObjectMapper().readTree(same.toString());
        JsonNode recorded = new ObjectMapper().readTree(out.resolve("eval.json").toFile()).at("/checkpoints/final/L0");
        assertEquals(recorded.get("episodes"), mine.get("episodes"));
        assertEquals("sampled", mine.get("mode").asText());
        assertEquals(recorded.get("mode"), mine.get("mode"));
        assertEquals(recorded.get("success_rate"), mine.get("success_rate"));
        assertEquals(recorded.get("task_outcomes"), mine.get("task_outcomes"));
        StringWriter text = new StringWriter();
        assertEquals(0, CliHarness.run(new EvalCommand(new TinyFactory()), text, e, "--checkpoint", out.toString(),
                "--split", "L0"));
        assertTrue(text.toString().contains("(the run's own evaluation of L0)"), text.toString());

        StringWriter bad = new StringWriter();
        assertEquals(2, CliHarness.run(new TrainCommand(new TinyFactory()), o, bad, "--config", cfg.toString(), "--out",
                out.toString(), "algorithm.epoch=3"));
        assertTrue(bad.toString().contains("algorithm.epoch: unknown key"), bad.toString());
        assertTrue(bad.toString().contains("did you mean 'algorithm.epochs'"), bad.toString());
    }
}
