package dev.untangle.rl.loss;

/**
 * Tokens a loss term wants scored right after a sample's action, in the policy's own forward pass over
 * (prompt, action): with a causal model the action's log-probabilities are unchanged by what follows, so the
 * term's extra targets share the whole prefix (docs/ALGORITHMS.md "GCD prefix sharing").
 *
 * @param tokens  the suffix tokens (at least one); the term reads the log-probability of the last one
 * @param allowed {@code null}, or per suffix token the token ids its distribution is renormalised over (a
 *                {@code null} entry allows every token)
 */
public record ActionSuffix(int[] tokens, int[][] allowed) {

    /** Checks lengths. */
    public ActionSuffix {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("an action suffix needs at least one token");
        }
        if (allowed != null && allowed.length != tokens.length) {
            throw new IllegalArgumentException("allowed has " + allowed.length + " entries for " + tokens.length
                    + " suffix tokens");
        }
    }
}
