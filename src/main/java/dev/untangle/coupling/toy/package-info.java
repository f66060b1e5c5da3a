/**
 * The coupled-bandit testbed (docs/ALGORITHMS.md, "Coupled-bandit testbed"): twin states whose features have
 * cosine rho and whose good and bad actions are swapped, softmax policies with a verdict head (a linear model
 * with the verdict tied to the policy logits, and a small ReLU MLP whose trunk both heads share), and a
 * trainer that runs GRPO or GCD while measuring the coupling index, the harmful coupling rate and the
 * representation separation at every update. Plain double arrays with exact hand-written gradients; seeded
 * and deterministic; a run takes about a second.
 */
package dev.untangle.coupling.toy;
