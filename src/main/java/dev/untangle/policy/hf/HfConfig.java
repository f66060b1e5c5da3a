package dev.untangle.policy.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The architecture of a Hugging Face decoder, read from its {@code config.json}. Keys that Hugging Face's own
 * config classes give a default take that default when absent (named on each component); the others are required.
 *
 * @param architecture          Llama, Qwen2 or Qwen3 ("model_type")
 * @param hiddenSize            width D ("hidden_size", required)
 * @param intermediateSize      SwiGLU width F ("intermediate_size", required)
 * @param layers                decoder layers ("num_hidden_layers", required)
 * @param heads                 query heads H ("num_attention_heads", required)
 * @param kvHeads               key/value heads, dividing H ("num_key_value_heads", default H)
 * @param headDim               head width d_h ("head_dim", default D / H; Qwen3: 128)
 * @param rmsNormEps            RMSNorm epsilon ("rms_norm_eps", default 1e-6)
 * @param ropeTheta             rotary base ("rope_theta", default 10000)
 * @param ropeScaling           rotary scaling ("rope_scaling", default none)
 * @param vocabSize             vocabulary size V ("vocab_size", required)
 * @param tieWordEmbeddings     the output head is the embedding matrix ("tie_word_embeddings", default false)
 * @param torchDtype            the dtype the weights were saved in ("torch_dtype" or "dtype", default float32)
 * @param attentionBias         q/k/v projections have biases (Qwen2: always; Llama and Qwen3: "attention_bias",
 *                              default false)
 * @param outputBias            the attention output projection has a bias (Llama and Qwen3: "attention_bias";
 *                              Qwen2: never)
 * @param maxPositionEmbeddings the longest context ("max_position_embeddings", default 2048; Qwen2/3: 32768)
 * @param source                every key of the file as read (exported back with the trained weights); unmodifiable
 */
