package dev.untangle.policy;

import java.util.List;

/**
 * Everything the agent may see at one decision point; the {@link PromptRenderer} turns it into tokens.
 *
 * @param goal        the task's goal sentence
 * @param history     all earlier steps of the episode, oldest first (the renderer keeps what its history
 *                    mode shows)
 * @param observation the current observation text
 * @param admissible  the admissible commands of the current state (may be empty)
 */
public record AgentContext(String goal, List<Turn> history, String observation, List<String> admissible) {
    /** Copies the lists. */
    public AgentContext {
        history = List.copyOf(history);
        admissible = List.copyOf(admissible);
    }
}
