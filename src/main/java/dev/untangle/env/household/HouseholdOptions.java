package dev.untangle.env.household;

import dev.untangle.env.EnvironmentException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of the household world.
 *
 * @param grammar   command grammar ({@code grammar}: {@code new} or {@code old}; default new)
 * @param sceneSize scene size ({@code scene_size}: {@code alfworld}, {@code small} or {@code tiny}; default alfworld)
 * @param maxSteps  step limit per episode ({@code max_steps}; default 50)
 * @param trainSize number of train tasks ({@code train_size}; default 3553, ALFWorld's train size)
 */
public record HouseholdOptions(Grammar grammar, SceneSize sceneSize, int maxSteps, int trainSize) {

    /** The option keys, in the order {@code --help} lists them. */
    public static final List<String> KEYS = List.of("grammar", "scene_size", "max_steps", "train_size");

    /** Checks the values. */
    public HouseholdOptions {
        if (grammar == null || sceneSize == null) {
            throw new EnvironmentException("household options: grammar and scene_size must be set");
        }
        if (maxSteps < 1 || maxSteps > 10_000) {
            throw new EnvironmentException("household option max_steps must be in 1..10000, got " + maxSteps);
        }
        if (trainSize < 1 || trainSize > 10_000_000) {
            throw new EnvironmentException("household option train_size must be in 1..10000000, got " + trainSize);
        }
    }

    /** The defaults: new grammar, ALFWorld-sized scenes, 50 steps, 3553 train tasks. */
    public static HouseholdOptions defaults() {
        return new HouseholdOptions(Grammar.NEW, SceneSize.ALFWORLD, 50, HouseholdSplits.DEFAULT_TRAIN_SIZE);
    }

    /** A copy with another grammar. */
    public HouseholdOptions withGrammar(Grammar g) {
        return new HouseholdOptions(g, sceneSize, maxSteps, trainSize);
    }

    /** A copy with another scene size. */
    public HouseholdOptions withSceneSize(SceneSize s) {
        return new HouseholdOptions(grammar, s, maxSteps, trainSize);
    }

    /** A copy with another step limit. */
    public HouseholdOptions withMaxSteps(int m) {
        return new HouseholdOptions(grammar, sceneSize, m, trainSize);
    }

    /**
     * Reads options given as strings.
     *
     * @throws EnvironmentException naming the option for an unknown key or a bad value
     */
    public static HouseholdOptions parse(Map<String, String> options) {
        HouseholdOptions o = defaults();
        for (Map.Entry<String, String> e : new TreeMap<>(options).entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().trim();
            switch (e.getKey()) {
                case "grammar" -> o = o.withGrammar(Grammar.parse(v));
                case "scene_size" -> o = o.withSceneSize(SceneSize.parse(v));
                case "max_steps" -> o = o.withMaxSteps(integer("max_steps", v));
                case "train_size" -> o = new HouseholdOptions(o.grammar, o.sceneSize, o.maxSteps,
                        integer("train_size", v));
                default -> throw new EnvironmentException("unknown household option '" + e.getKey()
                        + "'; known: " + KEYS);
            }
        }
        return o;
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException ex) {
            throw new EnvironmentException("household option " + key + ": '" + v + "' is not an integer");
        }
    }
}
