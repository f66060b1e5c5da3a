package dev.untangle.experiment;

import dev.untangle.config.ConfigException;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.rl.advantage.AdvantageEstimators;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A compared method: a name such as {@code grpo+gcd} and the configuration overrides that make it. The
 * first word names a registered advantage estimator ({@code algorithm.advantage}); the optional suffix
 * {@code +gcd} switches on the GCD loss ({@code algorithm.gcd.enabled=true}). Every method of an experiment
 * starts from the same SFT checkpoint and shares all other settings.
 *
 * @param name      the method's name, as in the report
 * @param overrides the {@code key=value} overrides applied on top of the experiment's configuration
 */
public record Method(String name, List<String> overrides) {

    /** The name of the shared cold start (a run directory of its own, not a method to choose). */
    public static final String SFT = "sft";
    /**
     * The name of the GCD arms' own cold start, SFT with critic data ({@code experiment.gcd_cold_start: critic};
     * directory {@code sft-critic}).
     */
    public static final String SFT_CRITIC = "sft+critic";
    /** The key that adds verdict examples to SFT. */
    public static final String CRITIC_DATA_KEY = "sft.critic_data";
    /** The configuration key that switches GCD on. */
    public static final String GCD_KEY = "algorithm.gcd.enabled";
    /** The key (and option) that lists the methods. */
    public static final String METHODS_KEY = "experiment.methods";
    /** The default comparison. */
    public static final List<String> DEFAULT = List.of("grpo", "grpo+gcd", "gigpo", "gigpo+gcd");

    /** Copies the overrides. */
    public Method {
        overrides = List.copyOf(overrides);
    }

    /** Whether the method trains with the GCD loss. */
    public boolean gcd() {
        return name.endsWith(ExperimentLayout.GCD_SUFFIX);
    }

    /**
     * Parses one method name.
     *
     * @throws ConfigException on key {@code experiment.methods} naming the method and the known estimators when it is not one
     */
    public static Method parse(String raw) {
        String name = raw.trim().toLowerCase(Locale.ROOT);
        String base = name;
        boolean gcd = false;
        if (name.endsWith(ExperimentLayout.GCD_SUFFIX)) {
            base = name.substring(0, name.length() - ExperimentLayout.GCD_SUFFIX.length());
            gcd = true;
        }
        Set<String> known = AdvantageEstimators.known();
        if (!known.contains(base)) {
            throw new ConfigException(METHODS_KEY, "unknown method '" + raw.trim() + "': expected an advantage estimator " + known
                    + " optionally followed by +gcd, for example grpo+gcd");
        }
        List<String> o = new ArrayList<>();
        o.add("algorithm.advantage=" + base);
        if (gcd) {
            o.add(GCD_KEY + "=true");
        }
        return new Method(name, o);
    }

    /**
     * Parses a list of names (duplicates dropped, order kept).
     *
     * @throws ConfigException when the list is empty or a name is unknown
     */
    public static List<Method> parseAll(List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        List<Method> out = new ArrayList<>();
        for (String n : names) {
            if (n.isBlank()) {
                continue;
            }
            Method m = parse(n);
            if (seen.add(m.name())) {
                out.add(m);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(METHODS_KEY, "no methods given: expected for example --methods grpo,grpo+gcd");
        }
        return out;
    }
}
