package dev.untangle.policy.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.config.ConfigException;
import dev.untangle.policy.AtomicWrites;
import dev.untangle.policy.DecoderPolicy;
import dev.untangle.policy.KvCache;
import dev.untangle.policy.LanguageModel;
import dev.untangle.policy.PromptConfig;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pretrained Hugging Face decoder (Llama, Qwen2, Qwen3; {@link HfDecoder}) as the agent policy: the model's own
 * subword tokenizer ({@link ChatTokenizer}), its chat template ({@link ChatPromptRenderer}), LoRA adapters or full
 * fine-tuning ({@link Tuning}). Generation, constrained decoding over the commands' token ids, the rollout
 * sessions of both history modes and scoring come from {@link DecoderPolicy}, exactly as for the built-in
 * transformer, so {@code rl} trains it without knowing which model it is.
 *
 * <p>Checkpoints ({@link #save}) hold {@value #POLICY_FILE} (the base model directory, tuning, prompt and context
 * length) and the trained weights: with LoRA the adapter alone in PEFT's layout ({@code adapter/}, read against the
 * base directory, which must stay where it is; the reference view, adapters off, saves an all-zero adapter), with
 * full fine-tuning the whole model in Hugging Face's layout ({@code model/}, tokenizer files included). A policy
 * saved and loaded again saves the same bytes (the LoRA seed is kept), so a resumed run's checkpoints equal an
 * uninterrupted run's. {@link #exportMerged} writes a standalone Hugging Face model.
 * Not thread-safe.
 */
public final class HfPolicy extends DecoderPolicy {

    /** The file that marks a saved Hugging Face policy. */
    public static final String POLICY_FILE = "hf_policy.json";
    /** The directory of the LoRA adapter inside a saved policy. */
    public static final String ADAPTER_DIR = "adapter";
    /** The directory of the fully fine-tuned model inside a saved policy. */
    public static final String MODEL_DIR = "model";

    private static final String FORMAT = "untangle-hf-policy";
    private static final int VERSION = 1;

    /**
     * What a policy is made of besides its weights.
     *
     * @param baseDir       the pretrained model directory (config, tokenizer; the base weights under LoRA)
     * @param tuning        what trains
     * @param prompt        prompt options
     * @param contextLength the longest sequence the policy reads (at most the model's max_position_embeddings)
     * @param instruction   the system message's instruction
     */
    public record Options(Path baseDir, Tuning tuning, PromptConfig prompt, int contextLength, String instruction) {
        /** Checks the values. */
        public Options {
            baseDir = baseDir.toAbsolutePath().normalize();
            if (contextLength < 16) {
                throw new ConfigException("model.context_length", "must be >= 16 tokens, got " + contextLength);
            }
        }
    }

    private final HfDecoder decoder;
    private final HfTokenizer hfTokenizer;
    private final Options options;
    private final boolean adapters;
    private final boolean owns;
    private final ChatPromptRenderer chatRenderer;

    private HfPolicy(HfDecoder decoder, HfTokenizer tokenizer, Options options, boolean adapters, boolean owns,
                     ChatPromptRenderer renderer) {
        super(new Network(decoder, adapters, checkedLength(decoder, options)), renderer.tokenizer(), renderer,
                options.prompt().history(), null, null);
        this.decoder = decoder;
        this.hfTokenizer = tokenizer;
        this.options = options;
        this.adapters = adapters;
        this.owns = owns;
        this.chatRenderer = renderer;
    }

    /** A policy over {@code decoder}, its prompts rendered by the tokenizer's chat template. */
    private static HfPolicy of(HfDecoder decoder, HfTokenizer tokenizer, Options options, boolean adapters,
                               boolean owns) {
        return new HfPolicy(decoder, tokenizer, options, adapters, owns, ChatPromptRenderer.create(tokenizer,
                decoder.config().vocabSize(), options.prompt(), options.instruction(), options.contextLength()));
    }

    private static int checkedLength(HfDecoder decoder, Options options) {
        int max = decoder.config().maxPositionEmbeddings();
        if (options.contextLength() > max) {
            throw new ConfigException("model.context_length", options.contextLength() + " exceeds the model's "
                    + "max_position_embeddings " + max + " (" + options.baseDir().resolve(HfConfig.FILE) + ")");
        }
        return options.contextLength();
    }

