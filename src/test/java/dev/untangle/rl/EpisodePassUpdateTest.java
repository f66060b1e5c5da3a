package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.ForwardingPolicy;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.rl.advantage.AdvantageEstimators;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.advantage.Advantages;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.loss.LossAggregation;
import dev.untangle.rl.loss.LossTerms;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.Rollouts;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full history mode's episode pass changes nothing but the cost: on a fixed batch of household rollouts, GRPO
 * and GiGPO with KL and GCD give the same advantages whichever history mode rendered the prompts, and one update
 * with whole-episode minibatches (each episode one packed row) gives the same losses and the same new weights as
 * scoring every step's prompt on its own.
 */
class EpisodePassUpdateTest {

    private static TrainConfig config(String history, String advantage) {
        return TrainConfig.read(ConfigTree.empty().withOverrides(List.of(
                "seed=4", "env.name=household", "env.options.scene_size=tiny", "env.options.max_steps=5",
                "model.layers=1", "model.width=32", "model.heads=2", "model.context_length=320",
                "prompt.history=" + history, "prompt.admissible=false", "prompt.max_tokens=300",
                "rollout.group_size=3", "rollout.groups=2", "rollout.max_steps=5", "rollout.temperature=1.3",
                "algorithm.advantage=" + advantage, "algorithm.kl_coef=0.05", "algorithm.entropy_coef=0.01",
                "algorithm.gcd.enabled=true", "algorithm.gcd.heldout_fraction=0",
                "algorithm.gcd.label_source=advantage",
                "algorithm.minibatch_size=1000", "optim.lr=0.01", "optim.warmup_steps=0",
                // a large epsilon keeps the first AdamW step proportional to the gradient (no sign amplification of
                // float noise in near-zero gradients), so equal gradients mean equal weights to float tolerance
                "optim.eps=0.01")));
    }