public record HfConfig(Architecture architecture, int hiddenSize, int intermediateSize, int layers, int heads,
                       int kvHeads, int headDim, double rmsNormEps, double ropeTheta, RopeScaling ropeScaling,
                       int vocabSize, boolean tieWordEmbeddings, String torchDtype, boolean attentionBias,
                       boolean outputBias, int maxPositionEmbeddings, Map<String, Object> source) {

    /** The file name of a model directory's configuration. */
    public static final String FILE = "config.json";

    /** The decoder families this package runs. */
    public enum Architecture {
        /** Llama 2/3.x, TinyLlama, SmolLM2 ({@code LlamaForCausalLM}). */
        LLAMA("llama", "LlamaForCausalLM", 2048),
        /** Qwen2 and Qwen2.5: q/k/v biases ({@code Qwen2ForCausalLM}). */
        QWEN2("qwen2", "Qwen2ForCausalLM", 32768),
        /** Qwen3: RMSNorm of each query and key head before the rotation ({@code Qwen3ForCausalLM}). */
        QWEN3("qwen3", "Qwen3ForCausalLM", 32768);

        private final String modelType;
        private final String className;
        private final int defaultMaxPositions;

        Architecture(String modelType, String className, int defaultMaxPositions) {
            this.modelType = modelType;
            this.className = className;
            this.defaultMaxPositions = defaultMaxPositions;
        }

        /** The {@code model_type} value. */
        public String modelType() {
            return modelType;
        }

        /** The {@code architectures} entry of Hugging Face's causal-LM class. */
        public String className() {
            return className;
        }

        /** Whether each query and key head is RMS-normalised before the rotation (Qwen3). */
        public boolean qkNorm() {
            return this == QWEN3;
        }

        static Architecture of(String modelType) {
            for (Architecture a : values()) {
                if (a.modelType.equals(modelType)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** Checks the sizes. */
    public HfConfig {
        if (hiddenSize < 1 || intermediateSize < 1 || layers < 1 || heads < 1 || kvHeads < 1 || vocabSize < 1
                || maxPositionEmbeddings < 1) {
            throw new IllegalArgumentException("sizes must be >= 1: hidden " + hiddenSize + ", intermediate "
                    + intermediateSize + ", layers " + layers + ", heads " + heads + ", kv heads " + kvHeads
                    + ", vocab " + vocabSize + ", positions " + maxPositionEmbeddings);
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + heads + " is not a multiple of "
                    + "num_key_value_heads " + kvHeads);
        }
        if (headDim < 2 || headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even and >= 2 for rotary embeddings, got "
                    + headDim);
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 0)) {
            throw new IllegalArgumentException("rms_norm_eps and rope_theta must be > 0, got " + rmsNormEps + ", "
                    + ropeTheta);
        }
        source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** Key/value heads per query head group: H / kvHeads. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /**
     * Reads {@code dir/config.json}.
     *
     * @throws HfFormatException naming the file and key when the file is missing, is not JSON, describes another
     *                           architecture or lacks a required key
     */
    public static HfConfig load(Path dir) {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HfFormatException(file, "", "missing: a Hugging Face model directory needs " + FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /**
     * Parses the text of a {@code config.json}.
     *
     * @param file the file the text came from (named in errors)
     * @param json its text
     * @throws HfFormatException naming the file and key
     */
    public static HfConfig parse(Path file, String json) {
        Map<String, Object> m;
        try {
            m = new ObjectMapper().readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new HfFormatException(file, "", "not a JSON object: " + e.getOriginalMessage());
        }
        Keys k = new Keys(file, m);
        String modelType = k.string("model_type", null);
        Architecture arch = Architecture.of(modelType);
        if (arch == null) {
            throw new HfFormatException(file, "model_type", "'" + modelType + "' is not supported; supported: "
                    + Arrays.stream(Architecture.values()).map(Architecture::modelType).toList());
        }
        String act = k.string("hidden_act", "silu");
        if (!act.equals("silu")) {
            throw new HfFormatException(file, "hidden_act", "'" + act + "' is not supported; supported: [silu]");
        }
        if (k.bool("mlp_bias", false)) {
            throw new HfFormatException(file, "mlp_bias", "MLP biases are not supported (true)");
        }
        if (k.bool("use_sliding_window", false)) {
            throw new HfFormatException(file, "use_sliding_window", "sliding-window attention is not supported "
                    + "(true)");
        }
        int hidden = k.integer("hidden_size", null);
        int heads = k.integer("num_attention_heads", null);
        boolean bias = k.bool("attention_bias", false);
        Map<String, Object> ropeParameters = k.map("rope_parameters");
        double theta = ropeParameters != null && ropeParameters.containsKey("rope_theta")
                ? new Keys(file, ropeParameters, "rope_parameters.").number("rope_theta", null)
                : k.number("rope_theta", 10000.0);
        RopeScaling scaling = ropeScaling(file, ropeParameters != null ? ropeParameters : k.map("rope_scaling"),
                ropeParameters != null ? "rope_parameters." : "rope_scaling.");
        String dtype = m.containsKey("torch_dtype") ? k.string("torch_dtype", "float32")
                : k.string("dtype", "float32");
        try {
            return new HfConfig(arch, hidden, k.integer("intermediate_size", null),
                    k.integer("num_hidden_layers", null), heads, k.integer("num_key_value_heads", heads),
                    k.integer("head_dim", arch == Architecture.QWEN3 ? 128 : hidden / Math.max(heads, 1)),
                    k.number("rms_norm_eps", 1e-6), theta, scaling, k.integer("vocab_size", null),
                    k.bool("tie_word_embeddings", false), dtype, arch == Architecture.QWEN2 || bias,
                    arch != Architecture.QWEN2 && bias,
                    k.integer("max_position_embeddings", arch.defaultMaxPositions), m);
        } catch (HfFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new HfFormatException(file, "", e.getMessage());
        }
    }

    private static RopeScaling ropeScaling(Path file, Map<String, Object> m, String prefix) {
        if (m == null) {
            return RopeScaling.NONE;
        }
        Keys k = new Keys(file, m, prefix);
        String typeKey = m.containsKey("rope_type") ? "rope_type" : "type";
        String type = k.string(typeKey, "default");
        try {
            return switch (type) {
                case "default" -> RopeScaling.NONE;
                case "linear" -> RopeScaling.linear(k.number("factor", null));
                case "llama3" -> RopeScaling.llama3(k.number("factor", null), k.number("low_freq_factor", null),
                        k.number("high_freq_factor", null), k.integer("original_max_position_embeddings", null));
                default -> throw new HfFormatException(file, prefix + typeKey, "'" + type + "' is not supported; "
                        + "supported: [default, linear, llama3]");
            };
        } catch (HfFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new HfFormatException(file, prefix.substring(0, prefix.length() - 1), e.getMessage());
        }
    }

    /**
     * The configuration as {@code config.json} keys: every key of {@link #source()}, with this record's values
     * written over them and {@code torch_dtype} set to {@code dtype} (how the exported weights are stored).
     *
     * @param dtype the Hugging Face dtype name of the written weights, for example {@code float32}
     */
    public Map<String, Object> toMap(String dtype) {
        Map<String, Object> m = new LinkedHashMap<>(source);
        m.put("architectures", List.of(architecture.className()));
        m.put("model_type", architecture.modelType());
        m.put("hidden_act", "silu");
        m.put("hidden_size", hiddenSize);
        m.put("intermediate_size", intermediateSize);
        m.put("num_hidden_layers", layers);
        m.put("num_attention_heads", heads);
        m.put("num_key_value_heads", kvHeads);
        m.put("head_dim", headDim);
        m.put("rms_norm_eps", rmsNormEps);
        m.put("vocab_size", vocabSize);
        m.put("tie_word_embeddings", tieWordEmbeddings);
        m.put("max_position_embeddings", maxPositionEmbeddings);
        if (architecture != Architecture.QWEN2) {
            m.put("attention_bias", attentionBias);
        }
        m.remove("dtype");
        m.put("torch_dtype", dtype);
        if (!m.containsKey("rope_parameters")) {
            m.put("rope_theta", ropeTheta);
            m.put("rope_scaling", switch (ropeScaling.type()) {
                case NONE -> null;
                case LINEAR -> Map.of("rope_type", "linear", "factor", ropeScaling.factor());
                case LLAMA3 -> Map.of("rope_type", "llama3", "factor", ropeScaling.factor(),
                        "low_freq_factor", ropeScaling.lowFreqFactor(),
                        "high_freq_factor", ropeScaling.highFreqFactor(),
                        "original_max_position_embeddings", ropeScaling.originalMaxPositions());
            });
        }
        return m;
    }

    /** The configuration as the text of a {@code config.json} (see {@link #toMap}). */
    public String toJson(String dtype) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toMap(dtype));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config.json: " + e.getMessage(), e);
        }
    }

    /** Typed reads of one JSON object's keys; every error names the file and the (prefixed) key. */
    private record Keys(Path file, Map<String, Object> m, String prefix) {

        Keys(Path file, Map<String, Object> m) {
            this(file, m, "");
        }

        private Object required(String key, Object fallback) {
            Object v = m.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw new HfFormatException(file, prefix + key, "missing (required)");
                }
                return fallback;
            }
            return v;
        }

        String string(String key, String fallback) {
            Object v = required(key, fallback);
            if (!(v instanceof String s)) {
                throw new HfFormatException(file, prefix + key, "must be a string, got " + v);
            }
            return s;
        }

        int integer(String key, Integer fallback) {
            Object v = required(key, fallback);
            if (!(v instanceof Integer i)) {
                throw new HfFormatException(file, prefix + key, "must be an integer, got " + v);
            }
            return i;
        }

        double number(String key, Double fallback) {
            Object v = required(key, fallback);
            if (!(v instanceof Number n)) {
                throw new HfFormatException(file, prefix + key, "must be a number, got " + v);
            }
            return n.doubleValue();
        }

        boolean bool(String key, boolean fallback) {
            Object v = required(key, fallback);
            if (!(v instanceof Boolean b)) {
                throw new HfFormatException(file, prefix + key, "must be true or false, got " + v);
            }
            return b;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            Object v = m.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Map<?, ?>)) {
                throw new HfFormatException(file, prefix + key, "must be an object, got " + v);
            }
            return (Map<String, Object>) v;
        }
    }
}
