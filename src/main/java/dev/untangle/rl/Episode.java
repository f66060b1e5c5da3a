package dev.untangle.rl;

import dev.untangle.env.TaskSpec;
import java.util.List;

/**
 * One played episode.
 *
 * @param id               dense id inside its {@link Rollouts}
 * @param groupId          task group id
 * @param task             the task played
 * @param steps            the decisions, in order
 * @param won              whether the goal was reached
 * @param environmentError the one-line message when the environment failed during the episode ({@code null}
 *                         otherwise); such an episode is excluded from advantage estimation
 */
public record Episode(int id, int groupId, TaskSpec task, List<StepSample> steps, boolean won,
                      String environmentError) {

    /** Copies the step list. */
    public Episode {
        steps = List.copyOf(steps);
    }

    /** Whether the environment failed during this episode. */
    public boolean failed() {
        return environmentError != null;
    }

    /** This episode (and its step samples) under a new dense id and group id. */
    public Episode withIds(int newId, int newGroupId) {
        List<StepSample> moved = new java.util.ArrayList<>(steps.size());
        for (StepSample s : steps) {
            moved.add(s.withIds(newId, newGroupId));
        }
        return new Episode(newId, newGroupId, task, moved, won, environmentError);
    }

    /** Number of invalid actions. */
    public int invalidSteps() {
        int n = 0;
        for (StepSample s : steps) {
            if (!s.valid()) {
                n++;
            }
        }
        return n;
    }
}
