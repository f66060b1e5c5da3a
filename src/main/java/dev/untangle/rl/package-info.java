/**
 * Reinforcement learning: rollout collection, SFT cold start and DAgger, the training loop and checkpoints, and
 * the model kinds registered by name ({@link dev.untangle.rl.ModelKinds}). The trajectory types live in the leaf
 * {@link dev.untangle.rl.trajectory}; advantage estimators in {@code rl.advantage}, loss terms in {@code rl.loss},
 * GCD's verdict machinery in {@code rl.gcd}, each registered by name where it is a choice. Uses {@code config},
 * {@code env}, {@code eval} and {@code policy} (docs/ARCHITECTURE.md).
 */
package dev.untangle.rl;
