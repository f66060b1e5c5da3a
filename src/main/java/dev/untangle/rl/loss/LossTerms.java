package dev.untangle.rl.loss;

import dev.untangle.config.AlgorithmConfig;
import dev.untangle.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The registry of loss terms by name, in the order they are summed. Each factory reads the algorithm
 * configuration and returns the term when it is active (for example {@code kl} only when
 * {@code algorithm.kl_coef > 0}). To add a term (GCD), add one entry here.
 */
public final class LossTerms {

    private static final Map<String, Function<AlgorithmConfig, Optional<LossTerm>>> BY_NAME = ordered();

    private LossTerms() {
    }

    private static Map<String, Function<AlgorithmConfig, Optional<LossTerm>>> ordered() {
        Map<String, Function<AlgorithmConfig, Optional<LossTerm>>> m = new LinkedHashMap<>();
        m.put("ppo_clip", c -> Optional.of(new PpoClipSurrogate(c.clipLow(), c.clipHigh(), c.clipRatioC())));
        m.put("kl", c -> c.klCoef() > 0
                ? Optional.of(new KlPenalty(c.klCoef(), c.klEstimator()))
                : Optional.empty());
        m.put("entropy", c -> c.entropyCoef() > 0 ? Optional.of(new EntropyBonus(c.entropyCoef())) : Optional.empty());
        m.put("gcd", c -> c.gcd().enabled() ? Optional.of(new GcdLoss(c.gcd())) : Optional.empty());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every term active under {@code config}, in registry order. */
    public static List<LossTerm> active(AlgorithmConfig config) {
        List<LossTerm> out = new ArrayList<>();
        for (Function<AlgorithmConfig, Optional<LossTerm>> f : BY_NAME.values()) {
            f.apply(config).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The named term, whether or not the config activates it.
     *
     * @throws ConfigException listing the known names when {@code name} is not registered, or when the
     *                         config leaves the term inactive
     */
    public static LossTerm create(String name, AlgorithmConfig config) {
        Function<AlgorithmConfig, Optional<LossTerm>> f = BY_NAME.get(name);
        if (f == null) {
            throw new ConfigException("algorithm", "unknown loss term '" + name + "'; known: " + known());
        }
        return f.apply(config).orElseThrow(() -> new ConfigException("algorithm",
                "loss term '" + name + "' is inactive under this configuration (check its coefficient)"));
    }

    /** The registered names, sorted. */
    public static TreeSet<String> known() {
        return new TreeSet<>(BY_NAME.keySet());
    }
}
