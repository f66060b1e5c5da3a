package dev.untangle.policy;

import dev.untangle.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shape of the decoder-only transformer language model (docs/ALGORITHMS.md "Policy model").
 *
 * <p>Built with {@link #builder()}: {@code setVocabSize} is required, every {@code optX} has a default (the
 * default model: 4 layers, width 128, 4 heads, context 256, MLP width 4 x 128, no dropout, tied output head).
 *
 * @param vocabSize     number of token ids V
 * @param contextLength the longest sequence L the model reads (size of the position table)
 * @param layers        number of transformer blocks N
 * @param width         model width D
 * @param heads         attention heads H (D must be divisible by H; head width D/H)
 * @param mlpWidth      hidden width F of each block's MLP
 * @param dropout       dropout probability on attention weights and residual branches while gradients are
 *                      recorded (0 turns it off)
 * @param tiedHead      the output head reuses the token embedding matrix
 * @param layerNormEps  epsilon of every LayerNorm
 * @param positions     how the model knows where a token is: a learned table of absolute positions added to the
 *                      token embedding, or rotary embeddings applied to queries and keys (relative positions)
 * @param ropeTheta     base of the rotary frequencies (only with {@link Positions#ROPE})
 * @param goalMatch     add the goal-match embedding M[m(x)] to every token ({@link GoalMatch}; {@code model.goal_match})
 * @param goalCopy      add the goal-copy score z · C[k] to the logit of the goal word at goal slot k
 *                      ({@code model.goal_copy}; docs/ALGORITHMS.md "Goal copy")
 */
public record TransformerConfig(int vocabSize, int contextLength, int layers, int width, int heads, int mlpWidth,
                                double dropout, boolean tiedHead, double layerNormEps, Positions positions,
                                double ropeTheta, boolean goalMatch, boolean goalCopy) {

    /** The position encoding ({@code model.positions}; docs/ALGORITHMS.md "Policy model"). */
    public enum Positions {
        /** A learned [L, D] table of absolute positions added to the token embeddings (GPT-2). */
        LEARNED,
        /** Rotary position embeddings on every head's queries and keys (RoFormer): attention sees offsets. */
        ROPE;

        /** The config spelling, {@code learned} or {@code rope}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * Parses {@code learned} or {@code rope}.
         *
         * @throws ConfigException naming {@code model.positions} for any other value
         */
        public static Positions parse(String v) {
            for (Positions p : values()) {
                if (p.key().equals(v)) {
                    return p;
                }
            }
            throw new ConfigException("model.positions", "must be learned or rope, got " + v);
        }
    }

    /** Checks every value; the message names the config key ({@code model.*}). */
    public TransformerConfig {
        positive("model.vocab_size", vocabSize);
        positive("model.context_length", contextLength);
        positive("model.layers", layers);
        positive("model.width", width);
        positive("model.heads", heads);
        positive("model.mlp_width", mlpWidth);
        if (width % heads != 0) {
            throw new ConfigException("model.heads", "width " + width + " is not divisible by " + heads + " heads");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("model.dropout", "must be in [0, 1), got " + dropout);
        }
        if (!(layerNormEps > 0)) {
            throw new ConfigException("model.layer_norm_eps", "must be > 0, got " + layerNormEps);
        }
        if (positions == null) {
            throw new ConfigException("model.positions", "must be learned or rope");
        }
        if (!(ropeTheta > 1)) {
            throw new ConfigException("model.rope_theta", "must be > 1, got " + ropeTheta);
        }
        if (positions == Positions.ROPE && (width / heads) % 2 != 0) {
            throw new ConfigException("model.heads", "rotary positions need an even head width, got width "
                    + width + " / " + heads + " heads");
        }
    }

    private static void positive(String key, int v) {
        if (v < 1) {
            throw new ConfigException(key, "must be >= 1, got " + v);
        }
    }

    /** Width of one attention head, D / H. */
    public int headWidth() {
        return width / heads;
    }

    /** A builder with the default model's values. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with this configuration's values. */
    public Builder toBuilder() {
        return new Builder().setVocabSize(vocabSize).optContextLength(contextLength).optLayers(layers)
                .optWidth(width).optHeads(heads).optMlpWidth(mlpWidth).optDropout(dropout).optTiedHead(tiedHead)
                .optLayerNormEps(layerNormEps).optPositions(positions).optRopeTheta(ropeTheta)
                .optGoalMatch(goalMatch).optGoalCopy(goalCopy);
    }

    /** The values under their config-key names, in a stable order (written to {@code model.json}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vocab_size", vocabSize);
        m.put("context_length", contextLength);
        m.put("layers", layers);
        m.put("width", width);
        m.put("heads", heads);
        m.put("mlp_width", mlpWidth);
        m.put("dropout", dropout);
        m.put("tied_head", tiedHead);
        m.put("layer_norm_eps", layerNormEps);
        m.put("positions", positions.key());
        m.put("rope_theta", ropeTheta);
        m.put("goal_match", goalMatch);
        m.put("goal_copy", goalCopy);
        return m;
    }

    /**
     * Reads the values written by {@link #toMap()}; a map without {@code positions} (written before rotary
     * positions existed) means learned positions, one without {@code goal_match} or {@code goal_copy} means none.
     *
     * @throws ConfigException naming a missing or invalid key
     */
    public static TransformerConfig fromMap(Map<String, ?> m) {
        return new TransformerConfig(intValue(m, "vocab_size"), intValue(m, "context_length"),
                intValue(m, "layers"), intValue(m, "width"), intValue(m, "heads"), intValue(m, "mlp_width"),
                number(m, "dropout").doubleValue(), bool(m, "tied_head"), number(m, "layer_norm_eps").doubleValue(),
                m.containsKey("positions") ? Positions.parse(String.valueOf(m.get("positions"))) : Positions.LEARNED,
                m.containsKey("rope_theta") ? number(m, "rope_theta").doubleValue() : 10000.0,
                m.containsKey("goal_match") && bool(m, "goal_match"),
                m.containsKey("goal_copy") && bool(m, "goal_copy"));
    }

    private static Number number(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new ConfigException("model." + key, "missing or not a number: " + v);
        }
        return n;
    }

    private static int intValue(Map<String, ?> m, String key) {
        Number n = number(m, key);
        if (n.doubleValue() != n.intValue()) {
            throw new ConfigException("model." + key, "must be an integer, got " + n);
        }
        return n.intValue();
    }

    private static boolean bool(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Boolean b)) {
            throw new ConfigException("model." + key, "missing or not true/false: " + v);
        }
        return b;
    }

    /** Builds a {@link TransformerConfig}: {@code setVocabSize} is required, {@code optX} values default. */
    public static final class Builder {
        private int vocabSize = -1;
        private int contextLength = 256;
        private int layers = 4;
        private int width = 128;
        private int heads = 4;
        private int mlpWidth = -1;
        private double dropout;
        private boolean tiedHead = true;
        private double layerNormEps = 1e-5;
        private Positions positions = Positions.LEARNED;
        private double ropeTheta = 10000.0;
        private boolean goalMatch;
        private boolean goalCopy;

        private Builder() {
        }

        /** Sets the vocabulary size V (required; normally {@code tokenizer.vocabSize()}). */
        public Builder setVocabSize(int v) {
            this.vocabSize = v;
            return this;
        }

        /** Sets the context length L (default 256). */
        public Builder optContextLength(int v) {
            this.contextLength = v;
            return this;
        }

        /** Sets the number of blocks N (default 4). */
        public Builder optLayers(int v) {
            this.layers = v;
            return this;
        }

        /** Sets the width D (default 128). */
        public Builder optWidth(int v) {
            this.width = v;
            return this;
        }

        /** Sets the number of heads H (default 4). */
        public Builder optHeads(int v) {
            this.heads = v;
            return this;
        }

        /** Sets the MLP width F (default 4 D). */
        public Builder optMlpWidth(int v) {
            this.mlpWidth = v;
            return this;
        }

        /** Sets the dropout probability (default 0). */
        public Builder optDropout(double v) {
            this.dropout = v;
            return this;
        }

        /** Ties the output head to the token embedding (default true). */
        public Builder optTiedHead(boolean v) {
            this.tiedHead = v;
            return this;
        }

        /** Sets the LayerNorm epsilon (default 1e-5). */
        public Builder optLayerNormEps(double v) {
            this.layerNormEps = v;
            return this;
        }

        /** Sets the position encoding (default {@link Positions#LEARNED}). */
        public Builder optPositions(Positions v) {
            this.positions = v;
            return this;
        }

        /** Sets the rotary base theta (default 10000). */
        public Builder optRopeTheta(double v) {
            this.ropeTheta = v;
            return this;
        }

        /** Adds the goal-match embedding (default false). */
        public Builder optGoalMatch(boolean v) {
            this.goalMatch = v;
            return this;
        }

        /** Adds the goal-copy scores of the output layer (default false). */
        public Builder optGoalCopy(boolean v) {
            this.goalCopy = v;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws ConfigException when the vocabulary size was not set or a value is invalid
         */
        public TransformerConfig build() {
            if (vocabSize < 0) {
                throw new ConfigException("model.vocab_size", "not set (call setVocabSize with the tokenizer's size)");
            }
            return new TransformerConfig(vocabSize, contextLength, layers, width, heads,
                    mlpWidth < 0 ? 4 * width : mlpWidth, dropout, tiedHead, layerNormEps, positions, ropeTheta,
                    goalMatch, goalCopy);
        }
    }
}
