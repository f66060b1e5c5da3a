package dev.untangle.config;

import java.util.List;

/**
 * Evaluation during and after training.
 *
 * @param splits   splits to evaluate, for example {@code [L0, L1, L2]}
 * @param episodes tasks per split (the first ids of the split; 0: the whole split)
 * @param greedy   greedy decoding ({@code false}: sampled at the rollout temperature)
 * @param every    evaluate every this many RL iterations (0: only after SFT and at the end)
 * @param maxSteps step limit of an evaluation episode
 */
public record EvalConfig(List<String> splits, int episodes, boolean greedy, int every, int maxSteps) {

    /** Checks the values. */
    public EvalConfig {
        splits = List.copyOf(splits);
        if (episodes < 0) {
            throw new ConfigException("eval.episodes", "must be >= 0 (0 means the whole split), got " + episodes);
        }
        if (every < 0) {
            throw new ConfigException("eval.every", "must be >= 0, got " + every);
        }
        if (maxSteps < 1) {
            throw new ConfigException("eval.max_steps", "must be >= 1, got " + maxSteps);
        }
    }

    /** Reads the {@code eval} section. */
    public static EvalConfig read(ConfigTree t) {
        return new EvalConfig(
                t.getList("eval.splits", List.of("L0", "L1", "L2")), // evaluated splits
                t.getInt("eval.episodes", 100),                      // tasks per split, 0 = all
                t.getBoolean("eval.greedy", true),                   // greedy or sampled
                t.getInt("eval.every", 0),                           // RL iterations between evaluations
                t.getInt("eval.max_steps", 30));                     // episode step limit
    }
}
