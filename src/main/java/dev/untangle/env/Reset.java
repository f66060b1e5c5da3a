package dev.untangle.env;

import java.util.List;

/**
 * What an environment returns when a task starts.
 *
 * @param task        the task now being played
 * @param observation the first observation text (for ALFWorld-style worlds it includes the task line)
 * @param admissible  the commands that are valid in the first state (empty when the environment gives none)
 */
public record Reset(TaskSpec task, String observation, List<String> admissible) {
    /** Copies the command list so that the record is immutable. */
    public Reset {
        admissible = List.copyOf(admissible);
    }
}
