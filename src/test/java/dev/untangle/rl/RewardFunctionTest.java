package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigException;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.RewardConfig;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.TaskSpec;
import dev.untangle.rl.advantage.AdvantageEstimators;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.advantage.Advantages;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.RewardFunction;
import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reward seam (docs/ALGORITHMS.md "Reward"): {@code r_t = base_t - p 1[invalid_t] + beta progress_t} with
 * {@code base_t} the success indicator or the environment's own reward, checked by hand on built episodes and
 * through both estimators.
 */
class RewardFunctionTest {

    private static final double TOL = 1e-9;

    /** An episode of one group whose steps carry the given validity, environment rewards and progress. */
    private static Episode episode(int id, boolean won, boolean[] valid, double[] envReward, double[] progress) {
        List<CollectedStep> steps = new ArrayList<>();
        for (int t = 0; t < valid.length; t++) {
            steps.add(new CollectedStep(id, 0, t, "train/0", "type", "s" + t, new int[] {3}, new int[] {4, 2},
                    new float[] {-1f, -1f}, null, 1.0, valid[t], progress[t], envReward[t]));
        }
        return new Episode(id, 0, new TaskSpec("train", 0, "type", "goal"), steps, won, null);
    }

    @Test
    void successIsTheOutcomeRewardWhateverTheEnvironmentPays() {
        Episode e = episode(0, true, new boolean[] {false, true, true}, new double[] {0.3, 0.2, 0.5},
                new double[] {Double.NaN, 1, 2});
        RewardFunction success = RewardFunction.success(0.1);
        assertArrayEquals(new double[] {-0.1, 0, 1}, success.stepRewards(e), TOL);
        assertEquals(1 - 0.1, success.episodeReturn(e), TOL);             // R = 1[won] - p n_invalid
    }

    @Test
    void envEqualsSuccessWhereTheEnvironmentPaysOneOnTheWinningStep() {
        // the household world's reward: 1 on the step that wins, 0 elsewhere; env must not add success's +1 again
        Episode won = episode(0, true, new boolean[] {true, false, true}, new double[] {0, 0, 1},
                new double[] {0, Double.NaN, 2});
        Episode lost = episode(1, false, new boolean[] {true, true}, new double[] {0, 0}, new double[] {0, 1});
        for (Episode e : List.of(won, lost)) {
            assertArrayEquals(RewardFunction.success(0.1).stepRewards(e),
                    new RewardFunction(RewardConfig.Kind.ENV, 0.1, 0).stepRewards(e), TOL);
        }
        assertEquals(0.9, new RewardFunction(RewardConfig.Kind.ENV, 0.1, 0).episodeReturn(won), TOL);
    }

    @Test
    void envKindPaysTheEnvironmentsGradedRewardsAndShapingAddsProgress() {
        Episode e = episode(0, false, new boolean[] {true, false, true}, new double[] {0.25, 0, 0.5},
                new double[] {1, Double.NaN, -1});
        RewardFunction env = new RewardFunction(RewardConfig.Kind.ENV, 0.1, 0);
        assertArrayEquals(new double[] {0.25, -0.1, 0.5}, env.stepRewards(e), TOL);
        RewardFunction shaped = new RewardFunction(RewardConfig.Kind.ENV, 0.1, 0.5);
        assertArrayEquals(new double[] {0.25 + 0.5, -0.1, 0.5 - 0.5}, shaped.stepRewards(e), TOL);
        // shaping telescopes: sum of progress = Phi(end) - Phi(start) = 0 here, so R is unchanged
        assertEquals(env.episodeReturn(e), shaped.episodeReturn(e), TOL);
        RewardFunction successShaped = new RewardFunction(RewardConfig.Kind.SUCCESS, 0, 2);
        assertArrayEquals(new double[] {2, 0, -2}, successShaped.stepRewards(e), TOL);
    }

    @Test
    void gradedRewardsChangeTheAdvantagesAsTheFormulaSays() {
        // two lost episodes of one task: the success reward sees no difference, the graded one does
        Episode a = episode(0, false, new boolean[] {true, true}, new double[] {0, 0.6}, new double[] {0, 0});
        Episode b = episode(1, false, new boolean[] {true, true}, new double[] {0, 0.2}, new double[] {0, 0});
        List<Episode> eps = List.of(a, b);
        Advantages plain = AdvantageEstimators.create("grpo", new AdvantageSettings(false, false, 0, 1, 1))
                .estimate(eps);
        assertArrayEquals(new double[] {0, 0, 0, 0}, adv(plain), TOL);
        RewardFunction env = new RewardFunction(RewardConfig.Kind.ENV, 0, 0);
        // GRPO, normalization = mean: A = R - mean(R) = +-0.2 for every step of the episode
        Advantages grpo = AdvantageEstimators.create("grpo", new AdvantageSettings(false, false, env, 1, 1))
                .estimate(eps);
        assertArrayEquals(new double[] {0.2, 0.2, -0.2, -0.2}, adv(grpo), TOL);
        assertEquals(0.6, grpo.samples().get(1).reward(), TOL, "the estimator records r_t");
        // GiGPO, gamma 0.5: G = [0.3, 0.6] and [0.1, 0.2]; anchors s0 and s1 pair the two episodes' steps, so
        // A_S = +-0.1 at s0 and +-0.2 at s1; A = A_E + A_S
        Advantages gigpo = AdvantageEstimators.create("gigpo", new AdvantageSettings(false, false, env, 0.5, 1))
                .estimate(eps);
        assertArrayEquals(new double[] {0.2 + 0.1, 0.2 + 0.2, -0.2 - 0.1, -0.2 - 0.2}, adv(gigpo), TOL);
    }

    @Test
    void theRewardSectionIsReadAndChecked() {
        TrainConfig d = TrainConfig.read(ConfigTree.empty());
        assertEquals("success", d.reward().kind().configName());
        assertEquals(0.0, d.reward().shaping());
        TrainConfig c = TrainConfig.read(ConfigTree.empty().withOverrides(List.of("reward.kind=env",
                "reward.shaping=0.25", "algorithm.invalid_penalty=0.05")));
        assertEquals(new RewardFunction(RewardConfig.Kind.ENV, 0.05, 0.25), AdvantageSettings.of(c).reward());
        ConfigException kind = assertThrows(ConfigException.class, () -> TrainConfig.read(
                ConfigTree.empty().withOverrides(List.of("reward.kind=score"))));
        assertTrue(kind.getMessage().contains("reward.kind"), kind.getMessage());
        ConfigException shaping = assertThrows(ConfigException.class, () -> TrainConfig.read(
                ConfigTree.empty().withOverrides(List.of("reward.shaping=-1"))));
        assertTrue(shaping.getMessage().contains("reward.shaping"), shaping.getMessage());
    }

    @Test
    void shapingIsRefusedWhereTheEnvironmentReportsNoProgress() {
        ConfigException e = assertThrows(ConfigException.class, () -> GrpoLoop.validate(
                TrainingLoopTest.config("reward.shaping=0.5"), new TinyWorld()));
        assertTrue(e.getMessage().startsWith("reward.shaping: shaping adds the environment's step progress"),
                e.getMessage());
        GrpoLoop.validate(TrainingLoopTest.config("reward.kind=env"), new TinyWorld());   // env alone is fine
    }

    private static double[] adv(Advantages a) {
        return a.samples().stream().mapToDouble(StepSample::advantage).toArray();
    }
}
