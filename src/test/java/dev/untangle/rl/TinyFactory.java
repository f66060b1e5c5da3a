package dev.untangle.rl;

import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Policy;
import java.nio.file.Path;

/** Creates and loads {@link TinyPolicy}s over the suite's corpus. */
public final class TinyFactory implements PolicyFactory {

    @Override
    public Policy create(TrainConfig config, EnvironmentSuite suite) {
        return new TinyPolicy(suite.corpus(), config.seed());
    }

    @Override
    public Policy load(Path dir) {
        return TinyPolicy.load(dir);
    }
}
