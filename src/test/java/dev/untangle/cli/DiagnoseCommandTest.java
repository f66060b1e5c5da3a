package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.coupling.ProbeSet;
import dev.untangle.rl.TinyFactory;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} with {@code diagnostics.every} then {@code diagnose} on the tiny world. */
class DiagnoseCommandTest {

    @Test
    void diagnoseWritesJsonAndPlotsOnTheRunsProbeSet(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, String.join("\n",
                "seed: 2",
                "env: {name: tiny}",
                "sft: {enabled: false}",
                "rollout: {group_size: 4, groups: 4, max_steps: 4, max_action_tokens: 3, decoding: constrained}",
                "algorithm: {iterations: 2, minibatch_size: 16}",
                "optim: {lr: 0.05, warmup_steps: 0}",
                "eval: {splits: [L0], episodes: 3, max_steps: 4}",
                "diagnostics: {every: 1, probe_groups: 6, probe_samples: 20, similar_threshold: 0.3, probe_folds: 2}",
                ""));
        Path run = dir.resolve("run");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(0, CliHarness.run(new TrainCommand(new TinyFactory()), o, e, "--config", cfg.toString(), "--out",
                run.toString(), "--no-progress"), e.toString());
        assertTrue(Files.exists(run.resolve(ProbeSet.FILE)));
        String metrics = Files.readString(run.resolve("metrics.jsonl"));
        assertTrue(metrics.contains("\"coupling/index\"") && metrics.contains("\"coupling/harmful_rate\""), metrics);

        StringWriter d = new StringWriter();
        Path out = dir.resolve("diag/final.json");
        assertEquals(0, CliHarness.run(new DiagnoseCommand(new TinyFactory()), d, e, "--checkpoint", run.toString(), "--out",
                out.toString(), "--json", "diagnostics.sketch_dim=64"), e.toString());
        JsonNode j = new ObjectMapper().readTree(d.toString());
        assertTrue(j.get("metrics").has("coupling/goodbad_cosine"));
        assertTrue(j.get("metrics").get("coupling/harmful_rate").isNumber());
        assertEquals(64, j.get("report").get("gradientDimension").asInt());
        assertTrue(j.get("report").get("sketched").asBoolean());
        assertTrue(Files.exists(out));
        assertTrue(Files.readString(dir.resolve("diag/final-predicted-vs-measured.svg")).startsWith("<svg"));
        assertTrue(Files.exists(dir.resolve("diag/final-state-similarity.svg")));
        assertTrue(Files.exists(dir.resolve("diag/final-cosines-by-pair-type.svg")));

        StringWriter text = new StringWriter();
        assertEquals(0, CliHarness.run(new DiagnoseCommand(new TinyFactory()), text, e, "--checkpoint",
                run.resolve("checkpoints/final").toString(), "--no-update"), e.toString());
        assertTrue(text.toString().contains("run's probe set") && text.toString().contains("coupling/index"),
                text.toString());
        assertTrue(Files.exists(run.resolve("diagnostics/diagnose-final.json")));

        StringWriter bad = new StringWriter();
        assertEquals(2, CliHarness.run(new DiagnoseCommand(new TinyFactory()), o, bad, "--checkpoint", run.toString(),
                "diagnostics.sketch_dim=-1"));
        assertTrue(bad.toString().contains("diagnostics.sketch_dim"), bad.toString());

        // a probe set without two non-zero advantages is a one-line user error, not an internal failure
        ProbeSet probes = ProbeSet.load(run.resolve(ProbeSet.FILE));
        new ProbeSet(probes.split(), probes.seed(), probes.samples().subList(0, 1)).save(run.resolve(ProbeSet.FILE));
        StringWriter thin = new StringWriter();
        assertEquals(2, CliHarness.run(new DiagnoseCommand(new TinyFactory()), o, thin, "--checkpoint", run.toString()));
        assertTrue(thin.toString().startsWith("error: diagnostics.probe_groups: the probe set")
                && thin.toString().strip().lines().count() == 1, thin.toString());
    }
}
