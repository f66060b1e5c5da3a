package dev.untangle.rl.trajectory;

import java.util.Objects;

/**
 * One decision of one episode as the rollout collected it: ids, the text the action answered, the tokens and
 * the sampling distribution's log-probabilities, and what the environment said. Immutable; what the advantage
 * estimators compute from it is a {@link StepTargets}, joined to it in a {@link StepSample}.
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
 * @param progress          the environment's progress signal of this step (Phi(s') - Phi(s), docs/ALGORITHMS.md
 *                          "GCD labels"); NaN when the environment gives none
 * @param envReward         the reward the environment reported for this step (graded worlds report partial
 *                          scores; {@link RewardFunction} decides whether the estimators use it)
 */
public record CollectedStep(int episodeId, int groupId, int stepIndex, String taskKey, String taskType,
                            String anchorObservation, int[] promptTokens, int[] actionTokens, float[] oldLogProb,
                            int[][] allowed, double temperature, boolean valid, double progress,
                            double envReward) {

    /** Checks the token arrays and the temperature. */
    public CollectedStep {
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

    /** This step moved to another episode and group id (a batch assembled from several draws). */
    public CollectedStep withIds(int newEpisodeId, int newGroupId) {
        return new CollectedStep(newEpisodeId, newGroupId, stepIndex, taskKey, taskType, anchorObservation,
                promptTokens, actionTokens, oldLogProb, allowed, temperature, valid, progress, envReward);
    }

    /** Number of action tokens. */
    public int actionLength() {
        return actionTokens.length;
    }
}
