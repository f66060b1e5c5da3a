package dev.untangle.rl;

import dev.untangle.policy.Policy;
import java.util.List;

/** Builds the package-private {@link TinyPolicy} for tests in other packages. */
public final class TinyPolicyAccess {

    private TinyPolicyAccess() {
    }

    /** A tiny policy over the tiny world's words with a seeded initialisation. */
    public static Policy create(long seed) {
        return new TinyPolicy(TinyWorld.WORDS, seed);
    }

    /** A tiny policy over the given words with a seeded initialisation. */
    public static Policy create(List<String> words, long seed) {
        return new TinyPolicy(words, seed);
    }
}
