package dev.untangle.config;

/**
 * Everything a training run needs, resolved once from a {@link ConfigTree}.
 *
 * @param seed       the only seed of the run
 * @param env        environment
 * @param model      transformer shape
 * @param prompt     prompt contents
 * @param sft        cold start
 * @param rollout    episode collection
 * @param algorithm  estimator, losses and update schedule
 * @param optim      optimiser
 * @param eval       evaluation
 * @param checkpoint checkpointing
 * @param diagnostics gradient-coupling diagnostics during training
 * @param reward     what the RL estimators count as reward
 */
public record TrainConfig(long seed, EnvConfig env, ModelConfig model, PromptOptions prompt, SftConfig sft,
                          RolloutConfig rollout, AlgorithmConfig algorithm, OptimConfig optim, EvalConfig eval,
                          CheckpointConfig checkpoint, DiagnosticsConfig diagnostics, RewardConfig reward) {

    /**
     * Reads every section and rejects keys no section read.
     *
     * @throws ConfigException naming the first bad or unknown key
     */
    public static TrainConfig read(ConfigTree t) {
        TrainConfig c = new TrainConfig(
                t.getLong("seed", 1),
                EnvConfig.read(t),
                ModelConfig.read(t),
                PromptOptions.read(t),
                SftConfig.read(t),
                RolloutConfig.read(t),
                AlgorithmConfig.read(t),
                OptimConfig.read(t),
                EvalConfig.read(t),
                CheckpointConfig.read(t),
                DiagnosticsConfig.read(t),
                RewardConfig.read(t));
        t.rejectUnknown();
        return c;
    }

    /**
     * Whether {@code key} is a training key of this build: the schema is the set of keys {@link #read} asks for
     * (defaults included) when it reads an empty configuration, plus the sections it passes through whole
     * ({@code env.options.*}).
     */
    public static boolean isKey(String key) {
        ConfigTree t = ConfigTree.empty();
        read(t);
        return t.wasAskedFor(key);
    }
}
