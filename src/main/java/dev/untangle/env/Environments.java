package dev.untangle.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Looks environment suites up by name among the registered {@link EnvironmentProvider}s. */
public final class Environments {

    private Environments() {
    }

    /**
     * Builds the named environment suite.
     *
     * @param name    for example {@code household} or {@code agentgym:alfworld}
     * @param options provider-specific options
     * @throws EnvironmentException naming the known environments when none supports {@code name}
     */
    public static EnvironmentSuite create(String name, Map<String, String> options) {
        for (EnvironmentProvider p : providers()) {
            if (p.supports(name)) {
                return p.create(name, options);
            }
        }
        throw new EnvironmentException("unknown environment '" + name + "'; known: " + known());
    }

    /** All environment names that registered providers support. */
    public static List<String> known() {
        TreeSet<String> names = new TreeSet<>();
        for (EnvironmentProvider p : providers()) {
            names.addAll(p.names());
        }
        return new ArrayList<>(names);
    }

    private static List<EnvironmentProvider> providers() {
        List<EnvironmentProvider> list = new ArrayList<>();
        ServiceLoader.load(EnvironmentProvider.class, Environments.class.getClassLoader()).forEach(list::add);
        return list;
    }
}
