package dev.untangle.eval;

/**
 * A task to play.
 *
 * @param split  split name
 * @param taskId task id in the split
 */
public record TaskRef(String split, int taskId) {
}
