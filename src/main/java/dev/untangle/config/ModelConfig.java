package dev.untangle.config;

/**
 * The built-in decoder-only transformer.
 *
 * @param layers  transformer blocks
 * @param dModel  width of the residual stream
 * @param heads   attention heads ({@code dModel} must be divisible by it)
 * @param context longest sequence in tokens (prompt plus action)
 * @param initFrom a saved policy directory to start from instead of a fresh model (SFT is then skipped);
 *                 empty for a fresh model
 */
public record ModelConfig(int layers, int dModel, int heads, int context, String initFrom) {

    /** Checks the values. */
    public ModelConfig {
        if (layers < 1) {
            throw new ConfigException("model.layers", "must be >= 1, got " + layers);
        }
        if (heads < 1 || dModel < heads || dModel % heads != 0) {
            throw new ConfigException("model.heads", "must be >= 1 and divide model.d_model=" + dModel
                    + ", got " + heads);
        }
        if (context < 16) {
            throw new ConfigException("model.context", "must be >= 16 tokens, got " + context);
        }
    }

    /** Reads the {@code model} section. */
    public static ModelConfig read(ConfigTree t) {
        return new ModelConfig(
                t.getInt("model.layers", 4),       // transformer blocks
                t.getInt("model.d_model", 128),    // residual width
                t.getInt("model.heads", 4),        // attention heads
                t.getInt("model.context", 512),    // longest sequence in tokens
                t.getString("model.init_from", "")); // start from a saved policy (skips SFT)
    }
}
