package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code sft.micro_batch_size}: accumulating a batch's gradient over micro-batches gives the same optimiser steps as
 * one pass over the whole batch (on the committed tiny Hugging Face model, every weight trained).
 */
class SftMicroBatchTest {

    private static List<float[]> train(int micro) {
        TrainConfig cfg = TrainConfig.read(ConfigTree.load(Path.of("configs", "hf-tiny.yaml")).withOverrides(List.of(
                "sft.batch_size=6", "sft.epochs=2", "sft.micro_batch_size=" + micro)));
        Random data = new Random(3);
        List<List<ScoreRequest>> demos = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int[] context = new int[5 + data.nextInt(20)];
            int[] target = new int[1 + data.nextInt(6)];
            for (int j = 0; j < context.length; j++) {
                context[j] = 3 + data.nextInt(500);
            }
            for (int j = 0; j < target.length; j++) {
                target[j] = 3 + data.nextInt(500);
            }
            demos.add(List.of(new ScoreRequest(context, target, null, 1.0)));
        }
        try (Policy p = new ModelPolicyFactory().create(cfg, null)) {
            new SftTrainer(cfg.sft(), cfg.optim(), cfg.rollout().maxSteps()).train(p, demos, new Random(1),
                    MetricsSink.none(), Progress.none());
            List<float[]> out = new ArrayList<>();
            for (Parameter q : p.parameters()) {
                out.add(q.getArray().toFloatArray());
            }
            return out;
        }
    }

    @Test
    void microBatchesGiveTheWholeBatchStep() {
        List<float[]> whole = train(0);
        List<float[]> micro = train(2);
        List<float[]> odd = train(4);
        assertEquals(whole.size(), micro.size());
        for (int i = 0; i < whole.size(); i++) {
            assertArrayEquals(whole.get(i), micro.get(i), 2e-5f, "parameter " + i);
            assertArrayEquals(whole.get(i), odd.get(i), 2e-5f, "parameter " + i + " (uneven micro-batches)");
        }
    }
}
