package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.env.Environments;
import dev.untangle.env.remote.AgentGymServer;
import dev.untangle.env.remote.ServeSettings;
import dev.untangle.rl.TinyFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 7's end-to-end check: a training run whose environment is {@code agentgym:alfworld} pointing at
 * {@code untangle serve} (real loopback socket) learns exactly like the in-process run with the same seed and
 * tasks: every metric except wall-clock timings, and every evaluation, is identical.
 */
class RemoteTrainingTest {

    private static final String CONFIG = String.join("\n",
            "seed: 11",
            "sft: {enabled: false}",               // remote servers have no expert to imitate
            "rollout: {group_size: 4, groups: 3, max_steps: 4, max_action_tokens: 3}",
            "algorithm: {iterations: 4}",
            "optim: {lr: 0.02}",
            "eval: {splits: [L0], episodes: 9, max_steps: 4}",
            "diagnostics: {every: 0}", "");

    private static void train(Path cfg, Path out, String... overrides) {
        List<String> args = new ArrayList<>(List.of("--config", cfg.toString(), "--out", out.toString(),
                "--no-progress"));
        args.addAll(List.of(overrides));
        CommandLine cl = new CommandLine(new TrainCommand(new TinyFactory()));
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, c, p) -> {
            throw e;
        });
        assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());
    }

    /** metrics.jsonl without the wall-clock keys ({@code time/...}, throughput). */
    private static List<JsonNode> metricsWithoutTimings(Path run) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            ObjectNode o = (ObjectNode) m.readTree(line);
            List<String> drop = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.startsWith("time/") || k.contains("per_second") || k.contains("tokens_per_s")) {
                    drop.add(k);
                }
            }
            o.remove(drop);
            lines.add(o);
        }
        return lines;
    }

    /** eval.json with each evaluation's wall-clock {@code seconds} removed (timings differ between runs). */
    private static JsonNode evalWithoutTimings(Path run) throws Exception {
        JsonNode root = new ObjectMapper().readTree(run.resolve("eval.json").toFile());
        dropSeconds(root);
        return root;
    }

    private static void dropSeconds(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("seconds");
        }
        node.forEach(RemoteTrainingTest::dropSeconds);
    }

    @Test
    void trainingThroughServeMatchesInProcess(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, CONFIG);
        Path local = dir.resolve("local");
        train(cfg, local, "env.name=tiny");

        try (AgentGymServer server = AgentGymServer.start(Environments.create("tiny", Map.of()),
                ServeSettings.builder().optPort(0).optMaxEnvs(64).build())) {
            Path remote = dir.resolve("remote");
            String url = server.url().toString();
            train(cfg, remote, "env.name=agentgym:alfworld", "env.options.urls=" + url,
                    "env.options.splits=server");

            List<JsonNode> a = metricsWithoutTimings(local);
            List<JsonNode> b = metricsWithoutTimings(remote);
            assertFalse(a.isEmpty());
            assertEquals(a, b, "metrics of the served run differ from the in-process run");
            assertEquals(evalWithoutTimings(local), evalWithoutTimings(remote));
        }
    }
}
