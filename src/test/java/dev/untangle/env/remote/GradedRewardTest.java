package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.eval.EvalResult;
import dev.untangle.eval.Evaluator;
import dev.untangle.eval.TaskRef;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Generation;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptRenderer;
import dev.untangle.policy.RolloutSession;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.policy.Tokenizer;
import dev.untangle.policy.WordTokenizer;
import dev.untangle.rl.Episode;
import dev.untangle.rl.RewardFunction;
import dev.untangle.rl.RolloutCollector;
import dev.untangle.rl.Rollouts;
import dev.untangle.rl.StepSample;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.advantage.Advantages;
import dev.untangle.rl.advantage.GrpoEstimator;
import java.nio.file.Path;
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

    /** A policy that answers each slot with its next scripted command. */
    private static final class Scripted implements Policy {
        private final WordTokenizer tokenizer = WordTokenizer.build(List.of("activate stove wait"));
        private final List<Deque<String>> scripts = new ArrayList<>();

        Scripted(List<List<String>> perSlot) {
            for (List<String> s : perSlot) {
                scripts.add(new ArrayDeque<>(s));
            }
        }

        @Override
        public Tokenizer tokenizer() {
            return tokenizer;
        }

        @Override
        public PromptRenderer renderer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Generation> generate(List<AgentContext> contexts, Decoding decoding, Random rng) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Generation> generateFromPrompts(List<int[]> prompts, List<AgentContext> contexts,
                                                    Decoding decoding, Random rng) {
            throw new UnsupportedOperationException();
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
                        int[] ids = tokenizer.encode(action);
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

        @Override
        public Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public Policy copy() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void save(Path dir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aGradedScienceWorldScoreReachesTheAdvantages() throws Exception {
        try (FakeServer server = FakeAgentGym.sciworld()) {
            EnvironmentSuite suite = Environments.create("agentgym:sciworld",
                    Map.of("urls", server.url().toString(), "backoff_ms", "1", "timeout_ms", "20000"));
            RolloutCollector collector = new RolloutCollector(new EpisodePlayer(suite, 5, 1), "train", 2,
                    new Decoding(false, false, 1.0, 4));
            Rollouts rollouts = collector.collect(new Scripted(List.of(List.of("activate stove", "wait"),
                    List.of("wait"))), List.of(7), new Random(1));
            List<Episode> episodes = rollouts.episodes();
            assertEquals(2, episodes.size());
            assertFalse(episodes.get(0).won() || episodes.get(1).won(), "a score of 50 is not a win");
            assertArrayEquals(new double[] {0.0, 0.5},
                    episodes.get(0).steps().stream().mapToDouble(StepSample::envReward).toArray(), 1e-12,
                    "the final normalised score is paid on the step that ends the episode");
            assertArrayEquals(new double[] {0.0},
                    episodes.get(1).steps().stream().mapToDouble(StepSample::envReward).toArray(), 1e-12);

            RewardFunction env = new RewardFunction("env", 0.1, 0);
            assertEquals(0.5, env.episodeReturn(episodes.get(0)), 1e-12);
            assertEquals(0.5 / 2, rollouts.stats(env).get("rollout/reward"), 1e-12);
            // GRPO, mean_std with population std: the two returns 0.5 and 0 normalise to +1 and -1
            Advantages graded = new GrpoEstimator(new AdvantageSettings(true, false, env, 0.95, 1))
                    .estimate(episodes);
            assertArrayEquals(new double[] {1, 1, -1},
                    graded.samples().stream().mapToDouble(StepSample::advantage).toArray(), 1e-5);
            // evaluation reports the graded return beside success (docs/OUTPUTS.md, eval.json mean_env_return)
            EvalResult eval = Evaluator.summarize("train", "sampled", new EpisodePlayer(suite, 5, 1).play(
                    new Scripted(List.of(List.of("activate stove", "wait"), List.of("wait"))),
                    List.of(new TaskRef("train", 7), new TaskRef("train", 8)), new Decoding(false, false, 1.0, 4),
                    new Random(1)), suite.taskTypes());
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
