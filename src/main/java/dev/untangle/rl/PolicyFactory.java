package dev.untangle.rl;

import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Policy;
import java.nio.file.Path;

/**
 * How the training loop obtains policies, so that {@code rl} does not name a model class: the command line
 * passes the built-in transformer's factory; tests pass a tiny model.
 */
public interface PolicyFactory {

    /**
     * A freshly initialised policy for a run.
     *
     * @param config the run's configuration (model shape, prompt, seed)
     * @param suite  the environment (its corpus builds the vocabulary)
     */
    Policy create(TrainConfig config, EnvironmentSuite suite);

    /** A policy saved with {@link Policy#save(Path)}. */
    Policy load(Path dir);
}
