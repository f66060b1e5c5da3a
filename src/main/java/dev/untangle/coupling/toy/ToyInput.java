package dev.untangle.coupling.toy;

/**
 * How the {@link SharedMlpModel} encodes a (state, action) pair as its input vector (docs/ALGORITHMS.md,
 * "Toy model with one shared (state, action) representation").
 */
public enum ToyInput {
    /**
     * phi(s, a) = e_a (x) x_s: the state features placed in the action's block, no bias. Inputs of different
     * actions are orthogonal and &lt;phi(s, a), phi(s', a)&gt; = cos(x_s, x_s'), so rho alone sets how similar
     * two (state, action) inputs are. The default.
     */
    PRODUCT,
    /**
     * phi(s, a) = [x_s; e_a] plus a bias: every sample of an action shares the action's indicator column and the
     * bias, which couples same-action gradients even at rho = 0 (the earlier variant, kept for comparison).
     */
    CONCAT
}
