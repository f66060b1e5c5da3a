package dev.untangle.config;

/**
 * The built-in decoder-only transformer (the {@code model} section; the vocabulary size comes from the
 * tokenizer built on the environment's text).
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
 * @param initFrom      a saved policy (a checkpoint directory or its {@code policy/}) to start from instead of
 *                      a fresh model; SFT is then skipped. Empty for a fresh model
 */
public record ModelConfig(int layers, int width, int heads, int mlpWidth, int contextLength, double dropout,
                          String positions, double ropeTheta, boolean goalMatch, String initFrom) {

    /** Checks the values. */
    public ModelConfig {
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
                t.getString("model.init_from", ""));      // start from a saved policy (skips SFT)
    }
}
