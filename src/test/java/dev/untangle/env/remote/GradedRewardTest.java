package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.untangle.config.RewardConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.eval.EvalResult;
import dev.untangle.eval.Evaluator;
import dev.untangle.eval.TaskRef;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.ForwardingPolicy;
import dev.untangle.policy.Generation;
import dev.untangle.policy.RolloutSession;
import dev.untangle.rl.RolloutCollector;
import dev.untangle.rl.TinyPolicyAccess;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.advantage.Advantages;
import dev.untangle.rl.advantage.GrpoEstimator;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.RewardFunction;
import dev.untangle.rl.trajectory.Rollouts;
import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A graded ScienceWorld score reaches training (issue 14, the reward seam): a stub {@code agentenv-sciworld}
 * server scores 50 for activating the stove and ends the episode on {@code wait} (standing for its move limit);
 * a scripted agent plays one episode to a score of 50 and one to 0. Collected through the real rollout path, the
 * steps carry the environment's rewards, and {@code reward.kind = env} turns them into group-relative advantages
 * (+1 / -1) where the success reward sees two failures (0 / 0).
 */
class GradedRewardTest {

    /**
     * A tiny real policy whose rollout sessions answer each slot with its next scripted command; everything else
     * is the tiny policy's.
     */
    private static final class Scripted extends ForwardingPolicy {
        private final List<Deque<String>> scripts = new ArrayList<>();

        Scripted(List<List<String>> perSlot) {
            super(TinyPolicyAccess.create(List.of("activate", "stove", "wait"), 1));
            for (List<String> s : perSlot) {
                scripts.add(new ArrayDeque<>(s));
            }
        }

        @Override
        public RolloutSession session(int slots) {
            return new RolloutSession() {
                @Override
                public List<Generation> act(int[] slotIds, List<AgentContext> contexts, Decoding decoding,
                                            Random rng) {
                    List<Generation> out = new ArrayList<>();
                    for (int slot : slotIds) {
                        String action = scripts.get(slot).removeFirst();
                        int[] ids = tokenizer().encode(action);
                        out.add(new Generation(action, new int[] {1}, ids, new float[ids.length], null, 1.0));
                    }
                    return out;
                }

                @Override
                public void reset(int slot) {
                }

                @Override
                public int slots() {
                    return slots;
                }

                @Override
                public void close() {
                }
            };
        }










    }

    @Test
    void aGradedScienceWorldScoreReachesTheAdvantages() throws Exception {
        try (FakeServer server = FakeAgentGym.sciworld()) {
            EnvironmentSuite suite = Environments.create("agentgym:sciworld",
                    Map.of("urls", server.url().toString(), "backoff_ms", "1", "timeout_ms", "20000"));
            RolloutCollector collector = new RolloutCollector(new EpisodePlayer(suite, 5, 1), "train", 2,
                    new Decoding(false, false, 1.0, 4));
            List<List<String>> script = List.of(List.of("activate stove", "wait"), List.of("wait"));
            Rollouts rollouts;
            try (Scripted agent = new Scripted(script)) {
                rollouts = collector.collect(agent, List.of(7), new Random(1));
            }
            List<Episode> episodes = rollouts.episodes();
            assertEquals(2, episodes.size());
            assertFalse(episodes.get(0).won() || episodes.get(1).won(), "a score of 50 is not a win");
            assertArrayEquals(new double[] {0.0, 0.5},
                    episodes.get(0).steps().stream().mapToDouble(CollectedStep::envReward).toArray(), 1e-12,
                    "the final normalised score is paid on the step that ends the episode");
            assertArrayEquals(new double[] {0.0},
                    episodes.get(1).steps().stream().mapToDouble(CollectedStep::envReward).toArray(), 1e-12);

            RewardFunction env = new RewardFunction(RewardConfig.Kind.ENV, 0.1, 0);
            assertEquals(0.5, env.episodeReturn(episodes.get(0)), 1e-12);
            assertEquals(0.5 / 2, rollouts.stats(env).get("rollout/reward"), 1e-12);
            // GRPO, mean_std with population std: the two returns 0.5 and 0 normalise to +1 and -1
            Advantages graded = new GrpoEstimator(new AdvantageSettings(true, false, env, 0.95, 1))
                    .estimate(episodes);
            assertArrayEquals(new double[] {1, 1, -1},
                    graded.samples().stream().mapToDouble(StepSample::advantage).toArray(), 1e-5);
            // evaluation reports the graded return beside success (docs/OUTPUTS.md, eval.json mean_env_return)
            EvalResult eval;
            try (Scripted agent = new Scripted(script)) {
                eval = Evaluator.summarize("train", "sampled", new EpisodePlayer(suite, 5, 1).play(agent,
                        List.of(new TaskRef("train", 7), new TaskRef("train", 8)), new Decoding(false, false, 1.0, 4),
                        new Random(1)), suite.taskTypes());
            }
            assertEquals(0.0, eval.successRate());
            assertEquals(0.25, eval.meanEnvReturn(), 1e-12);
            assertEquals(0.25, (Double) eval.toJson().get("mean_env_return"), 1e-12);
            Advantages success = new GrpoEstimator(new AdvantageSettings(true, false, 0.1, 0.95, 1))
                    .estimate(episodes);
            assertArrayEquals(new double[] {0, 0, 0},
                    success.samples().stream().mapToDouble(StepSample::advantage).toArray(), 0,
                    "the success reward sees two failures and no signal");
        }
    }
}
