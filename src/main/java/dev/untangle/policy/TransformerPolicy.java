package dev.untangle.policy;

import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in policy: a word-level tokenizer, the {@link AgentPromptRenderer} and a decoder-only
 * transformer trained from scratch on DJL/PyTorch (docs/ALGORITHMS.md "Policy model", "Generation"); generation
 * and scoring come from {@link DecoderPolicy}.
 *
 * <p>Create one with {@link #create} (fresh, seeded weights) or {@link #load} (a saved checkpoint directory
 * holding {@code model.json}, {@code tokenizer.json} and {@code weights.bin}). Not thread-safe; generation
 * switches PyTorch gradient recording off on the calling thread for its duration.
 */
public final class TransformerPolicy extends DecoderPolicy {

    /** File of the model and prompt configuration inside a checkpoint directory. */
    public static final String MODEL_FILE = "model.json";
    /** File of the vocabulary inside a checkpoint directory. */
    public static final String TOKENIZER_FILE = "tokenizer.json";
    /** File of the weights inside a checkpoint directory. */
    public static final String WEIGHTS_FILE = "weights.bin";

    private static final String FORMAT = "untangle-transformer-policy";
    private static final int VERSION = 1;

    private final TransformerLm lm;
    private final WordTokenizer tokenizer;
    private final PromptConfig promptConfig;
    private final AgentPromptRenderer renderer;

    private TransformerPolicy(TransformerLm lm, WordTokenizer tokenizer, PromptConfig promptConfig) {
        super(checked(lm, tokenizer), tokenizer, new AgentPromptRenderer(tokenizer, promptConfig,
                lm.config().contextLength()), promptConfig.history(),
                lm.config().goalMatch() ? GoalMatch.of(tokenizer) : null,
                lm.config().goalCopy() ? GoalMatch.of(tokenizer) : null);
        this.lm = lm;
        this.tokenizer = tokenizer;
        this.promptConfig = promptConfig;
        this.renderer = (AgentPromptRenderer) super.renderer();
    }

    private static TransformerLm checked(TransformerLm lm, WordTokenizer tokenizer) {
        if (lm.config().vocabSize() != tokenizer.vocabSize()) {
            lm.close();
            throw new IllegalArgumentException("model vocabulary size " + lm.config().vocabSize()
                    + " differs from the tokenizer's " + tokenizer.vocabSize());
        }
        return lm;
    }

    /**
     * A policy with freshly initialised weights.
     *
     * @param model     the model shape; its vocabulary size must equal the tokenizer's (use
     *                  {@code TransformerConfig.builder().setVocabSize(tokenizer.vocabSize())})
     * @param prompt    the prompt format
     * @param tokenizer the frozen vocabulary
     * @param seed      weights are drawn from {@code new Random(seed)}: the same seed gives the same weights
     */
    public static TransformerPolicy create(TransformerConfig model, PromptConfig prompt, WordTokenizer tokenizer,
                                           long seed) {
        return new TransformerPolicy(TransformerLm.create(model, seed), tokenizer, prompt);
    }

    /**
     * Loads a policy saved with {@link #save}.
     *
     * @throws IllegalArgumentException naming the file when the directory is not a policy checkpoint
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static TransformerPolicy load(Path dir) {
        Path modelFile = dir.resolve(MODEL_FILE);
        Map<String, Object> doc;
        try {
            doc = new ObjectMapper().readValue(Files.readString(modelFile, StandardCharsets.UTF_8),
                    new TypeReference<Map<String, Object>>() { });
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + " is not a policy checkpoint (no " + MODEL_FILE + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelFile + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(doc.get("format")) || !Integer.valueOf(VERSION).equals(doc.get("version"))) {
            throw new IllegalArgumentException(modelFile + ": not a " + FORMAT + " version " + VERSION + " file");
        }
        TransformerConfig model;
        PromptConfig prompt;
        try {
            model = TransformerConfig.fromMap(section(doc, "model", modelFile));
            prompt = PromptConfig.fromMap(section(doc, "prompt", modelFile));
        } catch (dev.untangle.config.ConfigException e) {
            throw new IllegalArgumentException(modelFile + ": " + e.getMessage(), e);
        }
        WordTokenizer tok = WordTokenizer.load(dir.resolve(TOKENIZER_FILE));
        return new TransformerPolicy(TransformerLm.loadWeights(model, dir.resolve(WEIGHTS_FILE)), tok, prompt);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> doc, String key, Path file) {
        if (!(doc.get(key) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": missing section '" + key + "'");
        }
        return (Map<String, Object>) m;
    }

    /** The model shape. */
    public TransformerConfig modelConfig() {
        return lm.config();
    }

    /** The prompt format. */
    public PromptConfig promptConfig() {
        return promptConfig;
    }

    @Override
    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public AgentPromptRenderer renderer() {
        return renderer;
    }

    /** Dropout applies while gradients are recorded, when the model has any. */
    @Override
    protected boolean dropoutActive() {
        return lm.config().dropout() > 0 && JniUtils.isGradMode();
    }

    @Override
    TransformerLm lm() {
        return lm;
    }

    @Override
    public List<Parameter> parameters() {
        return lm.parameters();
    }

    @Override
    public TransformerPolicy copy() {
        return new TransformerPolicy(lm.copy(), tokenizer, promptConfig);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The files are written into a temporary sibling directory that is then renamed onto {@code dir}
     * (an existing {@code dir} is first renamed aside and deleted afterwards), so a reader never sees a
     * half-written checkpoint.
     */
    @Override
    public void save(Path dir) {
        AtomicWrites.directory(dir, "policy", tmp -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", FORMAT);
            doc.put("version", VERSION);
            doc.put("model", lm.config().toMap());
            doc.put("prompt", promptConfig.toMap());
            doc.put("parameters", parameterCount());
            Files.writeString(tmp.resolve(MODEL_FILE),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc),
                    StandardCharsets.UTF_8);
            tokenizer.save(tmp.resolve(TOKENIZER_FILE));
            lm.saveWeights(tmp.resolve(WEIGHTS_FILE));
        });
    }

    @Override
    public void close() {
        lm.close();
    }

    @Override
    public String toString() {
        return "TransformerPolicy[" + lm.config() + ", " + promptConfig + ", " + parameterCount() + " parameters]";
    }
}
