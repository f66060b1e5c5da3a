package dev.untangle.config;

/**
 * Checkpointing.
 *
 * @param every save every this many RL iterations (0: only the final one)
 * @param keep  number of most recent iteration checkpoints kept
 */
public record CheckpointConfig(int every, int keep) {

    /** Checks the values. */
    public CheckpointConfig {
        if (every < 0) {
            throw new ConfigException("checkpoint.every", "must be >= 0, got " + every);
        }
        if (keep < 1) {
            throw new ConfigException("checkpoint.keep", "must be >= 1, got " + keep);
        }
    }

    /** Reads the {@code checkpoint} section. */
    public static CheckpointConfig read(ConfigTree t) {
        return new CheckpointConfig(
                t.getInt("checkpoint.every", 10),  // iterations between checkpoints
                t.getInt("checkpoint.keep", 2));   // most recent checkpoints kept
    }
}
