package dev.untangle.cli;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options that pick an environment suite and its settings; mixed into the environment commands. */
public final class EnvOptions {

    @Option(names = "--env", defaultValue = "household", description = "Environment name (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = "--grammar", description = "Household command grammar: new (move X to Y) or old (put X in/on Y).")
    String grammar;

    @Option(names = "--scene-size", description = "Household scene size: alfworld, small or tiny.")
    String sceneSize;

    @Option(names = "--max-steps", description = "Step limit per episode (household default 50, science 100).")
    Integer maxSteps;

    @Option(names = {"-O", "--env-option"}, description = "Further environment option key=value (repeatable).")
    Map<String, String> extra = new LinkedHashMap<>();

    /** The environment options as strings. */
    Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>(extra);
        if (grammar != null) {
            o.put("grammar", grammar);
        }
        if (sceneSize != null) {
            o.put("scene_size", sceneSize);
        }
        if (maxSteps != null) {
            o.put("max_steps", Integer.toString(maxSteps));
        }
        return o;
    }

    /** Builds the suite. */
    EnvironmentSuite suite() {
        return Environments.create(env, options());
    }
}
