package dev.untangle.rl.trajectory;

import dev.untangle.env.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * One played episode.
 *
 * @param id               dense id inside its {@link Rollouts}
 * @param groupId          task group id
 * @param task             the task played
 * @param steps            the decisions as collected, in order
 * @param won              whether the goal was reached
 * @param environmentError the one-line message when the environment failed during the episode ({@code null}
 *                         otherwise); such an episode is excluded from advantage estimation
 */
public record Episode(int id, int groupId, TaskSpec task, List<CollectedStep> steps, boolean won,
                      String environmentError) {

    /** Copies the step list. */
    public Episode {
        steps = List.copyOf(steps);
    }

    /** Whether the environment failed during this episode. */
    public boolean failed() {
        return environmentError != null;
    }

    /** This episode (and its steps) under a new dense id and group id. */
    public Episode withIds(int newId, int newGroupId) {
        List<CollectedStep> moved = new ArrayList<>(steps.size());
        for (CollectedStep s : steps) {
            moved.add(s.withIds(newId, newGroupId));
        }
        return new Episode(newId, newGroupId, task, moved, won, environmentError);
    }

    /** Number of invalid actions. */
    public int invalidSteps() {
        int n = 0;
        for (CollectedStep s : steps) {
            if (!s.valid()) {
                n++;
            }
        }
        return n;
    }
}
