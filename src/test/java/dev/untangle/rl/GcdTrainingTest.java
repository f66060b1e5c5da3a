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
