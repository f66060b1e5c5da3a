package dev.untangle.config;

import java.util.Map;

/**
 * Which environment to train on.
 *
 * @param name       environment name, for example {@code household}
 * @param trainSplit split that SFT demonstrations and rollouts draw tasks from
 * @param options    provider options ({@code env.options.*} without the prefix)
 */
public record EnvConfig(String name, String trainSplit, Map<String, String> options) {

    /** Checks the values. */
    public EnvConfig {
        if (name == null || name.isBlank()) {
            throw new ConfigException("env.name", "must name an environment, for example household");
        }
        if (trainSplit == null || trainSplit.isBlank()) {
            throw new ConfigException("env.train_split", "must name a split, for example train");
        }
        options = Map.copyOf(options);
    }

    /** Reads the {@code env} section. */
    public static EnvConfig read(ConfigTree t) {
        return new EnvConfig(
                t.getString("env.name", "household"),                 // environment to build
                t.getString("env.train_split", "train"),              // where training tasks come from
                t.section("env.options"));                            // provider-specific options
    }
}
