package dev.untangle.rl.trajectory;

import java.util.Objects;

/**
 * One decision of one episode ready for the loss terms and diagnostics: what the rollout collected joined to
 * what the advantage estimator computed for it. The two parts stay apart ({@link #step()}, {@link #targets()});
 * the accessors below read through to either, so a loss reads {@code s.actionTokens()} and {@code s.advantage()}
 * alike. Immutable; the collected part is shared with its {@link Episode}, not copied.
 *
 * @param step    what the rollout collected
 * @param targets what the estimator computed
 */
public record StepSample(CollectedStep step, StepTargets targets) {

    /** Checks that both parts are present. */
    public StepSample {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(targets, "targets");
    }

    /** {@link CollectedStep#episodeId()}. */
    public int episodeId() {
        return step.episodeId();
    }

    /** {@link CollectedStep#groupId()}. */
    public int groupId() {
        return step.groupId();
    }

    /** {@link CollectedStep#stepIndex()}. */
    public int stepIndex() {
        return step.stepIndex();
    }

    /** {@link CollectedStep#taskKey()}. */
    public String taskKey() {
        return step.taskKey();
    }

    /** {@link CollectedStep#taskType()}. */
    public String taskType() {
        return step.taskType();
    }

    /** {@link CollectedStep#anchorObservation()}. */
    public String anchorObservation() {
        return step.anchorObservation();
    }

    /** {@link CollectedStep#promptTokens()}. */
    public int[] promptTokens() {
        return step.promptTokens();
    }

    /** {@link CollectedStep#actionTokens()}. */
    public int[] actionTokens() {
        return step.actionTokens();
    }

    /** {@link CollectedStep#oldLogProb()}. */
    public float[] oldLogProb() {
        return step.oldLogProb();
    }

    /** {@link CollectedStep#allowed()}. */
    public int[][] allowed() {
        return step.allowed();
    }

    /** {@link CollectedStep#temperature()}. */
    public double temperature() {
        return step.temperature();
    }

    /** {@link CollectedStep#valid()}. */
    public boolean valid() {
        return step.valid();
    }

    /** {@link CollectedStep#progress()}. */
    public double progress() {
        return step.progress();
    }

    /** {@link CollectedStep#envReward()}. */
    public double envReward() {
        return step.envReward();
    }

    /** {@link CollectedStep#actionLength()}. */
    public int actionLength() {
        return step.actionLength();
    }

    /** {@link StepTargets#reward()}. */
    public double reward() {
        return targets.reward();
    }

    /** {@link StepTargets#episodeWon()}. */
    public boolean episodeWon() {
        return targets.episodeWon();
    }

    /** {@link StepTargets#episodeAdvantage()}. */
    public double episodeAdvantage() {
        return targets.episodeAdvantage();
    }

    /** {@link StepTargets#stepAdvantage()}. */
    public double stepAdvantage() {
        return targets.stepAdvantage();
    }

    /** {@link StepTargets#advantage()}. */
    public double advantage() {
        return targets.advantage();
    }

    /** {@link StepTargets#anchorId()}. */
    public int anchorId() {
        return targets.anchorId();
    }
}
