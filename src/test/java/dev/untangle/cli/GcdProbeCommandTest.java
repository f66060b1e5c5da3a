package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.rl.TinyFactory;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} with GCD and critic data, then {@code gcd-probe --json} on the tiny world. */
class GcdProbeCommandTest {

    @Test
    void probePrintsVerdictAndRepresentationFigures(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, String.join("\n",
                "seed: 5",
                "env: {name: tiny}",
                "sft: {enabled: true, epochs: 2, batch_size: 9, lr: 0.1, critic_data: true, critic_oracle: searcher}",
                "rollout: {group_size: 2, groups: 2, max_steps: 4, max_action_tokens: 3}",
                "algorithm: {iterations: 1, gcd: {enabled: true, share_prefix: false}}",
                "eval: {splits: [L0], episodes: 3, max_steps: 4}", ""));
        Path out = dir.resolve("run");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(0, CliHarness.run(new TrainCommand(new TinyFactory()), o, e, "--config", cfg.toString(), "--out",
                out.toString(), "--no-progress"), e.toString());
        StringWriter po = new StringWriter();
        assertEquals(0, CliHarness.run(new GcdProbeCommand(new TinyFactory()), po, e, "--checkpoint", out.toString(), "--split",
                "L0", "--tasks", "3", "--json"), e.toString());
        JsonNode j = new ObjectMapper().readTree(po.toString());
        assertEquals("L0", j.get("split").asText());
        assertEquals(12, j.get("pairs").asInt());                       // 3 tasks x 2 states x 2 bad commands
        assertTrue(j.get("verdict_accuracy").asDouble() >= 0 && j.get("verdict_accuracy").asDouble() <= 1);
        for (String k : new String[] {"cos_good_bad", "cos_good_bad_centred", "verdict_cos_good_bad",
                "verdict_cos_good_bad_centred"}) {
            assertTrue(Math.abs(j.get(k).asDouble()) <= 1.0 + 1e-9, k);
        }
        StringWriter bad = new StringWriter();
        assertEquals(2, CliHarness.run(new GcdProbeCommand(new TinyFactory()), po, bad, "--checkpoint", out.toString(),
                "--split", "L0", "--tasks", "-1"));
        // key=value overrides reach the saved configuration (here: a bad value, named by its key)
        StringWriter badKey = new StringWriter();
        assertEquals(2, CliHarness.run(new GcdProbeCommand(new TinyFactory()), po, badKey, "--checkpoint",
                out.toString(), "--split", "L0", "algorithm.gcd.verdict_at=middle"));
        assertTrue(badKey.toString().contains("algorithm.gcd.verdict_at"), badKey.toString());
    }
}
