package dev.untangle.policy.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.policy.AtomicWrites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a complete local Hugging Face model directory with random weights: a Llama-shaped {@code config.json},
 * {@code model.safetensors}, a byte-level BPE {@code tokenizer.json} trained on a corpus ({@link BpeTrainer}),
 * {@code tokenizer_config.json} with a ChatML chat template, and {@code generation_config.json}. For tests, demos and
 * speed benchmarks; the model knows nothing.
 *
 * <p>The tokenizer's special tokens are {@code <|endoftext|>} (id 0: padding and {@code bos_token_id}),
 * {@code <|im_start|>} (1) and {@code <|im_end|>} (2: the end of a turn and of generation).
 *
 * <p>Weights: matrices N(0, 0.02²), RMSNorm gains 1, drawn in {@link HfDecoder#specs} order from one generator
 * seeded with the seed, so the same seed gives the same files.
 */
public final class RandomCheckpoint {

    /** The special tokens, in id order. */
    public static final List<String> SPECIAL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    /** The ChatML chat template (Qwen2's, without the default system message). */
    public static final String CHAT_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + "
            + "'\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ "
            + "'<|im_start|>assistant\\n' }}{% endif %}";

    /** The file of generation defaults. */
    public static final String GENERATION_CONFIG_FILE = "generation_config.json";

    private static final double STD = 0.02;

    private RandomCheckpoint() {
    }

    /**
     * Named model shapes (all Llama, tied embeddings).
     */
    public enum Preset {
        /** A tiny model: width 64, 2 layers, 4 heads (2 key/value heads); vocabulary = tokenizer rounded up to 64. */
        TINY("tiny", 64, 172, 2, 4, 2, 0, 2048, 10000.0, TensorDtype.F32),
        /**
         * SmolLM2-135M's shape: width 576, 30 layers, 9 heads (3 key/value heads), vocabulary 49152. The tokenizer is
         * still the small corpus BPE, so {@code vocab_size} is larger than the tokenizer: the rows past it are never
         * produced by encoding (as in many real checkpoints whose embedding is padded).
         */
        SMOLLM2_135M("smollm2-135m", 576, 1536, 30, 9, 3, 49152, 8192, 100000.0, TensorDtype.BF16),
        /**
         * Qwen2.5-0.5B's sizes in a Llama layout (no q/k/v biases): width 896, 24 layers, 14 heads (2 key/value
         * heads), MLP 4864, vocabulary 151936, 494M parameters; for memory and speed measurements at the size the
         * paper trains.
         */
        QWEN25_05B("qwen2.5-0.5b", 896, 4864, 24, 14, 2, 151936, 32768, 1000000.0, TensorDtype.BF16);

        private final String key;
        private final int hidden;
        private final int intermediate;
        private final int layers;
        private final int heads;
        private final int kvHeads;
        private final int vocab;
        private final int maxPositions;
        private final double ropeTheta;
        private final TensorDtype defaultDtype;

        Preset(String key, int hidden, int intermediate, int layers, int heads, int kvHeads, int vocab,
               int maxPositions, double ropeTheta, TensorDtype defaultDtype) {
            this.key = key;
            this.hidden = hidden;
            this.intermediate = intermediate;
            this.layers = layers;
            this.heads = heads;
            this.kvHeads = kvHeads;
            this.vocab = vocab;
            this.maxPositions = maxPositions;
            this.ropeTheta = ropeTheta;
            this.defaultDtype = defaultDtype;
        }

        /** The name used on the command line, for example {@code smollm2-135m}. */
        public String key() {
            return key;
        }

        /** The storage type used when the caller names none: float32 for tiny, bfloat16 for the larger shapes. */
        public TensorDtype defaultDtype() {
            return defaultDtype;
        }

        /**
         * The model's vocabulary size for a tokenizer of {@code tokenizerSize} tokens: the preset's fixed size, or
         * (tiny) the tokenizer size rounded up to a multiple of 64.
         *
         * @throws IllegalArgumentException when the tokenizer is larger than the fixed size
         */
        public int vocabSize(int tokenizerSize) {
            if (vocab == 0) {
                return (tokenizerSize + 63) / 64 * 64;
            }
            if (tokenizerSize > vocab) {
                throw new IllegalArgumentException("the tokenizer has " + tokenizerSize + " tokens, more than the "
                        + vocab + " of shape " + key);
            }
            return vocab;
        }

        /**
         * The preset of a name.
         *
         * @throws IllegalArgumentException naming the known presets
         */
        public static Preset of(String key) {
            for (Preset p : values()) {
                if (p.key.equals(key)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown shape '" + key + "'; known: "
                    + Arrays.stream(values()).map(Preset::key).toList());
        }
    }

    /**
     * What was written.
     *
     * @param dir           the model directory
     * @param files         the files written, in writing order
     * @param config        the model configuration
     * @param parameters    the number of weights
     * @param tokenizerSize the tokenizer's vocabulary (special tokens included)
     * @param dtype         the weights' storage type
     */
    public record Written(Path dir, List<Path> files, HfConfig config, long parameters, int tokenizerSize,
                          TensorDtype dtype) {

        /** Copies the file list. */
        public Written {
            files = List.copyOf(files);
        }
    }

    /**
     * Writes a model directory (created when absent; files of the same names are replaced, each atomically).
     *
     * @param dir            the model directory
     * @param preset         the shape
     * @param corpus         texts the tokenizer is trained on
     * @param tokenizerVocab the tokenizer's largest vocabulary (at least 259)
     * @param seed           the weights' seed
     * @param dtype          the weights' storage type
     * @return what was written
     * @throws IllegalArgumentException when the tokenizer vocabulary is too small for the byte symbols or larger
     *                                  than the preset's model vocabulary
     */
    public static Written write(Path dir, Preset preset, List<String> corpus, int tokenizerVocab, long seed,
                                TensorDtype dtype) {
        BpeTrainer.Result tokenizer = BpeTrainer.train(corpus, tokenizerVocab, SPECIAL_TOKENS);
        int vocab = preset.vocabSize(tokenizer.size());
        Map<String, Object> configMap = configMap(preset, vocab, dtype);
        HfConfig config;
        try {
            config = HfConfig.parse(dir.resolve(HfConfig.FILE), json(configMap));
        } catch (HfFormatException e) {
            throw new IllegalStateException("preset " + preset.key() + " makes an invalid config: " + e.getMessage(),
                    e);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        Random rng = new Random(seed);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        long parameters = 0;
        for (HfDecoder.Spec s : HfDecoder.specs(config)) {
            float[] v = new float[Math.toIntExact(s.shape().size())];
            if (s.name().endsWith("norm.weight")) {
                Arrays.fill(v, 1f);
            } else {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (STD * rng.nextGaussian());
                }
            }
            tensors.put(s.name(), new HostTensor(s.shape(), v));
            parameters += v.length;
        }
        Path weights = dir.resolve(SafetensorsReader.SINGLE_FILE);
        try {
            AtomicWrites.file(weights, tmp -> SafetensorsWriter.write(tmp, tensors, dtype));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + weights + ": " + e.getMessage(), e);
        }
        files.add(weights);
        tensors.clear();
        files.add(writeText(dir.resolve(HfTokenizer.FILE), tokenizer.toJson()));
        files.add(writeText(dir.resolve(HfTokenizer.CONFIG_FILE), json(tokenizerConfig(preset.maxPositions))));
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("bos_token_id", 0);
        generation.put("eos_token_id", 2);
        generation.put("pad_token_id", 0);
        files.add(writeText(dir.resolve(GENERATION_CONFIG_FILE), json(generation)));
        files.add(writeText(dir.resolve(HfConfig.FILE), json(configMap)));
        return new Written(dir, files, config, parameters, tokenizer.size(), dtype);
    }

    /** The {@code config.json} keys of a preset. */
    private static Map<String, Object> configMap(Preset p, int vocab, TensorDtype dtype) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", List.of(HfConfig.Architecture.LLAMA.className()));
        m.put("model_type", HfConfig.Architecture.LLAMA.modelType());
        m.put("hidden_act", "silu");
        m.put("hidden_size", p.hidden);
        m.put("intermediate_size", p.intermediate);
        m.put("num_hidden_layers", p.layers);
        m.put("num_attention_heads", p.heads);
        m.put("num_key_value_heads", p.kvHeads);
        m.put("head_dim", p.hidden / p.heads);
        m.put("vocab_size", vocab);
        m.put("rms_norm_eps", 1e-5);
        m.put("max_position_embeddings", p.maxPositions);
        m.put("rope_theta", p.ropeTheta);
        m.put("rope_scaling", null);
        m.put("tie_word_embeddings", true);
        m.put("attention_bias", false);
        m.put("attention_dropout", 0.0);
        m.put("mlp_bias", false);
        m.put("initializer_range", STD);
        m.put("use_cache", true);
        m.put("bos_token_id", 0);
        m.put("eos_token_id", 2);
        m.put("pad_token_id", 0);
        m.put("torch_dtype", dtype.torchName());
        return m;
    }

    /** The {@code tokenizer_config.json} keys: ChatML template, {@code <|im_end|>} ends a turn. */
    private static Map<String, Object> tokenizerConfig(int maxLength) {
        Map<String, Object> decoder = new LinkedHashMap<>();
        for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("content", SPECIAL_TOKENS.get(i));
            t.put("lstrip", false);
            t.put("normalized", false);
            t.put("rstrip", false);
            t.put("single_word", false);
            t.put("special", true);
            decoder.put(Integer.toString(i), t);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("add_bos_token", false);
        m.put("add_prefix_space", false);
        m.put("added_tokens_decoder", decoder);
        m.put("additional_special_tokens", List.of("<|im_start|>", "<|im_end|>"));
        m.put("bos_token", null);
        m.put("chat_template", CHAT_TEMPLATE);
        m.put("clean_up_tokenization_spaces", false);
        m.put("eos_token", "<|im_end|>");
        m.put("errors", "replace");
        m.put("model_max_length", maxLength);
        m.put("pad_token", "<|endoftext|>");
        m.put("split_special_tokens", false);
        m.put("tokenizer_class", "PreTrainedTokenizerFast");
        m.put("unk_token", null);
        return m;
    }

    /** Writes {@code text} (UTF-8) to {@code file} atomically. */
    static Path writeText(Path file, String text) {
        try {
            AtomicWrites.file(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String json(Map<String, Object> m) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode JSON: " + e.getMessage(), e);
        }
    }
}
