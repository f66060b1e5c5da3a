package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.eval.EvalResult;
import dev.untangle.eval.Evaluator;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer policy in the full history mode (episode pass), on household scenes, with GiGPO, KL and GCD:
 * a run killed after an iteration and resumed from its checkpoint writes the same metrics and ends with the
 * same weights as an uninterrupted run, and greedy evaluation of a checkpoint gives the same task outcomes every
 * time, also after reloading it from disk.
 */
class FullHistoryRunTest {

    private static TrainConfig config() {
        return TrainConfig.read(ConfigTree.empty().withOverrides(List.of(
                "seed=7", "env.name=household", "env.options.scene_size=tiny", "env.options.max_steps=8",
                "model.layers=1", "model.width=32", "model.heads=2", "model.context_length=320",
                "prompt.history=full", "prompt.admissible=false", "prompt.max_tokens=300", "prompt.max_text_tokens=40",
                "sft.tasks=10", "sft.epochs=1",
                "rollout.group_size=3", "rollout.groups=2", "rollout.max_steps=8", "rollout.temperature=1.2",
                "algorithm.iterations=4", "algorithm.advantage=gigpo", "algorithm.kl_coef=0.05",
                "algorithm.gcd.enabled=true", "algorithm.gcd.heldout_fraction=0", "algorithm.gcd.label_source=outcome",   // an untrained model rarely wins: outcome labels still label every step "algorithm.minibatch_size=8",
                "optim.lr=0.003", "optim.warmup_steps=0",
                "eval.splits=[L0]", "eval.episodes=4", "eval.max_steps=6",
                "checkpoint.every=1", "checkpoint.keep=2", "diagnostics.every=0")));
    }

    @Test
    void resumeAfterAKillEqualsTheUninterruptedRunAndGreedyEvaluationIsDeterministic(@TempDir Path tmp)
            throws Exception {
        TrainConfig cfg = config();
        EnvironmentSuite suite = Environments.create("household", cfg.env().options());
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        TrainingLoopTest.train(cfg, suite, new ModelPolicyFactory(), a, false, List.of());
        GrpoLoop.IterationListener kill = (it, policy, reference, optimizer, adv) -> {
            if (it == 2) {
                throw new IllegalStateException("simulated kill");
            }
            return Map.of();
        };
        assertThrows(IllegalStateException.class, () -> TrainingLoopTest.train(cfg, suite,
                new ModelPolicyFactory(), b, false, List.of(kill)));
        assertEquals(2, TrainingLoopTest.metrics(b).size());
        TrainingLoopTest.train(cfg, suite, new ModelPolicyFactory(), b, true, List.of());

        List<JsonNode> ma = TrainingLoopTest.metrics(a);
        List<JsonNode> mb = TrainingLoopTest.metrics(b);
        assertEquals(4, ma.size());
        assertEquals(ma.size(), mb.size());
        boolean gcdRan = false;
        for (int i = 0; i < ma.size(); i++) {
            for (Iterator<String> keys = ma.get(i).fieldNames(); keys.hasNext(); ) {
                String k = keys.next();
                if (k.startsWith("time/") || k.endsWith("tokens_per_s") || k.contains("per_second")) {
                    continue;
                }
                assertEquals(ma.get(i).get(k), mb.get(i).get(k), "iteration " + i + " key " + k);
                gcdRan |= k.equals("gcd/n") && ma.get(i).get(k).asDouble() > 0;
            }
        }
        assertTrue(gcdRan, "the GCD term classified some steps: " + ma);

        ModelPolicyFactory factory = new ModelPolicyFactory();
        Evaluator evaluator = new Evaluator(suite, 8, 4);
        Decoding greedy = new Decoding(true, true, 1.0, cfg.rollout().maxActionTokens());
        try (Policy pa = factory.load(a.resolve("checkpoints/final/policy"));
             Policy pb = factory.load(b.resolve("checkpoints/final/policy"))) {
            for (int i = 0; i < pa.parameters().size(); i++) {
                assertArrayEquals(pa.parameters().get(i).getArray().toFloatArray(),
                        pb.parameters().get(i).getArray().toFloatArray(), pa.parameters().get(i).getName());
            }
            EvalResult first = evaluator.evaluate(pa, "L0", 12, greedy, 1);
            EvalResult again = evaluator.evaluate(pa, "L0", 12, greedy, 99);     // the seed is unused when greedy
            EvalResult reloaded = evaluator.evaluate(pb, "L0", 12, greedy, 1);
            assertEquals(12, first.episodes());
            assertArrayEquals(first.taskOutcomes(), again.taskOutcomes());
            assertArrayEquals(first.taskOutcomes(), reloaded.taskOutcomes());
            assertEquals(first.toJson().get("mean_steps"), reloaded.toJson().get("mean_steps"));
        }
    }
}
