package dev.untangle.rl;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentProvider;
import dev.untangle.env.EnvironmentSuite;
import java.util.List;
import java.util.Map;

/** Registers the test-only {@link TinyWorld} as environment {@code tiny}. */
public final class TinyWorldProvider implements EnvironmentProvider {

    @Override
    public boolean supports(String name) {
        return name.equals("tiny");
    }

    @Override
    public List<String> names() {
        return List.of("tiny");
    }

    @Override
    public EnvironmentSuite create(String name, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new EnvironmentException("environment tiny takes no options, got " + options.keySet());
        }
        return new TinyWorld();
    }
}
