package dev.untangle.coupling.toy;

/** The training objective of the toy (docs/ALGORITHMS.md, "Toy objectives"). */
public enum ToyMethod {
    /** Policy gradient with group-relative advantages: L = L_pg. */
    GRPO,
    /** GRPO plus the verdict classification loss: L = L_pg + lambda L_gcd. */
    GCD
}
