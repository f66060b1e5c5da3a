package dev.untangle.policy;

import dev.untangle.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How agent prompts are rendered (docs/ALGORITHMS.md "Prompt format"). Built with {@link #builder()}; every
 * value has a default.
 *
 * @param history          {@code window} or {@code full}
 * @param window           k, the number of past observation/action pairs a {@code window} prompt shows
 *                         (ignored in {@code full} mode, which shows all that fit)
 * @param showAdmissible   list the admissible commands after the current observation ({@code window} mode
 *                         only: a growing {@code full} sequence cannot hold one list per turn)
 * @param maxPromptTokens  the longest prompt; longer histories lose their oldest turns
 * @param maxTextTokens    every goal and observation text is cut to its first this-many tokens (untrusted
 *                         environment text is bounded before it reaches the model)
 * @param goalEachTurn     repeat the goal after every observation ({@code <obs> o <goal> g <act>}), as verl-agent's
 *                         ALFWorld prompt restates the task each step: the goal then sits next to the objects the
 *                         decision has to match it against, however long the history is
 */
public record PromptConfig(HistoryMode history, int window, boolean showAdmissible, int maxPromptTokens,
                           int maxTextTokens, boolean goalEachTurn) {

    /** Checks the values; messages name the {@code prompt.*} key. */
    public PromptConfig {
        if (history == null) {
            throw new ConfigException("prompt.history", "must be window or full");
        }
        if (window < 0) {
            throw new ConfigException("prompt.window", "must be >= 0, got " + window);
        }
        if (history == HistoryMode.FULL && showAdmissible) {
            throw new ConfigException("prompt.admissible", "must be false with prompt.history=full (the growing "
                    + "sequence cannot hold one command list per turn; use constrained decoding instead)");
        }
        if (maxTextTokens < 1) {
            throw new ConfigException("prompt.max_text_tokens", "must be >= 1, got " + maxTextTokens);
        }
        if (maxPromptTokens < 8) {
            throw new ConfigException("prompt.max_tokens", "must be >= 8, got " + maxPromptTokens);
        }
    }

    /** A builder with the defaults: window mode, k = 3, admissible commands shown, 224 tokens, 64 per text. */
    public static Builder builder() {
        return new Builder();
    }

    /** The values under their config-key names (written to {@code model.json}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("history", history.configName());
        m.put("window", window);
        m.put("admissible", showAdmissible);
        m.put("max_tokens", maxPromptTokens);
        m.put("max_text_tokens", maxTextTokens);
        m.put("goal_each_turn", goalEachTurn);
        return m;
    }

    /**
     * Reads the values written by {@link #toMap()}.
     *
     * @throws ConfigException naming a missing or invalid key
     */
    public static PromptConfig fromMap(Map<String, ?> m) {
        Object h = m.get("history");
        if (!(h instanceof String hs)) {
            throw new ConfigException("prompt.history", "missing");
        }
        return new PromptConfig(HistoryMode.parse(hs), intValue(m, "window"), bool(m, "admissible"),
                intValue(m, "max_tokens"), intValue(m, "max_text_tokens"),
                m.containsKey("goal_each_turn") && bool(m, "goal_each_turn"));   // absent in models saved before it
    }

    private static int intValue(Map<String, ?> m, String key) {
        if (!(m.get(key) instanceof Number n) || n.doubleValue() != n.intValue()) {
            throw new ConfigException("prompt." + key, "missing or not an integer: " + m.get(key));
        }
        return n.intValue();
    }

    private static boolean bool(Map<String, ?> m, String key) {
        if (!(m.get(key) instanceof Boolean b)) {
            throw new ConfigException("prompt." + key, "missing or not true/false: " + m.get(key));
        }
        return b;
    }

    /** Builds a {@link PromptConfig}; all values optional. */
    public static final class Builder {
        private HistoryMode history = HistoryMode.WINDOW;
        private int window = 3;
        private Boolean showAdmissible;
        private int maxPromptTokens = 224;
        private int maxTextTokens = 64;
        private boolean goalEachTurn;

        private Builder() {
        }

        /** Sets the history mode (default window). */
        public Builder optHistory(HistoryMode v) {
            this.history = v;
            return this;
        }

        /** Sets k, the window of past turns (default 3). */
        public Builder optWindow(int v) {
            this.window = v;
            return this;
        }

        /** Shows the admissible commands (default: true in window mode, false in full mode). */
        public Builder optShowAdmissible(boolean v) {
            this.showAdmissible = v;
            return this;
        }

        /** Sets the longest prompt in tokens (default 224). */
        public Builder optMaxPromptTokens(int v) {
            this.maxPromptTokens = v;
            return this;
        }

        /** Sets the cut-off of each goal or observation text in tokens (default 64). */
        public Builder optMaxTextTokens(int v) {
            this.maxTextTokens = v;
            return this;
        }

        /** Repeats the goal after every observation (default false). */
        public Builder optGoalEachTurn(boolean v) {
            this.goalEachTurn = v;
            return this;
        }

        /** Builds the configuration (throws {@link ConfigException} naming an invalid key). */
        public PromptConfig build() {
            boolean admissible = showAdmissible == null ? history == HistoryMode.WINDOW : showAdmissible;
            return new PromptConfig(history, window, admissible, maxPromptTokens, maxTextTokens, goalEachTurn);
        }
    }
}
