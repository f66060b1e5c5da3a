/**
 * The trajectory types that flow from rollout to the losses and diagnostics (docs/ARCHITECTURE.md "The
 * trajectory leaf"): what the rollout collected ({@link dev.untangle.rl.trajectory.CollectedStep},
 * {@link dev.untangle.rl.trajectory.Episode}, {@link dev.untangle.rl.trajectory.Rollouts}), what the
 * estimators computed ({@link dev.untangle.rl.trajectory.StepTargets}), the two joined
 * ({@link dev.untangle.rl.trajectory.StepSample}), and the reward both read
 * ({@link dev.untangle.rl.trajectory.RewardFunction}). A leaf: it uses nothing else of {@code rl}.
 */
package dev.untangle.rl.trajectory;
