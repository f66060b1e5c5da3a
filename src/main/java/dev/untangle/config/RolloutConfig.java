package dev.untangle.config;

import java.util.Objects;

/**
 * How episodes are collected.
 *
 * @param groupSize       episodes per task group (G)
 * @param groups          task groups per iteration
 * @param maxSteps        step limit of an episode
 * @param decoding        {@code free} or {@code constrained}
 * @param temperature     sampling temperature
 * @param maxActionTokens longest action in tokens (end-of-action token included)
 * @param envThreads      threads stepping environments (1: in the calling thread)
 * @param maxFailedAttempts consecutive attempts at one iteration whose every episode failed in the environment
 *                        (a server down) before the run stops with an error; such an attempt trains nothing
 * @param filterGroups    dynamic sampling (DAPO): keep only task groups whose advantages are not all zero, drawing
 *                        further groups of new tasks until {@code groups} are kept
 * @param maxDraws        most draws of {@code groups} tasks per iteration under dynamic sampling, the first included;
 *                        the iteration trains on the groups kept when the bound is reached
 */
public record RolloutConfig(int groupSize, int groups, int maxSteps, DecodingMode decoding, double temperature,
                            int maxActionTokens, int envThreads, int maxFailedAttempts, boolean filterGroups,
                            int maxDraws) {

    /** How actions are decoded ({@code rollout.decoding}). */
    public enum DecodingMode implements ConfigChoice {
        /** Any token sequence. */
        FREE,
        /** Only admissible commands (prefix-tree masking). */
        CONSTRAINED
    }

    /** Checks the values. */
    public RolloutConfig {
        if (groupSize < 2) {
            throw new ConfigException("rollout.group_size",
                    "must be >= 2: a group of one has no baseline (got " + groupSize + ")");
        }
        if (groups < 1) {
            throw new ConfigException("rollout.groups", "must be >= 1, got " + groups);
        }
        if (maxSteps < 1) {
            throw new ConfigException("rollout.max_steps", "must be >= 1, got " + maxSteps);
        }
        Objects.requireNonNull(decoding, "decoding");
        if (!(temperature > 0)) {
            throw new ConfigException("rollout.temperature", "must be > 0, got " + temperature);
        }
        if (maxActionTokens < 1) {
            throw new ConfigException("rollout.max_action_tokens", "must be >= 1, got " + maxActionTokens);
        }
        if (envThreads < 1) {
            throw new ConfigException("rollout.env_threads", "must be >= 1, got " + envThreads);
        }
        if (maxFailedAttempts < 1) {
            throw new ConfigException("rollout.max_failed_attempts", "must be >= 1, got " + maxFailedAttempts);
        }
        if (maxDraws < 1) {
            throw new ConfigException("rollout.max_draws", "must be >= 1 (draws per iteration, the first included), "
                    + "got " + maxDraws);
        }
    }

    /** Episodes per iteration: {@code groups * groupSize}. */
    public int episodesPerIteration() {
        return groups * groupSize;
    }

    /** Reads the {@code rollout} section. */
    public static RolloutConfig read(ConfigTree t) {
        return new RolloutConfig(
                t.getInt("rollout.group_size", 8),                          // G episodes per task
                t.getInt("rollout.groups", 8),                              // task groups per iteration
                t.getInt("rollout.max_steps", 30),                          // episode step limit
                t.getEnum("rollout.decoding", DecodingMode.CONSTRAINED, DecodingMode.class), // free or constrained
                t.getDouble("rollout.temperature", 1.0),                    // sampling temperature
                t.getInt("rollout.max_action_tokens", 12),                  // longest action in tokens
                t.getInt("rollout.env_threads", 1),                         // env stepping threads
                t.getInt("rollout.max_failed_attempts", 3),                 // all-failed attempts before stopping
                t.getBoolean("rollout.filter_groups", false),               // dynamic sampling (DAPO)
                t.getInt("rollout.max_draws", 4));                          // draws per iteration when filtering
    }
}
