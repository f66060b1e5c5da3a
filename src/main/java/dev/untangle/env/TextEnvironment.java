package dev.untangle.env;

import java.util.List;

/**
 * One live text environment: it plays one task at a time and can be reset to another.
 *
 * <p>Deterministic: the same split and task id give the same world, and the same command sequence gives the
 * same observations, on every machine. Instances are not thread-safe; use one per rollout slot.
 */
public interface TextEnvironment extends AutoCloseable {

    /**
     * Starts a task.
     *
     * @param split  split name; unknown names raise {@link EnvironmentException}
     * @param taskId task index inside the split; out-of-range ids raise {@link EnvironmentException}
     * @return the first observation and admissible commands
     */
    Reset reset(String split, int taskId);

    /**
     * Executes one text command in the current task.
     *
     * @param command the agent's command, for example {@code go to cabinet 1}
     * @return the feedback, reward and the next admissible commands
     * @throws EnvironmentException when no task is running or the environment failed
     */
    StepResult step(String command);

    /** The commands that are valid in the current state (empty when the environment gives none). */
    List<String> admissible();

    /** The task now being played, or {@code null} before the first reset. */
    TaskSpec task();

    /** Number of steps taken in the current episode. */
    int steps();

    /**
     * Whether {@link StepResult#progress()} carries this world's own step-quality signal (the built-in household
     * world does; remote environments do not, and report NaN).
     */
    default boolean reportsProgress() {
        return false;
    }

    /** Releases resources held for this environment (server-side instances, connections). */
    @Override
    void close();
}
