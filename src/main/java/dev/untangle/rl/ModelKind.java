package dev.untangle.rl;

import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Policy;
import java.nio.file.Path;

/**
 * One kind of model a run can train ({@code model.kind}): how it builds a fresh policy and how it recognises and
 * loads a policy it saved. Registered by name in {@link ModelKinds}, the only place that constructs one.
 */
public interface ModelKind {

    /** The registered name, the value of {@code model.kind}. */
    String name();

    /**
     * A freshly initialised policy for a run.
     *
     * @param config the run's configuration (model shape, prompt, seed)
     * @param suite  the environment (its corpus builds a vocabulary where the kind needs one)
     */
    Policy create(TrainConfig config, EnvironmentSuite suite);

    /** Whether {@code dir} holds a policy this kind saved with {@link Policy#save(Path)}. */
    boolean holds(Path dir);

    /**
     * Loads a policy this kind saved.
     *
     * @throws IllegalArgumentException naming the file when {@code dir} is not such a policy
     */
    Policy load(Path dir);
}
