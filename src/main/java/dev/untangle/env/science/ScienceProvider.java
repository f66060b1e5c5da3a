package dev.untangle.env.science;

import dev.untangle.env.EnvironmentProvider;
import dev.untangle.env.EnvironmentSuite;
import java.util.List;
import java.util.Map;

/** Registers the science world under the name {@code science}. Options: {@code max_steps}, {@code train_size}. */
public final class ScienceProvider implements EnvironmentProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public ScienceProvider() {
        // no state
    }

    @Override
    public boolean supports(String name) {
        return ScienceSuite.NAME.equals(name);
    }

    @Override
    public List<String> names() {
        return List.of(ScienceSuite.NAME);
    }

    @Override
    public EnvironmentSuite create(String name, Map<String, String> options) {
        return new ScienceSuite(ScienceOptions.parse(options));
    }
}
