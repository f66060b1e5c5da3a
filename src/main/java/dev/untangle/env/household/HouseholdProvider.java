package dev.untangle.env.household;

import dev.untangle.env.EnvironmentProvider;
import dev.untangle.env.EnvironmentSuite;
import java.util.List;
import java.util.Map;

/**
 * Registers the household world under the name {@code household}. Options: {@code grammar} (new|old),
 * {@code scene_size} (alfworld|small|tiny), {@code max_steps}, {@code train_size}.
 */
public final class HouseholdProvider implements EnvironmentProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public HouseholdProvider() {
        // no state
    }

    @Override
    public boolean supports(String name) {
        return HouseholdSuite.NAME.equals(name);
    }

    @Override
    public List<String> names() {
        return List.of(HouseholdSuite.NAME);
    }

    @Override
    public EnvironmentSuite create(String name, Map<String, String> options) {
        return new HouseholdSuite(HouseholdOptions.parse(options));
    }
}
