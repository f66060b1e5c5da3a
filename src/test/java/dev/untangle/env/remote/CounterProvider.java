package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentProvider;
import dev.untangle.env.EnvironmentSuite;
import java.util.List;
import java.util.Map;

/** Registers {@link CounterSuite} as {@code test-counter} (test sources only). */
public final class CounterProvider implements EnvironmentProvider {

    @Override
    public boolean supports(String name) {
        return "test-counter".equals(name);
    }

    @Override
    public List<String> names() {
        return List.of("test-counter");
    }

    @Override
    public EnvironmentSuite create(String name, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new EnvironmentException("test-counter takes no options, got " + options.keySet());
        }
        return new CounterSuite();
    }
}
