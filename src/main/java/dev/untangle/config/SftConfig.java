package dev.untangle.config;

/**
 * The supervised cold start: behaviour cloning on expert demonstrations.
 *
 * @param enabled   run SFT before RL
 * @param expert    expert name, for example {@code searcher}
 * @param tasks     number of training tasks to demonstrate (0: all of the split)
 * @param epochs    passes over the demonstrations
 * @param batchSize demonstration steps per optimiser step
 * @param lr        peak learning rate
 * @param lrSchedule {@code cosine} (after warm-up the rate follows a half cosine from {@code lr} down to
 *                  {@code lr / 10} at the last step) or {@code constant}
 * @param daggerRounds rounds of DAgger after behaviour cloning: the policy plays, the expert labels every state it
 *                  reached, the labelled steps join the data and training continues (0: plain behaviour cloning)
 * @param daggerTasks training tasks the policy plays per round (0: as many as {@code tasks})
 * @param daggerEpochs passes over the aggregated data after each round
 * @param critic    verdict examples for the GCD cold start ({@code sft.critic_*})
 * @param microBatchSize demonstration steps per forward/backward pass; a batch's gradient is accumulated over its
 *                  micro-batches, each weighted by its share of the batch's tokens, so the step equals one pass over
 *                  the whole batch while activation memory scales with the micro-batch (0: the whole batch at once)
 */
public record SftConfig(boolean enabled, String expert, int tasks, int epochs, int batchSize, double lr,
                        String lrSchedule, int daggerRounds, int daggerTasks, int daggerEpochs,
                        CriticDataConfig critic, int microBatchSize) {

    /** Checks the values. */
    public SftConfig {
        if (tasks < 0) {
            throw new ConfigException("sft.tasks", "must be >= 0 (0 means the whole split), got " + tasks);
        }
        if (epochs < 0) {
            throw new ConfigException("sft.epochs", "must be >= 0, got " + epochs);
        }
        if (batchSize < 1) {
            throw new ConfigException("sft.batch_size", "must be >= 1, got " + batchSize);
        }
        if (!(lr > 0)) {
            throw new ConfigException("sft.lr", "must be > 0, got " + lr);
        }
        if (!lrSchedule.equals("cosine") && !lrSchedule.equals("constant")) {
            throw new ConfigException("sft.lr_schedule", "must be cosine or constant, got " + lrSchedule);
        }
        if (daggerRounds < 0) {
            throw new ConfigException("sft.dagger_rounds", "must be >= 0, got " + daggerRounds);
        }
        if (daggerTasks < 0) {
            throw new ConfigException("sft.dagger_tasks", "must be >= 0 (0 means sft.tasks), got " + daggerTasks);
        }
        if (microBatchSize < 0) {
            throw new ConfigException("sft.micro_batch_size", "must be >= 0 (0 means the whole batch), got "
                    + microBatchSize);
        }
        if (daggerEpochs < 1) {
            throw new ConfigException("sft.dagger_epochs", "must be >= 1, got " + daggerEpochs);
        }
    }

    /** Reads the {@code sft} section. */
    public static SftConfig read(ConfigTree t) {
        return new SftConfig(
                t.getBoolean("sft.enabled", true),     // cold start before RL
                t.getString("sft.expert", "searcher"), // demonstrating expert
                t.getInt("sft.tasks", 0),              // demonstrated train tasks, 0 = all
                t.getInt("sft.epochs", 3),             // passes over the demonstrations
                t.getInt("sft.batch_size", 32),        // steps per optimiser step
                t.getDouble("sft.lr", 1e-3),           // peak learning rate
                t.getString("sft.lr_schedule", "constant"), // constant, or cosine decay to lr/10
                t.getInt("sft.dagger_rounds", 0),      // DAgger rounds after behaviour cloning
                t.getInt("sft.dagger_tasks", 0),       // tasks the policy plays per round, 0 = sft.tasks
                t.getInt("sft.dagger_epochs", 2),      // passes over the aggregate after each round
                CriticDataConfig.read(t),              // GCD critic data
                t.getInt("sft.micro_batch_size", 0));  // steps per forward/backward pass, 0 = the whole batch
    }
}
