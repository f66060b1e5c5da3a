/**
 * Reinforcement learning: rollout collection, step samples, advantage estimators and loss terms registered
 * by name, SFT cold start, the training loop and checkpoints. Uses {@code env} and {@code policy} only.
 */
package dev.untangle.rl;
