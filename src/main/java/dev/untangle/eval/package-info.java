/**
 * Evaluation: plays a {@link dev.untangle.policy.Policy} on an environment split and reports success overall
 * and per task type, mean steps and the valid-action ratio, greedy or sampled. {@link
 * dev.untangle.eval.EpisodePlayer} is also the episode player of RL rollouts, so that training and
 * evaluation play episodes the same way. Uses {@code env} and {@code policy} only.
 */
package dev.untangle.eval;
