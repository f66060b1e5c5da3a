package dev.untangle.rl;

import java.util.Objects;

/**
 * One decision of one episode: the record that flows from rollout to advantage estimation, to the loss
 * terms and to diagnostics. Immutable; the advantage fields are filled by {@link #withAdvantages}.
 *
 * @param episodeId         id of the episode inside its {@link Rollouts} (0-based, dense)
 * @param groupId           id of the task group (episodes of the same task and start share it)
 * @param stepIndex         index of this decision inside its episode (0-based)
 * @param taskKey           the task's {@code split/taskId}
 * @param taskType          the task's type, for per-type statistics
 * @param anchorObservation the raw environment observation this action answered (GiGPO anchor key)
 * @param promptTokens      token ids of the prompt the action was generated from
 * @param actionTokens      token ids of the action (end-of-action token included)
 * @param oldLogProb        log pi_old of each action token when it was sampled (same length as
 *                          {@code actionTokens})
 * @param allowed           per action token, the token ids decoding allowed there (constrained decoding), or
 *                          {@code null} (free decoding); the update renormalises pi_theta over the same sets
 * @param temperature       the sampling temperature {@code oldLogProb} was computed at
 * @param valid             whether the environment accepted the command
 * @param reward            this step's reward r_t as the estimators see it ({@link RewardFunction}; 0 before
 *                          estimation)
 * @param episodeWon        whether the episode ended in success (the outcome label)
 * @param episodeAdvantage  A_E: the episode-level (group-relative) advantage
 * @param stepAdvantage     A_S: the step-level (anchor-group) advantage; 0 for estimators without one
 * @param advantage         A: the advantage the policy-gradient loss uses
 * @param anchorId          id of the anchor-state group (-1 when the estimator forms none)
 * @param progress          the environment's progress signal of this step (Phi(s') - Phi(s), docs/ALGORITHMS.md
 *                          "GCD labels"); NaN when the environment gives none
 * @param envReward         the reward the environment reported for this step (graded worlds report partial
 *                          scores; {@link RewardFunction} decides whether the estimators use it)
 */
public record StepSample(int episodeId, int groupId, int stepIndex, String taskKey, String taskType,
                         String anchorObservation, int[] promptTokens, int[] actionTokens, float[] oldLogProb,
                         int[][] allowed, double temperature, boolean valid, double reward, boolean episodeWon, double episodeAdvantage,
                         double stepAdvantage, double advantage, int anchorId, double progress,
                         double envReward) {

    /** Checks the token arrays. */
    public StepSample {
        Objects.requireNonNull(anchorObservation, "anchorObservation");
        if (actionTokens.length == 0) {
            throw new IllegalArgumentException("a step sample needs at least one action token");
        }
        if (oldLogProb.length != actionTokens.length) {
            throw new IllegalArgumentException("oldLogProb has " + oldLogProb.length + " entries for "
                    + actionTokens.length + " action tokens");
        }
        if (allowed != null && allowed.length != actionTokens.length) {
            throw new IllegalArgumentException("allowed has " + allowed.length + " entries for "
                    + actionTokens.length + " action tokens");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
    }

    /** A sample fresh from a rollout, before advantage estimation, without a progress signal. */
    public static StepSample collected(int episodeId, int groupId, int stepIndex, String taskKey, String taskType,
                                       String anchorObservation, int[] promptTokens, int[] actionTokens,
                                       float[] oldLogProb, int[][] allowed, double temperature,
                                       boolean valid) {
        return collected(episodeId, groupId, stepIndex, taskKey, taskType, anchorObservation, promptTokens,
                actionTokens, oldLogProb, allowed, temperature, valid, Double.NaN);
    }

    /** A sample fresh from a rollout, before advantage estimation, with the environment's progress signal. */
    public static StepSample collected(int episodeId, int groupId, int stepIndex, String taskKey, String taskType,
                                       String anchorObservation, int[] promptTokens, int[] actionTokens,
                                       float[] oldLogProb, int[][] allowed, double temperature,
                                       boolean valid, double progress) {
        return collected(episodeId, groupId, stepIndex, taskKey, taskType, anchorObservation, promptTokens,
                actionTokens, oldLogProb, allowed, temperature, valid, progress, 0);
    }

    /**
     * A sample fresh from a rollout, before advantage estimation, with the environment's progress signal and
     * reward.
     */
    public static StepSample collected(int episodeId, int groupId, int stepIndex, String taskKey, String taskType,
                                       String anchorObservation, int[] promptTokens, int[] actionTokens,
                                       float[] oldLogProb, int[][] allowed, double temperature,
                                       boolean valid, double progress, double envReward) {
        return new StepSample(episodeId, groupId, stepIndex, taskKey, taskType, anchorObservation, promptTokens,
                actionTokens, oldLogProb, allowed, temperature, valid, 0, false, 0, 0, 0, -1, progress, envReward);
    }

    /** This sample with the estimator's outputs filled in. */
    public StepSample withAdvantages(double stepReward, boolean won, double aEpisode, double aStep, double a,
                                     int anchor) {
        return new StepSample(episodeId, groupId, stepIndex, taskKey, taskType, anchorObservation, promptTokens,
                actionTokens, oldLogProb, allowed, temperature, valid, stepReward, won, aEpisode, aStep, a, anchor,
                progress, envReward);
    }

    /** This sample moved to another episode and group id (a batch assembled from several draws). */
    public StepSample withIds(int newEpisodeId, int newGroupId) {
        return new StepSample(newEpisodeId, newGroupId, stepIndex, taskKey, taskType, anchorObservation, promptTokens,
                actionTokens, oldLogProb, allowed, temperature, valid, reward, episodeWon, episodeAdvantage,
                stepAdvantage, advantage, anchorId, progress, envReward);
    }

    /** Number of action tokens. */
    public int actionLength() {
        return actionTokens.length;
    }
}
