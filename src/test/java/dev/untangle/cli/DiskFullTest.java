package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Generation;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptRenderer;
import dev.untangle.policy.RolloutSession;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.policy.Tokenizer;
import dev.untangle.rl.PolicyFactory;
import dev.untangle.rl.TinyFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while {@code untangle train} writes a checkpoint (issue 12 item 20, issue 25 item 10): the
 * command fails naming the checkpoint and the cause, {@code run.json} says {@code failed} with that error, no
 * checkpoint is left half-written, and once space is free again {@code train --resume} finishes a run equal to
 * an uninterrupted one (every metric but timings, the final evaluation and the final checkpoint's bytes).
 * The full disk is simulated below the checkpoint writer: the policy's files are written in part, then the write
 * fails with the operating system's "No space left on device".
 */
class DiskFullTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Policy saves number 1, 2, ...; the one numbered {@code failAt} runs out of space after a few bytes. */
    private static final class FillingDisk implements PolicyFactory {
        private final PolicyFactory inner = new TinyFactory();
        private final AtomicInteger saves = new AtomicInteger();
        private final int failAt;

        FillingDisk(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public Policy create(TrainConfig config, EnvironmentSuite suite) {
            return new Saving(inner.create(config, suite));
        }

        @Override
        public Policy load(Path dir) {
            return new Saving(inner.load(dir));
        }

        /** A policy whose {@link #save} is the one that meets the full disk. */
        private final class Saving implements Policy {
            private final Policy p;

            Saving(Policy p) {
                this.p = p;
            }

            @Override
            public void save(Path dir) {
                if (saves.incrementAndGet() != failAt) {
                    p.save(dir);
                    return;
                }
                try {
                    Files.createDirectories(dir);
                    try (OutputStream o = Files.newOutputStream(dir.resolve("tiny.bin"))) {
                        o.write(new byte[] {1, 2, 3});                   // the part that still fitted
                    }
                    throw new IOException("No space left on device");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + dir.resolve("tiny.bin") + ": "
                            + e.getMessage(), e);
                }
            }

            @Override
            public Tokenizer tokenizer() {
                return p.tokenizer();
            }

            @Override
            public PromptRenderer renderer() {
                return p.renderer();
            }

            @Override
            public List<Generation> generate(List<AgentContext> contexts, Decoding decoding, Random rng) {
                return p.generate(contexts, decoding, rng);
            }

            @Override
            public List<Generation> generateFromPrompts(List<int[]> prompts, List<AgentContext> contexts,
                                                        Decoding decoding, Random rng) {
                return p.generateFromPrompts(prompts, contexts, decoding, rng);
            }

            @Override
            public RolloutSession session(int slots) {
                return p.session(slots);
            }

            @Override
            public Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden) {
                return p.score(scope, batch, withHidden);
            }

            @Override
            public List<Parameter> parameters() {
                return p.parameters();
            }

            @Override
            public long parameterCount() {
                return p.parameterCount();
            }

            @Override
            public Policy copy() {
                return new Saving(p.copy());
            }

            @Override
            public Policy reference() {
                return new Saving(p.reference());
            }

            @Override
            public void close() {
                p.close();
            }
        }
    }

    private static Path config(Path dir) throws IOException {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, String.join("\n",
                "seed: 5",
                "env: {name: tiny}",
                "sft: {enabled: true, epochs: 4, batch_size: 9, lr: 0.1}",
                "rollout: {group_size: 2, groups: 2, max_steps: 4, max_action_tokens: 3}",
                "algorithm: {iterations: 4, kl_coef: 0.05}",
                "checkpoint: {every: 1, keep: 5}",
                "eval: {splits: [L0], episodes: 9, max_steps: 4, greedy: false, every: 2}", ""));
        return cfg;
    }

    private static int train(PolicyFactory factory, StringWriter err, String... args) {
        return CliHarness.run(new TrainCommand(factory), new StringWriter(), err, args);
    }

    private static List<JsonNode> metrics(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** An evaluation record without its wall-clock {@code seconds}. */
    private static JsonNode untimed(JsonNode n) {
        JsonNode copy = n.deepCopy();
        for (JsonNode checkpoint : copy) {
            for (JsonNode split : checkpoint) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) split).remove("seconds");
            }
        }
        return copy;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        return TrainEvalCommandTest.snapshot(dir);
    }

    @Test
    void aFullDiskLeavesAClearFailedStateAndTheResumedRunEqualsAnUninterruptedOne(@TempDir Path dir)
            throws Exception {
        Path cfg = config(dir);
        Path a = dir.resolve("a");
        StringWriter e = new StringWriter();
        assertEquals(0, train(new TinyFactory(), e, "--config", cfg.toString(), "--out", a.toString(),
                "--no-progress"), e.toString());

        // saves: 1 the SFT checkpoint, then policy and reference of iter-000001 (2, 3), of iter-000002 (4, 5):
        // the disk fills while the reference of iter-000002 is written, after its policy went in
        Path b = dir.resolve("b");
        StringWriter failed = new StringWriter();
        assertEquals(2, train(new FillingDisk(5), failed, "--config", cfg.toString(), "--out", b.toString(),
                "--no-progress"));
        assertTrue(failed.toString().contains("No space left on device")
                && failed.toString().contains("iter-000002"), "the error names the checkpoint and the cause: "
                + failed);
        JsonNode run = JSON.readTree(b.resolve("run.json").toFile());
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertTrue(run.toString().contains("No space left on device"), "run.json keeps the error: " + run);
        assertFalse(Files.exists(b.resolve("checkpoints/iter-000002")), "no half-written checkpoint");
        try (Stream<Path> s = Files.list(b.resolve("checkpoints"))) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList(), "nor its temporary directory, which would keep the disk full");
        }
        assertTrue(Files.exists(b.resolve("checkpoints/iter-000001/state.json")));
        assertFalse(Files.exists(b.resolve("checkpoints/final")));
        assertEquals(2, metrics(b).size(), "the lines of iterations 0 and 1; the checkpoint came after line 1");

        // space again: the resumed run continues from iter-000001 and ends where the uninterrupted one did
        StringWriter resumed = new StringWriter();
        assertEquals(0, train(new TinyFactory(), resumed, "--out", b.toString(), "--resume", "--no-progress"),
                resumed.toString());
        assertEquals("finished", JSON.readTree(b.resolve("run.json").toFile()).get("status").asText());
        List<JsonNode> ma = metrics(a);
        List<JsonNode> mb = metrics(b);
        assertEquals(ma.size(), mb.size());
        for (int i = 0; i < ma.size(); i++) {
            for (Iterator<String> keys = ma.get(i).fieldNames(); keys.hasNext(); ) {
                String k = keys.next();
                if (!k.startsWith("time/") && !k.endsWith("tokens_per_s")) {
                    assertEquals(ma.get(i).get(k), mb.get(i).get(k), "iteration " + i + " " + k);
                }
            }
        }
        assertEquals(untimed(JSON.readTree(a.resolve("eval.json").toFile()).get("checkpoints")),
                untimed(JSON.readTree(b.resolve("eval.json").toFile()).get("checkpoints")),
                "every evaluation, final too");
        assertEquals(files(a.resolve("checkpoints/final")), files(b.resolve("checkpoints/final")),
                "the final checkpoint, byte for byte");
        try (Stream<Path> s = Files.list(b.resolve("checkpoints"))) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList(), "no temporary checkpoint is left after the resumed run");
        }
    }
}