    private static Advantages rollouts(TrainConfig cfg, EnvironmentSuite suite, Policy policy) {
        Decoding sampling = new Decoding(true, false, cfg.rollout().temperature(), cfg.rollout().maxActionTokens());
        RolloutCollector collector = new RolloutCollector(new EpisodePlayer(suite, cfg.rollout().maxSteps(), 1),
                "train", cfg.rollout().groupSize(), sampling);
        Rollouts r = collector.collect(policy, List.of(3, 11), new Random(5));
        return AdvantageEstimators.create(cfg.algorithm().advantage(), AdvantageSettings.of(cfg))
                .estimate(r.episodes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grpo", "gigpo"})
    void sameAdvantagesInBothModesAndTheSameUpdateWithAndWithoutTheEpisodePass(String advantage) {
        TrainConfig full = config("full", advantage);
        TrainConfig window = config("window", advantage);
        EnvironmentSuite suite = Environments.create("household", full.env().options());
        ModelPolicyFactory factory = new ModelPolicyFactory();
        try (Policy packed = factory.create(full, suite); Policy windowPolicy = factory.create(window, suite)) {
            Advantages adv = rollouts(full, suite, packed);
            Advantages advWindow = rollouts(window, suite, windowPolicy);
            // estimators read rewards, outcomes, anchors and step order, never prompt tokens: re-rendering every step
            // as a window prompt must leave each advantage and anchor unchanged
            List<StepSample> s = adv.samples();
            assertTrue(s.size() > 6, "a few steps, got " + s.size());
            List<StepSample> reRendered = new ArrayList<>();
            for (StepSample x : s) {                       // the same samples with window-mode prompt tokens
                reRendered.add(new StepSample(new CollectedStep(x.episodeId(), x.groupId(), x.stepIndex(),
                        x.taskKey(), x.taskType(), x.anchorObservation(), new int[] {1, 2}, x.actionTokens(),
                        x.oldLogProb(), x.allowed(), x.temperature(), x.valid(), Double.NaN, x.envReward()),
                        new StepTargets(0, false, 0, 0, 0, -1)));
            }
            assertTrue(advWindow.samples().size() > 0);
            Advantages again = AdvantageEstimators.create(advantage, AdvantageSettings.of(full))
                    .estimate(regroup(reRendered, s));
            for (int i = 0; i < s.size(); i++) {
                assertEquals(s.get(i).advantage(), again.samples().get(i).advantage(), 1e-12, "step " + i);
                assertEquals(s.get(i).anchorId(), again.samples().get(i).anchorId());
            }

            // one update: whole-episode minibatch (packed rows) against every step scored alone
            try (Policy alone = new PerStepPolicy(packed.copy()); Policy reference = packed.copy();
                 AdamW optA = new AdamW(packed.parameters(), full.optim());
                 AdamW optB = new AdamW(alone.parameters(), full.optim())) {
                PolicyUpdater updater = new PolicyUpdater(LossTerms.active(full.algorithm()),
                        LossAggregation.of(full.algorithm().aggregation()), 1, 1000, 1.0, true);
                // untrained rollouts rarely win, so every advantage may be 0: give the update fixed non-zero
                // advantages of both signs (the estimators were compared above) so that the policy-gradient and GCD
                // terms carry gradient
                List<StepSample> batch = new ArrayList<>();
                for (List<StepSample> episode : Minibatches.byEpisode(s)) {
                    for (StepSample x : episode) {
                        double a = ((x.episodeId() + x.stepIndex()) % 3 - 1) * 0.7;
                        batch.add(new StepSample(x.step(), new StepTargets(x.reward(), x.episodeWon(), a, a, a,
                                x.anchorId())));
                    }
                }
                Map<String, Double> a = updater.step(packed, reference, batch, optA);
                Map<String, Double> b = updater.step(alone, reference, batch, optB);
                assertTrue(a.containsKey("gcd/loss") && a.containsKey("loss/kl"), a.keySet().toString());
                assertTrue(a.get("loss/pg") != 0 && a.get("gcd/n") > 0, a.toString());
                for (String k : a.keySet()) {
                    if (Double.isNaN(a.get(k))) {
                        assertTrue(Double.isNaN(b.get(k)), k);
                    } else {
                        assertEquals(a.get(k), b.get(k), 1e-4 * Math.max(1, Math.abs(a.get(k))), k);
                    }
                }
                for (int i = 0; i < packed.parameters().size(); i++) {
                    assertArrayEquals(alone.parameters().get(i).getArray().toFloatArray(),
                            packed.parameters().get(i).getArray().toFloatArray(), 1e-5f,
                            packed.parameters().get(i).getName());
                }
            }
        }
    }

    /** Episodes rebuilt from re-rendered samples, with the outcomes of the originals. */
    private static List<Episode> regroup(List<StepSample> reRendered, List<StepSample> original) {
        List<Episode> out = new ArrayList<>();
        List<List<StepSample>> units = Minibatches.byEpisode(reRendered);
        List<List<StepSample>> orig = Minibatches.byEpisode(original);
        for (int e = 0; e < units.size(); e++) {
            StepSample first = orig.get(e).get(0);
            out.add(new Episode(first.episodeId(), first.groupId(),
                    new dev.untangle.env.TaskSpec("train", first.groupId(), first.taskType(), "g"),
                    units.get(e).stream().map(StepSample::step).toList(), first.episodeWon(), null));
        }
        return out;
    }

    /** A policy that scores every request in a forward pass of its own (no prefix packing). */
    private static final class PerStepPolicy extends ForwardingPolicy {

        PerStepPolicy(Policy inner) {
            super(inner);
        }

        @Override
        public Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden) {
            int tt = 1;
            for (ScoreRequest r : batch) {
                tt = Math.max(tt, r.target().length);
            }
            NDList lp = new NDList();
            NDList ent = new NDList();
            NDList mask = new NDList();
            NDList hidden = new NDList();
            for (ScoreRequest r : batch) {
                Scores one = inner.score(scope, List.of(r), withHidden);
                // a collection between forward passes frees any Java-owned memory that autograd still holds (DJL's
                // mul(Number) closes its scalar tensor): before TransformerLm#attentionScale this gave garbage
                // gradients (grad norm Infinity or NaN), so the per-step path doubles as that regression test
                System.gc();
                lp.add(pad(scope, one.logProbs(), tt));
                ent.add(pad(scope, one.entropy(), tt));
                mask.add(pad(scope, one.mask(), tt));
                if (withHidden) {
                    hidden.add(one.hidden());
                }
            }
            return new Scores(NDArrays.concat(lp, 0), NDArrays.concat(ent, 0), NDArrays.concat(mask, 0),
                    withHidden ? NDArrays.concat(hidden, 0) : null);
        }

        private static NDArray pad(NDManager scope, NDArray a, int tt) {
            long t = a.getShape().get(1);
            return t == tt ? a : a.concat(scope.zeros(new Shape(1, tt - t)), 1);
        }

        @Override
        public Policy copy() {
            return new PerStepPolicy(inner.copy());
        }
    }
}
