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

    /** Trains the tiny world's two-iteration run into {@code out} (checkpoint every iteration). */
    private static void trainTiny(Path dir, Path out, String... overrides) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--config", tinyConfig(dir).toString(), "--out",
                out.toString(), "--no-progress"));
        args.addAll(List.of(overrides));
        StringWriter e = new StringWriter();
        assertEquals(0, CliHarness.run(new TrainCommand(new TinyFactory()), new StringWriter(), e,
                args.toArray(String[]::new)), e.toString());
    }

    /** The tiny world's two-iteration configuration, written to {@code dir/tiny.yaml}. */
    private static Path tinyConfig(Path dir) throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, String.join("\n",
                "seed: 5",
                "env: {name: tiny}",
                "sft: {enabled: true, epochs: 4, batch_size: 9, lr: 0.1}",
                "rollout: {group_size: 2, groups: 2, max_steps: 4, max_action_tokens: 3}",
                "algorithm: {iterations: 2}",
                "checkpoint: {every: 1, keep: 2}",
                "eval: {splits: [L0], episodes: 9, max_steps: 4, greedy: false}", ""));
        return cfg;
    }

    /** Every file below {@code dir} with its bytes, by relative path. */
    static java.util.Map<String, String> snapshot(Path dir) throws java.io.IOException {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String rel = dir.relativize(p).toString();
                m.put(rel, Files.isRegularFile(p) ? java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))) : "dir");
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    /**
     * {@code train --resume} of a finished run says so and changes nothing (it used to retrain from the last
     * periodic checkpoint, replacing the final checkpoint and evaluation, and set run.json back to running).
     */
    @Test
    void resumingAFinishedRunSaysSoAndChangesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        trainTiny(dir, out);
        java.util.Map<String, String> before = snapshot(out);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(0, CliHarness.run(new TrainCommand(new TinyFactory()), o, e, "--out", out.toString(), "--resume",
                "--no-progress"), e.toString());
        assertTrue(o.toString().startsWith(out + " holds a finished run (2 iterations, finished "), o.toString());
        assertTrue(o.toString().contains("nothing to resume, nothing changed") && o.toString().contains("L0"),
                o.toString());
        assertEquals(before, snapshot(out), "a resume of a finished run wrote into it");
        StringWriter j = new StringWriter();
        assertEquals(0, CliHarness.run(new TrainCommand(new TinyFactory()), j, e, "--out", out.toString(), "--resume",
                "--json"), e.toString());
        JsonNode summary = new ObjectMapper().readTree(j.toString());
        assertTrue(summary.get("already_finished").asBoolean());
        assertEquals(new ObjectMapper().readTree(out.resolve("eval.json").toFile()).at("/checkpoints/final/L0"),
                summary.at("/final/L0"));
        assertEquals(before, snapshot(out));
    }

    /**
     * {@code train --out} refuses an experiment directory (and its seed and run directories): {@code untangle report}
     * then read the directory as one run and the experiment's table was gone.
     */
    @Test
    void trainRefusesAnExperimentDirectory(@TempDir Path dir) throws Exception {
        Path experiment = dir.resolve("experiment");
        Files.createDirectories(experiment.resolve("seed-0/sft"));
        Files.writeString(experiment.resolve("experiment.json"), "{\"preset\": \"quick\"}");
        Path cfg = tinyConfig(dir);
        java.util.Map<String, String> before = snapshot(experiment);
        for (Path out : List.of(experiment, experiment.resolve("seed-0"), experiment.resolve("seed-0/grpo"))) {
            StringWriter e = new StringWriter();
            assertEquals(2, CliHarness.run(new TrainCommand(new TinyFactory()), new StringWriter(), e, "--config",
                    cfg.toString(), "--out", out.toString(), "--no-progress"), out.toString());
            assertTrue(e.toString().contains(out.equals(experiment) ? "is an experiment directory"
                    : "belongs to the experiment directory " + experiment), e.toString());
            assertTrue(e.toString().contains("untangle experiment --out " + experiment), e.toString());
        }
        assertEquals(before, snapshot(experiment), "the refused commands wrote nothing");
        Path seedsOnly = dir.resolve("no-experiment-json");                   // seed directories alone suffice
        Files.createDirectories(seedsOnly.resolve("seed-1/grpo"));
        StringWriter e = new StringWriter();
        assertEquals(2, CliHarness.run(new TrainCommand(new TinyFactory()), new StringWriter(), e, "--config",
                cfg.toString(), "--out", seedsOnly.toString()));
        assertTrue(e.toString().contains("is an experiment directory"), e.toString());
    }

    /**
     * A checkpoint without manifest.sha256 is refused as damaged, naming the file and the property that accepts an
     * old checkpoint on purpose; with the property it is evaluated.
     */
    @Test
    void aCheckpointWithoutAManifestIsRefusedUnlessAccepted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        trainTiny(dir, out);
        Files.delete(out.resolve("checkpoints/final/manifest.sha256"));
        StringWriter e = new StringWriter();
        assertEquals(2, CliHarness.run(new EvalCommand(new TinyFactory()), new StringWriter(), e, "--checkpoint",
                out.toString(), "--split", "L0"));
        assertTrue(e.toString().contains("damaged checkpoint " + out.resolve("checkpoints/final")
                + ": manifest.sha256 is missing"), e.toString());
        assertTrue(e.toString().contains("-Duntangle.accept_unverified_checkpoints=true"), e.toString());
        System.setProperty(dev.untangle.rl.CheckpointManifest.ACCEPT_UNVERIFIED, "true");
        try {
            StringWriter o = new StringWriter();
            assertEquals(0, CliHarness.run(new EvalCommand(new TinyFactory()), o, e, "--checkpoint", out.toString(),
                    "--split", "L0"), e.toString());
            assertTrue(o.toString().startsWith("L0: success "), o.toString());
        } finally {
            System.clearProperty(dev.untangle.rl.CheckpointManifest.ACCEPT_UNVERIFIED);
        }
    }

    /**
     * {@code eval} against a remote server that is down is an error (it printed {@code success NaN over 0 episodes}
     * and exited 0), as a training run's evaluation is.
     */
    @Test
    void evalAgainstAServerThatIsDownFails(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        trainTiny(dir, out);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();                                           // closed again: nobody listens
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = CliHarness.run(new EvalCommand(new TinyFactory()), o, e, "--checkpoint", out.toString(), "--split",
                "L0", "env.name=agentgym:alfworld", "env.options.urls=http://127.0.0.1:" + port,
                "env.options.splits=L0:0:9", "env.options.retries=0", "env.options.connect_timeout_ms=2000");
        assertEquals(2, code, o + " / " + e);
        assertTrue(e.toString().contains("evaluation on L0: the environment failed every one of the 9 episodes"),
                e.toString());
        assertTrue(o.toString().isEmpty(), o.toString());
    }
}
