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
 */
public record CriticDataConfig(boolean enabled, int negatives, String oracle, long seed) {

    /** Checks the values. */
    public CriticDataConfig {
        if (negatives < 1) {
            throw new ConfigException("sft.critic_negatives", "must be >= 1, got " + negatives);
        }
        if (oracle == null || oracle.isBlank()) {
            throw new ConfigException("sft.critic_oracle", "must name an expert of the environment");
        }
    }

    /** Reads the keys. */
    public static CriticDataConfig read(ConfigTree t) {
        return new CriticDataConfig(
                t.getBoolean("sft.critic_data", false),   // verdict examples in SFT
                t.getInt("sft.critic_negatives", 2),      // sampled non-expert commands per step
                t.getString("sft.critic_oracle", "oracle"), // distance-to-goal expert
                t.getLong("sft.critic_seed", 1));         // negative sampling seed
    }
}
