package dev.untangle.env;

/**
 * A scripted agent that plays an environment created by the same suite, one command at a time.
 *
 * <p>An expert is stateful per episode: call {@link #begin(TextEnvironment, Reset)} after each reset, then
 * {@link #next(TextEnvironment, String)} with the latest observation until the episode is done.
 */
public interface Expert {

    /** Expert name, for example {@code searcher}. */
    String name();

    /**
     * Prepares for a new episode.
     *
     * @param env   the environment, already reset; it must come from the suite that made this expert
     * @param reset what the reset returned
     */
    void begin(TextEnvironment env, Reset reset);

    /**
     * The next command to play.
     *
     * @param env             the environment being played
     * @param lastObservation the latest observation text (the reset text before the first step)
     * @return the next command
     */
    String next(TextEnvironment env, String lastObservation);

    /**
     * Tells the expert which command was actually played after its last {@link #next} (another agent drives and
     * the expert only labels the states it reaches: DAgger, docs/ALGORITHMS.md "DAgger rounds"). The next call
     * of {@link #next} then reads its observation as the outcome of {@code command}.
     *
     * @throws UnsupportedOperationException when this expert can only follow its own commands (the default)
     */
    default void played(String command) {
        throw new UnsupportedOperationException("expert " + name() + " cannot follow another agent's commands");
    }

    /** Whether {@link #played} is supported, so this expert can label states another agent reached. */
    default boolean labelsOtherAgents() {
        return false;
    }
}
