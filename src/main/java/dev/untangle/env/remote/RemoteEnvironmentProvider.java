package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentProvider;
import dev.untangle.env.EnvironmentSuite;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code agentgym:alfworld}, {@code agentgym:babyai}, {@code agentgym:sciworld},
 * {@code agentgym:textcraft} and {@code agentgym:webshop}, each backed by one or more AgentGym servers (option
 * {@code urls}).
 */
public final class RemoteEnvironmentProvider implements EnvironmentProvider {

    private static final String PREFIX = "agentgym:";

    @Override
    public boolean supports(String name) {
        return name.startsWith(PREFIX) && Flavour.byName(name.substring(PREFIX.length())) != null;
    }

    @Override
    public List<String> names() {
        return Flavour.names().stream().map(n -> PREFIX + n).toList();
    }

    @Override
    public EnvironmentSuite create(String name, Map<String, String> options) {
        if (!supports(name)) {
            throw new EnvironmentException("unknown environment '" + name + "'; known: " + names());
        }
        Flavour f = Flavour.byName(name.substring(PREFIX.length()));
        return new RemoteSuite(f, RemoteOptions.parse(f, options));
    }
}
