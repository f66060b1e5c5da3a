package dev.untangle.rl.advantage;

import dev.untangle.config.ConfigException;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** The registry of advantage estimators by name; immutable, with no load-time side effects. */
public final class AdvantageEstimators {

    private static final Map<String, Function<AdvantageSettings, AdvantageEstimator>> BY_NAME = Map.of(
            "grpo", GrpoEstimator::new,
            "gigpo", GigpoEstimator::new);

    private AdvantageEstimators() {
    }

    /**
     * Creates the named estimator.
     *
     * @throws ConfigException on key {@code algorithm.advantage} listing the known names
     */
    public static AdvantageEstimator create(String name, AdvantageSettings settings) {
        Function<AdvantageSettings, AdvantageEstimator> make = BY_NAME.get(name);
        if (make == null) {
            throw new ConfigException("algorithm.advantage",
                    "unknown estimator '" + name + "'; known: " + known());
        }
        return make.apply(settings);
    }

    /** The registered names, sorted. */
    public static TreeSet<String> known() {
        return new TreeSet<>(BY_NAME.keySet());
    }
}
