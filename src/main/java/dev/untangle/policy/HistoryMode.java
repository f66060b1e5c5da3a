package dev.untangle.policy;

import dev.untangle.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/** How much of an episode's history the agent prompt shows (docs/ALGORITHMS.md "Prompt format"). */
public enum HistoryMode {
    /** Each step is its own prompt with the last k observation/action pairs (verl-agent). */
    WINDOW,
    /**
     * The whole episode is one growing sequence; a {@link RolloutSession} keeps each slot's key/value cache
     * across turns and encodes only the new tokens (RAGEN, AgentGym-RL).
     */
    FULL;

    /** The config name, {@code window} or {@code full}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a config name.
     *
     * @throws ConfigException naming {@code prompt.history} and the known modes
     */
    public static HistoryMode parse(String name) {
        for (HistoryMode m : values()) {
            if (m.configName().equals(name)) {
                return m;
            }
        }
        throw new ConfigException("prompt.history", "unknown history mode '" + name + "'; known: "
                + Arrays.stream(values()).map(HistoryMode::configName).toList());
    }
}
