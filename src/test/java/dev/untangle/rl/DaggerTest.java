package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.config.ConfigException;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.eval.PlayedEpisode;
import dev.untangle.eval.TaskRef;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DAgger relabelling: the policy's own trajectories, every state labelled with the searcher's command for that
 * state, and the rounds wired into the SFT cold start.
 */
class DaggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TrainConfig config(String... extra) {
        List<String> o = new java.util.ArrayList<>(List.of(
                "seed=5", "env.name=household", "env.options.scene_size=tiny", "env.options.max_steps=8",
                "model.layers=1", "model.width=32", "model.heads=2", "model.context_length=320",
                "prompt.history=full", "prompt.max_tokens=300", "prompt.max_text_tokens=40",
                "sft.tasks=6", "sft.epochs=1", "rollout.max_steps=8", "algorithm.iterations=0",
                "eval.splits=[L0]", "eval.episodes=2", "eval.max_steps=6", "diagnostics.every=0"));
        o.addAll(List.of(extra));
        return TrainConfig.read(ConfigTree.empty().withOverrides(o));
    }

    @Test
    void everyStateThePolicyReachedIsLabelledWithTheSearchersCommand() {
        TrainConfig cfg = config();
        EnvironmentSuite suite = Environments.create("household", cfg.env().options());
        List<TaskRef> tasks = Dagger.roundTasks("train", suite.split("train").size(), 0, 5, 1);
        Decoding sampled = new Decoding(true, false, 1.5, 8);
        try (Policy policy = new ModelPolicyFactory().create(cfg, suite)) {
            Dagger.Round round = new Dagger(suite, "searcher", 8).collect(policy, tasks, sampled, new Random(3));
            List<PlayedEpisode> played = new EpisodePlayer(suite, 8, 1).play(policy, tasks, sampled, new Random(3));
            assertEquals(5, round.episodes().size());
            int steps = 0;
            int agreed = 0;
            int disagreed = 0;
            for (int e = 0; e < tasks.size(); e++) {
                List<ScoreRequest> episode = round.episodes().get(e);
                PlayedEpisode p = played.get(e);
                assertEquals(p.steps().size(), episode.size());
                // an independent replay: the searcher follows the played commands; each label is its command
                try (TextEnvironment env = suite.create()) {
                    Reset reset = env.reset("train", tasks.get(e).taskId());
                    Expert searcher = suite.expert("searcher").orElseThrow();
                    searcher.begin(env, reset);
                    String obs = reset.observation();
                    for (int t = 0; t < episode.size(); t++) {
                        String expected = searcher.next(env, obs);
                        assertTrue(env.admissible().contains(expected), expected);
                        assertArrayEquals(policy.tokenizer().encodeAction(expected), episode.get(t).target(),
                                "task " + tasks.get(e) + " step " + t);
                        String action = p.steps().get(t).generation().action();
                        if (expected.equals(action)) {
                            agreed++;
                        } else {
                            disagreed++;
                        }
                        if (t > 0) {     // full history: the prompt holds the policy's commands, not the labels
                            int[] before = episode.get(t - 1).context();
                            assertArrayEquals(before, Arrays.copyOf(episode.get(t).context(), before.length));
                        }
                        searcher.played(action);
                        StepResult r = env.step(action);
                        obs = r.observation();
                        steps++;
                    }
                }
            }
            assertEquals(steps, round.steps());
            assertEquals(agreed, round.agreed());
            assertTrue(disagreed > 0, "an untrained policy disagrees with the expert somewhere");
        }
    }

    @Test
    void roundsPlayTheTasksAfterTheDemonstratedOnesAndWrapAround() {
        assertEquals(List.of(new TaskRef("train", 8), new TaskRef("train", 9), new TaskRef("train", 0)),
                Dagger.roundTasks("train", 10, 5, 3, 2));
    }

    @Test
    void anExpertThatCannotFollowIsRefusedBeforeTraining(@TempDir Path dir) {
        TrainConfig cfg = config("sft.expert=oracle", "sft.dagger_rounds=1");
        EnvironmentSuite suite = Environments.create("household", cfg.env().options());
        ConfigException e = assertThrows(ConfigException.class, () -> TrainingLoopTest.train(cfg, suite,
                new ModelPolicyFactory(), dir, false, List.of()));
        assertTrue(e.getMessage().contains("sft.dagger_rounds") && e.getMessage().contains("oracle"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve(RunDirectory.SFT_METRICS)), "nothing was trained");
    }

    @Test
    void roundsContinueTheSftMetricsAndTheRunIsReproducible(@TempDir Path dir) throws Exception {
        TrainConfig cfg = config("sft.dagger_rounds=2", "sft.dagger_tasks=3", "sft.dagger_epochs=2");
        EnvironmentSuite suite = Environments.create("household", cfg.env().options());
        TrainingLoopTest.train(cfg, suite, new ModelPolicyFactory(), dir.resolve("a"), false, List.of());
        TrainingLoopTest.train(cfg, suite, new ModelPolicyFactory(), dir.resolve("b"), false, List.of());
        List<String> a = Files.readAllLines(dir.resolve("a").resolve(RunDirectory.SFT_METRICS));
        List<String> b = Files.readAllLines(dir.resolve("b").resolve(RunDirectory.SFT_METRICS));
        assertEquals(1 + 2 * 2, a.size(), "1 behaviour-cloning epoch, then 2 epochs after each of 2 rounds");
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = JSON.readTree(a.get(i));
            JsonNode y = JSON.readTree(b.get(i));
            assertEquals(i, x.get("iteration").asInt());
            assertEquals(x.get("sft/loss"), y.get("sft/loss"), "epoch " + i);
        }
    }
}
