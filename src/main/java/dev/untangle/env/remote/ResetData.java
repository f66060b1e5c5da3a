package dev.untangle.env.remote;

import java.util.List;

/**
 * What a flavour's reset produced, before it becomes a {@link dev.untangle.env.Reset}.
 *
 * @param taskType   the task type the server reported (or the flavour name when it reports none)
 * @param goal       the goal text (empty when the server gives none)
 * @param observation the first observation
 * @param admissible the admissible commands (empty when the server gives none)
 */
public record ResetData(String taskType, String goal, String observation, List<String> admissible) {
    /** Copies the list. */
    public ResetData {
        admissible = List.copyOf(admissible);
    }
}
