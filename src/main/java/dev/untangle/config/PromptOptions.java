package dev.untangle.config;

import java.util.Objects;

/**
 * What the agent's prompt shows (the {@code prompt} section; the policy's prompt renderer applies it).
 *
 * @param history       {@code window} (each step its own prompt with the last {@code window} turns) or
 *                      {@code full} (the whole episode as one growing sequence)
 * @param window        turns of history shown in the {@code window} mode
 * @param admissible    whether the admissible commands are listed in the prompt ({@code window} mode only)
 * @param maxTokens     the longest prompt in tokens; older turns are dropped to fit
 * @param maxTextTokens every goal and observation text is cut to this many tokens
 * @param goalEachTurn  repeat the goal after every observation
 */
public record PromptOptions(History history, int window, boolean admissible, int maxTokens, int maxTextTokens,
                            boolean goalEachTurn) {

    /** How much of the episode the prompt shows ({@code prompt.history}). */
    public enum History implements ConfigChoice {
        /** Each step its own prompt with the last {@code window} turns. */
        WINDOW,
        /** The whole episode as one growing sequence. */
        FULL
    }

    /** Checks the values. */
    public PromptOptions {
        Objects.requireNonNull(history, "history");
        if (window < 0) {
            throw new ConfigException("prompt.window", "must be >= 0, got " + window);
        }
        if (history == History.FULL && admissible) {
            throw new ConfigException("prompt.admissible", "must be false with prompt.history=full (use "
                    + "rollout.decoding=constrained to restrict actions instead)");
        }
        if (maxTokens < 8) {
            throw new ConfigException("prompt.max_tokens", "must be >= 8, got " + maxTokens);
        }
        if (maxTextTokens < 1) {
            throw new ConfigException("prompt.max_text_tokens", "must be >= 1, got " + maxTextTokens);
        }
    }

    /** Reads the {@code prompt} section. */
    public static PromptOptions read(ConfigTree t) {
        History history = t.getEnum("prompt.history", History.WINDOW, History.class);  // window or full
        return new PromptOptions(
                history,
                t.getInt("prompt.window", 3),                                         // turns shown (window)
                t.getBoolean("prompt.admissible", history == History.WINDOW),          // list admissible commands
                t.getInt("prompt.max_tokens", 224),                                   // longest prompt
                t.getInt("prompt.max_text_tokens", 64),                               // per goal/observation
                t.getBoolean("prompt.goal_each_turn", false));                        // goal after every observation
    }
}
