package dev.untangle.eval;

import dev.untangle.env.TaskSpec;
import java.util.List;

/**
 * One played episode.
 *
 * @param task             the task (split, id, type, goal)
 * @param steps            the decisions in order
 * @param won              whether the goal was reached
 * @param environmentError one-line message when the environment failed, else {@code null}
 */
public record PlayedEpisode(TaskSpec task, List<PlayedStep> steps, boolean won, String environmentError) {

    /** Copies the steps. */
    public PlayedEpisode {
        steps = List.copyOf(steps);
    }
}
