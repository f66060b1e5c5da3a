package dev.untangle.eval;

import dev.untangle.policy.Generation;

/**
 * One decision of a played episode.
 *
 * @param observation the observation the action answered (raw environment text)
 * @param generation  what the policy generated (prompt tokens, action tokens, log-probs)
 * @param valid       whether the environment accepted the command
 * @param reward      the environment's step reward
 * @param progress    the environment's progress signal of the step ({@code StepResult#progress}; NaN: none)
 */
public record PlayedStep(String observation, Generation generation, boolean valid, double reward,
                         double progress) {
}
