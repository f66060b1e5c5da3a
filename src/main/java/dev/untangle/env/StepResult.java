package dev.untangle.env;

import java.util.List;

/**
 * The outcome of one text command.
 *
 * @param observation the feedback text (for example {@code Nothing happens.} for an invalid command)
 * @param reward      the reward of this step, normalised to [0, 1] for training
 * @param rawReward   the environment's own reward value before normalisation (equal to {@code reward} for
 *                    built-in worlds)
 * @param done        whether the episode has ended (won, or the step limit reached)
 * @param won         whether the goal is reached
 * @param valid       whether the command was understood and changed or inspected the world
 * @param admissible  the commands that are valid in the new state (empty when the environment gives none)
 */
public record StepResult(String observation, double reward, double rawReward, boolean done, boolean won,
                         boolean valid, List<String> admissible) {
    /** Copies the command list so that the record is immutable. */
    public StepResult {
        admissible = List.copyOf(admissible);
    }
}