    /**
     * A policy over a local Hugging Face model directory, with fresh adapters under LoRA.
     *
     * @throws HfFormatException naming the file and key when the directory is incomplete or unsupported
     */
    public static HfPolicy load(Options options) {
        HfTokenizer tokenizer = HfTokenizer.load(options.baseDir());
        try {
            ChatTemplate.of(tokenizer); // a missing or broken template fails before the weights are read
            HfDecoder decoder = HfDecoder.load(options.baseDir(), options.tuning());
            return build(decoder, tokenizer, options, true);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static HfPolicy build(HfDecoder decoder, HfTokenizer tokenizer, Options options, boolean adapters) {
        try {
            return of(decoder, tokenizer, options, adapters, true);
        } catch (RuntimeException e) {
            decoder.close();
            throw e;
        }
    }

    /** Whether {@code dir} holds a policy saved by {@link #save}. */
    public static boolean isSaved(Path dir) {
        return Files.isRegularFile(dir.resolve(POLICY_FILE));
    }

    /**
     * Loads a policy saved with {@link #save}.
     *
     * @throws IllegalArgumentException naming the file when it is not a saved Hugging Face policy
     */
    public static HfPolicy loadSaved(Path dir) {
        Path file = dir.resolve(POLICY_FILE);
        Map<String, Object> doc = SafetensorsReader.readJson(file);
        if (!FORMAT.equals(doc.get("format")) || !Integer.valueOf(VERSION).equals(doc.get("version"))) {
            throw new IllegalArgumentException(file + ": not a " + FORMAT + " version " + VERSION + " file");
        }
        Options options;
        Tuning tuning;
        try {
            tuning = tuningFromMap(file, doc.get("tuning"));
            @SuppressWarnings("unchecked")
            Map<String, Object> prompt = (Map<String, Object>) doc.get("prompt");
            options = new Options(Path.of(String.valueOf(doc.get("base"))), tuning, PromptConfig.fromMap(prompt),
                    ((Number) doc.get("context_length")).intValue(), String.valueOf(doc.get("instruction")));
        } catch (ClassCastException | NullPointerException | ConfigException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        boolean adaptersOn = !Boolean.FALSE.equals(doc.get("adapters"));
        Path tokenizerDir = tuning instanceof Tuning.Lora ? options.baseDir() : dir.resolve(MODEL_DIR);
        HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
        try {
            HfDecoder decoder = tuning instanceof Tuning.Lora lora
                    ? PeftAdapter.load(options.baseDir(), dir.resolve(ADAPTER_DIR), lora.seed())
                    : HfDecoder.load(dir.resolve(MODEL_DIR), tuning);
            return build(decoder, tokenizer, options, adaptersOn);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static Tuning tuningFromMap(Path file, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": missing section 'tuning'");
        }
        if ("full".equals(m.get("kind"))) {
            return Tuning.full();
        }
        List<String> targets = new ArrayList<>();
        for (Object t : (List<?>) m.get("target_modules")) {
            targets.add(String.valueOf(t));
        }
        return Tuning.lora(((Number) m.get("rank")).intValue(), ((Number) m.get("alpha")).doubleValue(), targets,
                ((Number) m.get("seed")).longValue());
    }

    private static Map<String, Object> tuningToMap(Tuning tuning) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (tuning instanceof Tuning.Lora l) {
            m.put("kind", "lora");
            m.put("rank", l.rank());
            m.put("alpha", l.alpha());
            m.put("target_modules", l.targetModules());
            m.put("seed", l.seed());
        } else {
            m.put("kind", "full");
        }
        return m;
    }

    /** The decoder. */
    public HfDecoder decoder() {
        return decoder;
    }

    /** The options the policy was made with. */
    public Options options() {
        return options;
    }

    /** Whether the LoRA adapters are applied (false for the reference view). */
    public boolean adaptersOn() {
        return adapters;
    }

    @Override
    public ChatTokenizer tokenizer() {
        return chatRenderer.tokenizer();
    }

    @Override
    public ChatPromptRenderer renderer() {
        return chatRenderer;
    }

    @Override
    public List<Parameter> parameters() {
        return decoder.parameters();
    }

    /** A deep copy: its own weights, adapters and tokenizer. */
    @Override
    public HfPolicy copy() {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : decoder.weights().entrySet()) {
            values.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        Map<String, float[]> adapterValues = new LinkedHashMap<>();
        for (Map.Entry<String, HfDecoder.LoraPair> e : decoder.adapters().entrySet()) {
            adapterValues.put(e.getKey() + ".lora_A.weight", e.getValue().a().getArray().toFloatArray());
            adapterValues.put(e.getKey() + ".lora_B.weight", e.getValue().b().getArray().toFloatArray());
        }
        HfDecoder twin = HfDecoder.create(decoder.config(), values, decoder.tuning(), adapterValues);
        HfTokenizer tok = HfTokenizer.load(tokenizerDir());
        return of(twin, tok, options, adapters, true);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Under LoRA: a view of this policy's weights with the adapters off (the pretrained model), holding no copy;
     * it stays valid while this policy is open. Under full fine-tuning: a {@link #copy()}.
     */
    /** Under LoRA: the adapters-off view is the pretrained model at any point of training. */
    @Override
    public boolean referenceIsFixed() {
        return decoder.tuning() instanceof Tuning.Lora;
    }

    /** Whether this policy is the adapters-off view of {@code other}'s weights (no copy of its own). */
    public boolean isReferenceViewOf(HfPolicy other) {
        return decoder == other.decoder && !adapters && other.adapters;
    }

    @Override
    public HfPolicy reference() {
        if (decoder.tuning() instanceof Tuning.Lora) {
            return new HfPolicy(decoder, hfTokenizer, options, false, false, chatRenderer);
        }
        return copy();
    }

    private Path tokenizerDir() {
        return hfTokenizer.file().getParent();
    }

    @Override
    public void save(Path dir) {
        AtomicWrites.directory(dir, "policy", tmp -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", FORMAT);
            doc.put("version", VERSION);
            doc.put("base", options.baseDir().toString());
            doc.put("architecture", decoder.config().architecture().modelType());
            doc.put("tuning", tuningToMap(decoder.tuning()));
            doc.put("adapters", adapters);
            doc.put("prompt", options.prompt().toMap());
            doc.put("context_length", options.contextLength());
            doc.put("instruction", options.instruction());
            doc.put("parameters", parameterCount());
            Files.writeString(tmp.resolve(POLICY_FILE),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc),
                    StandardCharsets.UTF_8);
            if (decoder.tuning() instanceof Tuning.Lora && !adapters) {
                // the pretrained model: the adapters it shares with the policy are off, so a no-op adapter is saved
                // (the same bytes whatever the policy's training, and whether this is a view or a resumed copy)
                PeftAdapter.saveZero(decoder, tmp.resolve(ADAPTER_DIR), options.baseDir().toString());
            } else if (decoder.tuning() instanceof Tuning.Lora) {
                PeftAdapter.save(decoder, tmp.resolve(ADAPTER_DIR), options.baseDir().toString());
            } else {
                HfExport.saveMerged(decoder, tmp.resolve(MODEL_DIR), TensorDtype.F32, tokenizerDir());
            }
        });
    }

    /**
     * Writes a standalone Hugging Face model: the weights with the adapters merged in, {@code config.json} and the
     * tokenizer files; with {@code adapterDir} also the LoRA adapter alone in PEFT's layout.
     *
     * @param dir        the output directory (replaced atomically)
     * @param dtype      how the weights are stored
     * @param adapterDir where to write the PEFT adapter, or {@code null}
     * @throws UncheckedIOException when writing fails
     */
    public void exportMerged(Path dir, TensorDtype dtype, Path adapterDir) {
        AtomicWrites.directory(dir, "the merged model", tmp -> HfExport.saveMerged(decoder, tmp, dtype,
                tokenizerDir()));
        if (adapterDir != null) {
            AtomicWrites.directory(adapterDir, "the adapter", tmp -> PeftAdapter.save(decoder, tmp,
                    options.baseDir().toString()));
        }
    }

    @Override
    public void close() {
        if (owns) {
            decoder.close();
            hfTokenizer.close();
        }
    }

    @Override
    public String toString() {
        return "HfPolicy[" + decoder + (adapters ? "" : ", adapters off") + ", " + options.prompt() + ", "
                + parameterCount() + " trainable parameters]";
    }

    /** The decoder seen as a {@link LanguageModel}, with the adapters on or off. */
    private record Network(HfDecoder decoder, boolean adapters, int contextLength) implements LanguageModel {

        @Override
        public int vocabSize() {
            return decoder.config().vocabSize();
        }

        @Override
        public int width() {
            return decoder.config().hiddenSize();
        }

        @Override
        public NDManager manager() {
            return decoder.manager();
        }

        @Override
        public KvCache newCache(NDManager scope, int batch, int capacity) {
            return decoder.newCache(scope, batch, capacity);
        }

        @Override
        public NDArray forward(NDArray ids, NDArray positions, NDArray match, NDArray mask, KvCache cache,
                               boolean train) {
            return decoder.forward(ids, positions, mask, cache, adapters);
        }

        @Override
        public NDArray logits(NDArray hidden) {
            return decoder.logits(hidden);
        }
    }
}
