package dev.untangle.policy;

/**
 * How actions are decoded.
 *
 * @param constrained      {@code true}: decoding is restricted to the admissible commands by a prefix tree;
 *                         {@code false} ("free"): the model may write any words
 * @param greedy           take the most likely token instead of sampling
 * @param temperature      sampling temperature (ignored when greedy), {@code > 0}
 * @param maxActionTokens  the longest action in tokens, end-of-action token included
 */
public record Decoding(boolean constrained, boolean greedy, double temperature, int maxActionTokens) {
    /** Checks the values. */
    public Decoding {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (maxActionTokens < 1) {
            throw new IllegalArgumentException("maxActionTokens must be >= 1, got " + maxActionTokens);
        }
    }
}
