package dev.untangle.config;

import java.util.List;
import java.util.Objects;

/**
 * The policy's network (the {@code model} section): the built-in decoder-only transformer ({@code kind: transformer},
 * its vocabulary built on the environment's text) or a pretrained Hugging Face decoder from a local directory
 * ({@code kind: hf}, docs/ALGORITHMS.md "Pretrained Hugging Face decoders"; the shape keys then do not apply).
 *
 * @param layers        transformer blocks
 * @param width         width of the residual stream
 * @param heads         attention heads ({@code width} must be divisible by it)
 * @param mlpWidth      hidden width of each block's MLP (0: 4 x width)
 * @param contextLength longest sequence in tokens (prompt plus action)
 * @param dropout       dropout while training (0: none)
 * @param positions     position encoding: {@code learned} (absolute table) or {@code rope} (rotary)
 * @param ropeTheta     base of the rotary frequencies
 * @param goalMatch     tag every token with its word's place in the goal and add a learned embedding of that tag
 *                      (docs/ALGORITHMS.md "Goal match")
 * @param goalCopy      add to the logit of every goal word a learned score of its place in the goal, so an action
 *                      can name a goal word the demonstrations never showed (docs/ALGORITHMS.md "Goal copy")
 * @param initFrom      a saved policy (a checkpoint directory or its {@code policy/}) to start from instead of
 *                      a fresh model; SFT is then skipped. Empty for a fresh model
 * @param kind          a model kind registered in {@code rl.ModelKinds}: {@code transformer} (built in, trained from
 *                      scratch) or {@code hf} (a pretrained decoder)
 * @param path          with {@code hf}: the local model directory (config.json, safetensors, tokenizer files)
 * @param tuning        with {@code hf}: {@code lora} (low-rank adapters, the default) or {@code full}
 * @param lora          with {@code hf} and {@code lora}: rank, alpha and target modules
 * @param instruction   with {@code hf}: the system message's instruction before the goal
 */
public record ModelConfig(int layers, int width, int heads, int mlpWidth, int contextLength, double dropout,
                          String positions, double ropeTheta, boolean goalMatch, boolean goalCopy, String initFrom,
                          String kind, String path, Tuning tuning, LoraOptions lora, String instruction) {

    /** Which weights of a pretrained decoder train ({@code model.tuning}). */
    public enum Tuning implements ConfigChoice {
        /** Low-rank adapters; the pretrained weights stay frozen. */
        LORA,
        /** Every weight. */
        FULL
    }

    /**
     * LoRA's settings ({@code model.lora.*}).
     *
     * @param rank    r
     * @param alpha   lora_alpha (the update is scaled by alpha / r)
     * @param targets the adapted linear modules of each layer
     */
    public record LoraOptions(int rank, double alpha, List<String> targets) {
        /** Checks the values. */
        public LoraOptions {
            if (rank < 1) {
                throw new ConfigException("model.lora.rank", "must be >= 1, got " + rank);
            }
            if (!(alpha > 0)) {
                throw new ConfigException("model.lora.alpha", "must be > 0, got " + alpha);
            }
            List<String> known = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
            if (targets.isEmpty() || !known.containsAll(targets)) {
                throw new ConfigException("model.lora.targets", "must name modules among " + known + ", got "
                        + targets);
            }
            targets = List.copyOf(targets);
        }
    }

    /** Checks the values. */
    public ModelConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tuning, "tuning");
        if (kind.equals("hf") && path.isBlank()) {
            throw new ConfigException("model.path", "model.kind=hf needs the local Hugging Face model directory "
                    + "(config.json, model.safetensors, tokenizer.json, tokenizer_config.json)");
        }
        if (layers < 1) {
            throw new ConfigException("model.layers", "must be >= 1, got " + layers);
        }
        if (width < 1) {
            throw new ConfigException("model.width", "must be >= 1, got " + width);
        }
        if (heads < 1 || width % heads != 0) {
            throw new ConfigException("model.heads", "must be >= 1 and divide model.width=" + width + ", got " + heads);
        }
        if (mlpWidth < 0) {
            throw new ConfigException("model.mlp_width", "must be >= 0 (0 means 4 x width), got " + mlpWidth);
        }
        if (contextLength < 16) {
            throw new ConfigException("model.context_length", "must be >= 16 tokens, got " + contextLength);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("model.dropout", "must be in [0, 1), got " + dropout);
        }
        if (!positions.equals("learned") && !positions.equals("rope")) {
            throw new ConfigException("model.positions", "must be learned or rope, got " + positions);
        }
        if (positions.equals("rope") && (width / heads) % 2 != 0) {
            throw new ConfigException("model.heads", "rotary positions need an even head width, got model.width="
                    + width + " / " + heads + " heads");
        }
        if (!(ropeTheta > 1)) {
            throw new ConfigException("model.rope_theta", "must be > 1, got " + ropeTheta);
        }
    }

    /** The default system instruction of a Hugging Face policy. */
    public static final String DEFAULT_INSTRUCTION = "You are an agent in a text-based world. Each turn you see an "
            + "observation; reply with exactly one command that moves you towards the task, and nothing else.";

    /** Reads the {@code model} section. */
    public static ModelConfig read(ConfigTree t) {
        return new ModelConfig(
                t.getInt("model.layers", 4),              // transformer blocks
                t.getInt("model.width", 128),             // residual width
                t.getInt("model.heads", 4),               // attention heads
                t.getInt("model.mlp_width", 0),           // MLP width, 0 = 4 x width
                t.getInt("model.context_length", 256),    // longest sequence in tokens
                t.getDouble("model.dropout", 0.0),        // dropout while training
                t.getString("model.positions", "learned"), // learned absolute table or rope (rotary)
                t.getDouble("model.rope_theta", 10000.0), // rotary base
                t.getBoolean("model.goal_match", false),  // goal-match embedding of every token
                t.getBoolean("model.goal_copy", false),   // goal-copy scores of goal words in the output layer
                t.getString("model.init_from", ""),       // start from a saved policy (skips SFT)
                t.getString("model.kind", "transformer"), // registered model kind (rl.ModelKinds): transformer, hf
                t.getString("model.path", ""),            // hf: the local model directory
                t.getEnum("model.tuning", Tuning.LORA, Tuning.class), // hf: adapters or every weight
                new LoraOptions(t.getInt("model.lora.rank", 8), t.getDouble("model.lora.alpha", 16.0),
                        t.getList("model.lora.targets", List.of("q_proj", "k_proj", "v_proj", "o_proj"))),
                t.getString("model.instruction", DEFAULT_INSTRUCTION)); // hf: the system message before the goal
    }
}
