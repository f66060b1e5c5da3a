package dev.untangle.policy.hf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Tiny random checkpoints in Hugging Face's file format (config.json + safetensors), written by our writer. */
final class TinyCheckpoints {

    private TinyCheckpoints() {
    }

    /** A Llama-shaped config: grouped-query attention (4 heads, 2 kv heads), untied head, llama3 rope scaling. */
    static Map<String, Object> llama() {
        Map<String, Object> m = base("llama", "LlamaForCausalLM");
        m.put("num_key_value_heads", 2);
        m.put("tie_word_embeddings", false);
        m.put("rope_theta", 500000.0);
        m.put("rope_scaling", Map.of("rope_type", "llama3", "factor", 8.0, "low_freq_factor", 1.0,
                "high_freq_factor", 4.0, "original_max_position_embeddings", 16));
        m.put("torch_dtype", "bfloat16");
        return m;
    }

    /** A Qwen2-shaped config: q/k/v biases, tied embeddings, 1 kv head. */
    static Map<String, Object> qwen2() {
        Map<String, Object> m = base("qwen2", "Qwen2ForCausalLM");
        m.put("num_key_value_heads", 1);
        m.put("tie_word_embeddings", true);
        m.put("rope_theta", 1000000.0);
        m.put("use_sliding_window", false);
        m.put("torch_dtype", "float16");
        return m;
    }

    /** A Qwen3-shaped config: per-head q/k RMSNorm, head_dim 6 (not width / heads), linear rope scaling. */
    static Map<String, Object> qwen3() {
        Map<String, Object> m = base("qwen3", "Qwen3ForCausalLM");
        m.put("num_key_value_heads", 2);
        m.put("head_dim", 6);
        m.put("tie_word_embeddings", true);
        m.put("rope_scaling", Map.of("type", "linear", "factor", 2.0));
        m.put("torch_dtype", "float32");
        return m;
    }

    private static Map<String, Object> base(String type, String cls) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", java.util.List.of(cls));
        m.put("model_type", type);
        m.put("hidden_size", 16);
        m.put("intermediate_size", 24);
        m.put("num_hidden_layers", 2);
        m.put("num_attention_heads", 4);
        m.put("vocab_size", 37);
        m.put("rms_norm_eps", 1e-5);
        m.put("max_position_embeddings", 64);
        m.put("hidden_act", "silu");
        m.put("bos_token_id", 1);
        m.put("eos_token_id", 2);
        return m;
    }

    /** Writes {@code config} as {@code dir/config.json}. */
    static void writeConfig(Path dir, Map<String, Object> config) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(HfConfig.FILE),
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(config),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Random weights for every tensor of the config, already rounded to {@code dtype} (so the file holds them
     * exactly): gains 1 + N(0, 0.1^2), everything else N(0, 0.25^2).
     */
    static Map<String, float[]> randomWeights(HfConfig config, long seed, TensorDtype dtype) {
        Random rng = new Random(seed);
        Map<String, float[]> w = new LinkedHashMap<>();
        for (HfDecoder.Spec s : HfDecoder.specs(config)) {
            float[] v = new float[Math.toIntExact(s.shape().size())];
            boolean gain = s.name().endsWith("norm.weight");
            for (int i = 0; i < v.length; i++) {
                double x = gain ? 1 + 0.1 * rng.nextGaussian() : 0.25 * rng.nextGaussian();
                v[i] = dtype.round((float) x);
            }
            w.put(s.name(), v);
        }
        return w;
    }

    /**
     * Writes a whole checkpoint: config.json and the weights as {@code model.safetensors}, or as shards with an
     * index when {@code maxShardBytes} is smaller than the weights.
     *
     * @return the weights written (rounded to the dtype)
     */
    static Map<String, float[]> write(Path dir, Map<String, Object> configMap, long seed, TensorDtype dtype,
                                      long maxShardBytes) {
        writeConfig(dir, configMap);
        HfConfig config = HfConfig.load(dir);
        Map<String, float[]> w = randomWeights(config, seed, dtype);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (HfDecoder.Spec s : HfDecoder.specs(config)) {
            tensors.put(s.name(), new HostTensor(s.shape(), w.get(s.name())));
        }
        SafetensorsWriter.writeModel(dir, tensors, dtype, maxShardBytes);
        return w;
    }
}
