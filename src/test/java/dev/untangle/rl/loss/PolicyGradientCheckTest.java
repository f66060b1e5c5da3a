package dev.untangle.rl.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.rl.PolicyUpdater;
import dev.untangle.rl.TinyPolicyAccess;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The autograd gradient of the PPO-clip loss equals central finite differences on a tiny model. */
class PolicyGradientCheckTest {

    private static double loss(Policy policy, List<StepSample> batch, NDManager scope, boolean backward) {
        List<ScoreRequest> req = PolicyUpdater.requests(batch);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            LossContext ctx = new LossContext(policy, scope, batch, policy.score(scope, req, false), null,
                    LossAggregation.SEQ_MEAN_TOKEN_MEAN, 0);
            NDArray l = new PpoClipSurrogate(0.2, 0.28, 0).compute(ctx).loss();
            if (backward) {
                gc.backward(l);
            }
            return l.getFloat();
        }
    }

    @Test
    void ppoLossGradientMatchesFiniteDifferences() {
        try (Policy policy = TinyPolicyAccess.create(7)) {
            int[][] prompts = {{3, 4}, {5, 6}, {4, 3}};
            int[][] actions = {{7, 8, 2}, {6, 2}, {8, 2}};
            double[] adv = {1.0, -0.7, 0.4};
            List<StepSample> batch = new ArrayList<>();
            NDManager root = policy.parameters().get(0).getArray().getManager();
            try (NDManager scope = root.newSubManager()) {
                // old log-probs = current ones shifted a little, so the ratio sits inside the clip range
                NDArray lp = policy.score(scope, PolicyUpdater.requests(List.of(
                        sample(prompts[0], actions[0], new float[3], 0), sample(prompts[1], actions[1], new float[2],
                                0),
                        sample(prompts[2], actions[2], new float[2], 0))), false).logProbs();
                float[] flat = lp.toFloatArray();
                int t = (int) lp.getShape().get(1);
                for (int i = 0; i < 3; i++) {
                    float[] old = new float[actions[i].length];
                    for (int j = 0; j < old.length; j++) {
                        old[j] = flat[i * t + j] + 0.05f * (j % 2 == 0 ? 1 : -1);
                    }
                    batch.add(sample(prompts[i], actions[i], old, adv[i]));
                }
            }
            try (NDManager scope = root.newSubManager()) {
                loss(policy, batch, scope, true);
            }
            int checked = 0;
            for (Parameter p : policy.parameters()) {
                NDArray w = p.getArray();
                float[] grad = w.getGradient().toFloatArray();
                float[] base = w.toFloatArray();
                int[] entries = {3 * (int) Math.sqrt(base.length) + 7, 4 * (int) Math.sqrt(base.length) + 8,
                    6 * (int) Math.sqrt(base.length) + 2, 5};
                for (int idx : entries) {
                    double h = 1e-2;
                    double up = perturbed(policy, w, base, idx, h, batch);
                    double down = perturbed(policy, w, base, idx, -h, batch);
                    double fd = (up - down) / (2 * h);
                    assertEquals(fd, grad[idx], 2e-3 + 2e-2 * Math.abs(fd), p.getName() + "[" + idx + "]");
                    if (Math.abs(fd) > 1e-3) {
                        checked++;
                    }
                }
                w.set(base);
            }
            assertTrue(checked >= 4, "too few non-zero gradient entries were checked: " + checked);
        }
    }

    private static double perturbed(Policy policy, NDArray w, float[] base, int idx, double h,
                                    List<StepSample> batch) {
        float[] x = base.clone();
        x[idx] += (float) h;
        w.set(x);
        NDManager root = w.getManager();
        try (NDManager scope = root.newSubManager()) {
            return loss(policy, batch, scope, false);
        }
    }

    private static StepSample sample(int[] prompt, int[] action, float[] old, double adv) {
        return new StepSample(new CollectedStep(0, 0, 0, "t/0", "x", "o", prompt, action, old, null, 1.0, true,
                Double.NaN, 0), new StepTargets(0, adv > 0, adv, 0, adv, -1));
    }
}
