package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.untangle.policy.hf.HfPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hugging Face run (configs/hf-tiny.yaml, LoRA, GCD and the KL penalty against the adapters-off reference) that
 * crashes after its first iteration checkpoint and resumes ends byte for byte where the uninterrupted run ends
 * (issue 25 item 9): every file of the final checkpoint (policy, reference, optimizer.bin, rng.bin, manifest) and
 * every metric but timings. It failed on hf_policy.json (the LoRA seed read back as 0) and on the reference's
 * adapter (the view saved the policy's live adapters, the reference loaded on resume its stale ones).
 */
class HfResumeTest {

    /** The tiny Hugging Face run, shrunk: SFT, then {@code iterations} RL iterations with a checkpoint after each. */
    static TrainConfig config(String tuning, int iterations) {
        List<String> o = new ArrayList<>(List.of("sft.tasks=6", "sft.epochs=1", "rollout.groups=3",
                "rollout.group_size=4", "rollout.max_steps=6", "env.options.max_steps=6",
                "algorithm.iterations=" + iterations, "eval.episodes=2", "eval.max_steps=5", "diagnostics.every=0",
                "checkpoint.every=1", "checkpoint.keep=3", "model.tuning=" + tuning));
        return TrainConfig.read(ConfigTree.load(Path.of("configs/hf-tiny.yaml")).withOverrides(o));
    }

    /** Every file below {@code dir} with its bytes, by relative path. */
    static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void aResumedLoraRunEqualsTheUninterruptedRunByteForByte(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = config("lora", 2);
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        TrainingLoopTest.train(cfg, suite, new ModelPolicyFactory(), a, false, List.of());
        GrpoLoop.IterationListener crash = (it, policy, reference, optimizer, adv) -> {
            if (it == 1) {                                   // after checkpoint iter-000001
                throw new IllegalStateException("simulated crash");
            }
            return Map.of();
        };
        assertThrows(IllegalStateException.class,
                () -> TrainingLoopTest.train(cfg, suite, new ModelPolicyFactory(), b, false, List.of(crash)));
        List<Boolean> views = new ArrayList<>();
        GrpoLoop.IterationListener view = (it, policy, reference, optimizer, adv) -> {
            views.add(((HfPolicy) reference).isReferenceViewOf((HfPolicy) policy));
            return Map.of();
        };
        TrainingLoopTest.train(cfg, suite, new ModelPolicyFactory(), b, true, List.of(view));
        assertEquals(List.of(true), views, "the resumed run's reference is the adapters-off view, not a second model");

        Map<String, byte[]> fa = files(a.resolve("checkpoints/final"));
        Map<String, byte[]> fb = files(b.resolve("checkpoints/final"));
        assertEquals(fa.keySet(), fb.keySet());
        List<String> differ = new ArrayList<>();
        for (String k : fa.keySet()) {
            if (!Arrays.equals(fa.get(k), fb.get(k))) {
                differ.add(k);
            }
        }
        assertEquals(List.of(), differ, "files of the final checkpoint that differ");
        List<JsonNode> ma = TrainingLoopTest.metrics(a);
        List<JsonNode> mb = TrainingLoopTest.metrics(b);
        assertEquals(ma.size(), mb.size());
        for (int i = 0; i < ma.size(); i++) {
            for (Iterator<String> keys = ma.get(i).fieldNames(); keys.hasNext(); ) {
                String k = keys.next();
                if (!k.startsWith("time/") && !k.endsWith("tokens_per_s")) {
                    assertEquals(ma.get(i).get(k), mb.get(i).get(k), "iteration " + i + " " + k);
                }
            }
        }
    }
}
