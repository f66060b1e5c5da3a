package dev.untangle.config;

import java.util.List;

/**
 * What the agent's prompt shows.
 *
 * @param history        {@code window} (each step its own prompt with the last {@code window} turns) or
 *                       {@code full} (the whole episode as one growing sequence)
 * @param window         turns of history shown in the {@code window} mode
 * @param showAdmissible whether the admissible commands are listed in the prompt
 */
public record PromptConfig(String history, int window, boolean showAdmissible) {

    /** History modes. */
    public static final List<String> HISTORY_MODES = List.of("window", "full");

    /** Checks the values. */
    public PromptConfig {
        if (!HISTORY_MODES.contains(history)) {
            throw new ConfigException("prompt.history", "must be one of " + HISTORY_MODES + ", got '" + history + "'");
        }
        if (window < 0) {
            throw new ConfigException("prompt.window", "must be >= 0, got " + window);
        }
    }

    /** Reads the {@code prompt} section. */
    public static PromptConfig read(ConfigTree t) {
        return new PromptConfig(
                t.getChoice("prompt.history", "window", HISTORY_MODES),  // window or full
                t.getInt("prompt.window", 2),                            // turns shown in window mode
                t.getBoolean("prompt.show_admissible", true));           // list admissible commands
    }
}
