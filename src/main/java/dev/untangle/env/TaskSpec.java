package dev.untangle.env;

import java.util.Objects;

/**
 * Metadata of one task: which split it belongs to, its id inside the split, its task type and its goal.
 *
 * @param split    split name, for example {@code train} or {@code L1}
 * @param taskId   index of the task inside the split, {@code 0 <= taskId < size}
 * @param taskType short task-type name, for example {@code pick_and_place_simple}
 * @param goal     the goal sentence shown to the agent, for example {@code put a apple in fridge}
 */
public record TaskSpec(String split, int taskId, String taskType, String goal) {
    /** Checks that no field is missing. */
    public TaskSpec {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(taskType, "taskType");
        Objects.requireNonNull(goal, "goal");
        if (taskId < 0) {
            throw new IllegalArgumentException("taskId must be >= 0, got " + taskId);
        }
    }

    /** A stable key for this task, {@code split/taskId}. */
    public String key() {
        return split + "/" + taskId;
    }
}
