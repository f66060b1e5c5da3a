/**
 * Loss terms over [B, T] token arrays, registered by name in {@link dev.untangle.rl.loss.LossTerms}: the
 * PPO-clip surrogate, the KL penalty to a frozen reference (k1, k3), the entropy bonus; how a per-token loss
 * becomes a scalar ({@link dev.untangle.rl.loss.LossAggregation}); the optimiser (AdamW with warm-up) and
 * global gradient-norm clipping. Formulas: docs/ALGORITHMS.md.
 */
package dev.untangle.rl.loss;
