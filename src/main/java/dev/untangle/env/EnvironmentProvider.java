package dev.untangle.env;

import java.util.Map;

/**
 * A service that builds {@link EnvironmentSuite}s by name; implementations are listed in
 * {@code META-INF/services/dev.untangle.env.EnvironmentProvider} so that this package depends on none of them.
 */
public interface EnvironmentProvider {

    /**
     * Whether this provider builds the named environment.
     *
     * @param name environment name from the config, for example {@code household} or {@code agentgym:alfworld}
     */
    boolean supports(String name);

    /** Names this provider supports, for error messages and {@code --help}. */
    java.util.List<String> names();

    /**
     * Builds a suite.
     *
     * @param name    environment name
     * @param options environment options ({@code env.*} config keys without the prefix), values as strings
     * @throws EnvironmentException for bad options, naming the option
     */
    EnvironmentSuite create(String name, Map<String, String> options);
}
