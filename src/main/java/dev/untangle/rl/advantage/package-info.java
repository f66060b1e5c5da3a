/**
 * Advantage estimators: pure functions from a batch of episodes to per-step advantages, registered by name
 * in {@link dev.untangle.rl.advantage.AdvantageEstimators} ({@code grpo}, {@code gigpo}). Formulas:
 * docs/ALGORITHMS.md.
 */
package dev.untangle.rl.advantage;
