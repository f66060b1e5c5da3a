package dev.untangle.policy;

/**
 * One past interaction step shown in the prompt history.
 *
 * @param observation what the environment said before the action
 * @param action      the command the agent played
 */
public record Turn(String observation, String action) {
}
