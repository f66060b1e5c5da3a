package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.config.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop with the GCD term on (GRPO and GiGPO), with critic data and self-correction. */
class GcdTrainingTest {

    @Test
    void grpoWithGcdLogsTheClassifier(@TempDir Path dir) throws Exception {
        TrainConfig cfg = TrainingLoopTest.config("algorithm.iterations=3", "algorithm.gcd.enabled=true",
                "algorithm.gcd.share_prefix=false", "algorithm.gcd.heldout_fraction=0.3",
                "algorithm.gcd.label_source=outcome");
        assertEquals(List.of("ppo_clip", "gcd"), GrpoLoop.activeTerms(cfg));
        TrainingLoopTest.train(cfg, new TinyWorld(), dir, false, List.of());
        List<JsonNode> m = TrainingLoopTest.metrics(dir);
        assertEquals(3, m.size());
        double labelled = 0;
        for (JsonNode line : m) {
            labelled += line.get("gcd/labelled_frac").asDouble();   // 0 when every group's outcomes tie
            assertTrue(line.has("gcd/heldout_accuracy"));
            assertFalse(line.has("gcd/correction_rate"));
        }
        assertTrue(labelled > 0, "some steps must get a verdict label: " + m);
        assertTrue(m.stream().anyMatch(l -> l.get("gcd/loss").asDouble() > 0.3), "an untrained verdict is near chance: " + m);
    }

    @Test
    void gigpoWithStepLabelsCriticDataAndSelfCorrection(@TempDir Path dir) throws Exception {
        TrainConfig cfg = TrainingLoopTest.config("algorithm.iterations=2", "algorithm.advantage=gigpo",
                "algorithm.gcd.enabled=true", "algorithm.gcd.share_prefix=false", "algorithm.gcd.label_source=step",
                "algorithm.gcd.selection=mixed_anchors", "algorithm.gcd.balance=downsample",
                "algorithm.gcd.warmup_steps=3", "algorithm.gcd.correction.enabled=true",
                "algorithm.gcd.correction.threshold=0.4", "sft.enabled=true", "sft.epochs=1", "sft.critic_data=true",
                "sft.critic_oracle=searcher");
        TrainingLoopTest.train(cfg, new TinyWorld(), dir, false, List.of());
        List<JsonNode> m = TrainingLoopTest.metrics(dir);
        assertEquals(2, m.size());
        JsonNode first = m.get(0);
        double rate = first.get("gcd/correction_rate").asDouble();
        assertTrue(rate >= 0 && rate <= 1, first.toString());
        assertTrue(first.get("gcd/lambda").asDouble() < 0.5, "lambda warms up");
        assertTrue(first.has("gcd/labelled_frac"));
    }

    /**
     * The household world's progress signal reaches the verdict labels through rollout collection; a world without
     * the signal is refused before any work with a message naming the key.
     */
    @Test
    void progressLabelsFlowFromTheHouseholdWorldAndAreRefusedElsewhere(@TempDir Path dir) throws Exception {
        TrainConfig cfg = TrainConfig.read(dev.untangle.config.ConfigTree.empty().withOverrides(List.of(
                "seed=3", "env.name=household", "env.options.scene_size=tiny", "env.options.max_steps=10",
                "model.layers=1", "model.width=16", "model.heads=2", "model.context_length=96",
                "prompt.history=window", "prompt.window=1", "prompt.admissible=false", "prompt.max_tokens=80",
                "prompt.max_text_tokens=24", "sft.enabled=false", "rollout.group_size=4", "rollout.groups=4",
                "rollout.max_steps=10", "rollout.temperature=1.5", "algorithm.iterations=2",
                "algorithm.gcd.enabled=true", "algorithm.gcd.heldout_fraction=0",
                "algorithm.gcd.label_source=progress", "algorithm.gcd.balance=none", "eval.splits=[L0]",
                "eval.episodes=1", "eval.max_steps=3", "diagnostics.every=0")));
        dev.untangle.env.EnvironmentSuite household = dev.untangle.env.Environments.create("household",
                cfg.env().options());
        GrpoLoop.validate(cfg, household);
        TrainingLoopTest.train(cfg, household, new ModelPolicyFactory(), dir, false, List.of());
        double labelled = 0;
        for (JsonNode line : TrainingLoopTest.metrics(dir)) {
            labelled += line.get("gcd/labelled_frac").asDouble();
        }
        // an untrained agent takes objects at random: most takes are wrong (-1), some right (+1); moves are 0
        assertTrue(labelled > 0 && labelled < 2, "some but not all steps are judged: " + labelled);

        dev.untangle.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.untangle.config.ConfigException.class, () -> GrpoLoop.validate(TrainingLoopTest.config(
                        "algorithm.gcd.enabled=true", "algorithm.gcd.label_source=progress"), new TinyWorld()));
        assertTrue(e.getMessage().startsWith("algorithm.gcd.label_source: 'progress' needs"), e.getMessage());
    }

    /** With a threshold near 0 every decision has P(bad) above it: the correction fires at every decision. */
    @Test
    void selfCorrectionFiresWhereverTheVerdictIsAboveTheThreshold(@TempDir Path dir) throws Exception {
        TrainConfig cfg = TrainingLoopTest.config("algorithm.iterations=1", "algorithm.gcd.enabled=true",
                "algorithm.gcd.correction.enabled=true", "algorithm.gcd.correction.threshold=0.000001",
                "algorithm.gcd.correction.max_retries=2");
        TrainingLoopTest.train(cfg, new TinyWorld(), dir, false, List.of());
        JsonNode first = TrainingLoopTest.metrics(dir).get(0);
        assertEquals(1.0, first.get("gcd/correction_rate").asDouble(), 1e-12, first.toString());
        assertEquals(2.0, first.get("gcd/correction_resamples").asDouble(), 1e-12,
                "every firing resamples max_retries times: " + first);
        assertEquals(first.get("rollout/episodes").asDouble(), first.get("gcd/correction_episodes").asDouble(), 1e-12);
    }
}
