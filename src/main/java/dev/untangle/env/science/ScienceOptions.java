package dev.untangle.env.science;

import dev.untangle.env.EnvironmentException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of the science world.
 *
 * @param maxSteps  step limit per episode ({@code max_steps}; default 100, ScienceWorld's usual episode limit)
 * @param trainSize number of train tasks ({@code train_size}; default 3000)
 */
public record ScienceOptions(int maxSteps, int trainSize) {

    /** The option keys, in the order {@code --help} lists them. */
    public static final List<String> KEYS = List.of("max_steps", "train_size");

    /** Checks the values. */
    public ScienceOptions {
        if (maxSteps < 1 || maxSteps > 10_000) {
            throw new EnvironmentException("science option max_steps must be in 1..10000, got " + maxSteps);
        }
        if (trainSize < 1) {
            throw new EnvironmentException("science option train_size must be >= 1, got " + trainSize);
        }
    }

    /** The defaults: 100 steps, 3000 train tasks. */
    public static ScienceOptions defaults() {
        return new ScienceOptions(100, ScienceSplits.DEFAULT_TRAIN_SIZE);
    }

    /**
     * Reads options given as strings.
     *
     * @throws EnvironmentException naming the option for an unknown key or a bad value
     */
    public static ScienceOptions parse(Map<String, String> options) {
        ScienceOptions o = defaults();
        for (Map.Entry<String, String> e : new TreeMap<>(options).entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().trim();
            switch (e.getKey()) {
                case "max_steps" -> o = new ScienceOptions(integer("max_steps", v), o.trainSize);
                case "train_size" -> o = new ScienceOptions(o.maxSteps, integer("train_size", v));
                default -> throw new EnvironmentException("unknown science option '" + e.getKey() + "'; known: "
                        + KEYS);
            }
        }
        return o;
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException ex) {
            throw new EnvironmentException("science option " + key + ": '" + v + "' is not an integer");
        }
    }
}
