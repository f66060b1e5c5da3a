package dev.untangle.env;

import java.util.List;

/**
 * The outcome of one text command.
 *
 * @param observation the feedback text (for example {@code Nothing happens.} for an invalid command)
 * @param reward      the reward of this step, normalised for training so that an episode's rewards sum to at most 1
 *                    (a step may be negative: the science world pays the score change / 100, and a failing
 *                    step takes the score back to 0)
 * @param rawReward   the environment's own reward value before normalisation (equal to {@code reward} for
 *                    built-in worlds)
 * @param done        whether the episode has ended (won, or the step limit reached)
 * @param won         whether the goal is reached
 * @param valid       whether the command was understood and changed or inspected the world
 * @param admissible  the commands that are valid in the new state (empty when the environment gives none)
 * @param progress    the world's own judgement of this step, when it has one
 *                    ({@link TextEnvironment#reportsProgress()}): the change Phi(s') - Phi(s) of its task-progress
 *                    potential (positive: the command moved the task forward, negative: it undid progress or
 *                    blocked it, 0: neither); NaN when the environment gives none (remote environments)
 */
public record StepResult(String observation, double reward, double rawReward, boolean done, boolean won,
                         boolean valid, List<String> admissible, double progress) {
    /** Copies the command list so that the record is immutable. */
    public StepResult {
        admissible = List.copyOf(admissible);
    }

    /** A result without a progress signal (NaN). */
    public StepResult(String observation, double reward, double rawReward, boolean done, boolean won,
                      boolean valid, List<String> admissible) {
        this(observation, reward, rawReward, done, won, valid, admissible, Double.NaN);
    }
}
