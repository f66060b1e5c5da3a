package dev.untangle.config;

/**
 * Critic data for the SFT cold start (docs/ALGORITHMS.md "GCD cold start"): besides cloning the expert's
 * actions, SFT teaches the verdict, with the expert's actions labelled {@code good} and sampled non-expert
 * actions labelled {@code bad} when they make no progress. Keys {@code sft.critic_*}.
 *
 * @param enabled   {@code sft.critic_data}: add verdict examples to the demonstrations
 * @param negatives non-expert commands sampled per expert step (each kept only when it makes no progress)
 * @param oracle    the expert whose plan length from a state measures the distance to the goal
 * @param seed      seed of the negative sampling
 * @param tasks     {@code sft.critic_tasks}: critic examples come from the first this many SFT tasks (0: all of
 *                  them); in the {@code full} history mode every verdict example is a whole prompt of its own, so
 *                  critic data can cost several times the demonstrations it is added to
 */
public record CriticDataConfig(boolean enabled, int negatives, String oracle, long seed, int tasks) {

    /** Checks the values. */
    public CriticDataConfig {
        if (negatives < 1) {
            throw new ConfigException("sft.critic_negatives", "must be >= 1, got " + negatives);
        }
        if (tasks < 0) {
            throw new ConfigException("sft.critic_tasks", "must be >= 0 (0: every SFT task), got " + tasks);
        }
        if (oracle == null || oracle.isBlank()) {
            throw new ConfigException("sft.critic_oracle", "must name an expert of the environment");
        }
    }

    /**
     * Tasks with critic examples: {@link #tasks()} when set (at most the SFT tasks), else the SFT tasks.
     *
     * @param sftTasks {@code sft.tasks} (0: the whole split)
     */
    public int taskCount(int sftTasks) {
        if (tasks == 0) {
            return sftTasks;
        }
        return sftTasks == 0 ? tasks : Math.min(sftTasks, tasks);
    }

    /** Reads the keys. */
    public static CriticDataConfig read(ConfigTree t) {
        return new CriticDataConfig(
                t.getBoolean("sft.critic_data", false),   // verdict examples in SFT
                t.getInt("sft.critic_negatives", 2),      // sampled non-expert commands per step
                t.getString("sft.critic_oracle", "oracle"), // distance-to-goal expert
                t.getLong("sft.critic_seed", 1),          // negative sampling seed
                t.getInt("sft.critic_tasks", 0));         // tasks with critic examples (0: every SFT task)
    }
}
