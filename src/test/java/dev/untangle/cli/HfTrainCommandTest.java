package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.policy.hf.HfPolicy;
import dev.untangle.policy.hf.PeftAdapter;
import dev.untangle.rl.ModelPolicyFactory;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code untangle train --config configs/hf-tiny.yaml} end to end on the committed tiny Hugging Face model (shrunk
 * by overrides): SFT, GRPO with GCD and the KL penalty, evaluation of the saved checkpoint, export.
 */
class HfTrainCommandTest {

    private static final List<String> SMALL = List.of("sft.tasks=6", "sft.epochs=1", "rollout.groups=3",
            "rollout.group_size=4", "rollout.max_steps=6", "env.options.max_steps=6", "algorithm.iterations=2",
            "eval.episodes=2", "eval.max_steps=5", "diagnostics.every=0", "checkpoint.every=1");

    private static String[] args(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--config", "configs/hf-tiny.yaml", "--out", out.toString(),
                "--no-progress"));
        a.addAll(SMALL);
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    private static String[] train(String[] args) {
        String[] a = new String[args.length + 1];
        a[0] = "train";
        System.arraycopy(args, 0, a, 1, args.length);
        return a;
    }

    @Test
    void trainsEvaluatesAndExportsALoraPolicy(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        StringWriter e = new StringWriter();
        assertEquals(0, CliHarness.run(new TrainCommand(new ModelPolicyFactory()), new StringWriter(), e,
                args(out, "model.tuning=lora")), e.toString());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("grpo+gcd", run.get("method").asText());
        assertEquals("finished", run.get("status").asText());
        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(2, lines.size());
        double verdicts = 0;
        for (String l : lines) {
            JsonNode m = new ObjectMapper().readTree(l);
            verdicts += m.get("gcd/n").asDouble();
            assertTrue(m.get("loss/kl").isNumber(), "the KL penalty ran against the adapters-off reference: " + l);
        }
        assertTrue(verdicts > 0, "GCD classified some actions");
        Path policy = out.resolve("checkpoints/final/policy");
        assertTrue(HfPolicy.isSaved(policy));
        assertTrue(Files.isRegularFile(policy.resolve(HfPolicy.ADAPTER_DIR).resolve(PeftAdapter.WEIGHTS_FILE)));

        StringWriter eo = new StringWriter();
        assertEquals(0, CliHarness.run(new EvalCommand(new ModelPolicyFactory()), eo, e, "--checkpoint",
                out.toString(), "--split", "L0", "--episodes", "2", "--json"), e.toString());
        assertEquals("L0", new ObjectMapper().readTree(eo.toString()).get("split").asText());

        Path merged = dir.resolve("merged");
        Path adapter = dir.resolve("adapter");
        assertEquals(0, CliHarness.run(new HfExportCommand(), new StringWriter(), e, "--checkpoint", out.toString(),
                "--out", merged.toString(), "--adapter", adapter.toString()), e.toString());
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")) {
            assertTrue(Files.isRegularFile(merged.resolve(f)), f);
        }
        assertTrue(Files.isRegularFile(adapter.resolve(PeftAdapter.CONFIG_FILE)));
    }

    @Test
    void trainsWithTheFullHistoryEpisodePass(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("full");
        StringWriter e = new StringWriter();
        assertEquals(0, CliHarness.run(new TrainCommand(new ModelPolicyFactory()), new StringWriter(), e,
                args(out, "prompt.history=full", "algorithm.iterations=1")), e.toString());
        JsonNode m = new ObjectMapper().readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
        assertTrue(m.get("loss/total").isNumber(), m.toString());
        assertTrue(Files.isDirectory(out.resolve("checkpoints/final/policy").resolve(HfPolicy.MODEL_DIR)),
                "configs/hf-tiny.yaml trains every weight: the checkpoint holds the whole model");
    }

    @Test
    void aMissingModelDirectoryIsAOneLineError(@TempDir Path dir) {
        String[] r = CliHarness.main(train(args(dir.resolve("run"), "model.path=" + dir.resolve("nowhere"))));
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("nowhere") && r[2].contains("tokenizer.json") && !r[2].contains("internal"), r[2]);
        r = CliHarness.main(train(args(dir.resolve("run2"), "model.path=")));
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("model.path"), r[2]);
    }
}
