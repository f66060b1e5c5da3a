package dev.untangle.policy.hf;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model directory's own subword tokenizer, run by Hugging Face's {@code tokenizers} library (through DJL's JNI
 * binding, whose natives ship inside its jar and load offline), with what {@code tokenizer_config.json} says about
 * chat formatting: the chat template (a Jinja string, also read from {@code chat_template.jinja}) and the special
 * tokens. Encoding adds no special tokens: prompts are rendered with the template, which writes them itself.
 */
public final class HfTokenizer implements AutoCloseable {

    /** The tokenizer file of a model directory. */
    public static final String FILE = "tokenizer.json";
    /** The tokenizer configuration file of a model directory. */
    public static final String CONFIG_FILE = "tokenizer_config.json";
    /** Where newer {@code transformers} versions save the chat template instead of {@link #CONFIG_FILE}. */
    public static final String TEMPLATE_FILE = "chat_template.jinja";

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final Path configFile;
    private final String chatTemplate;
    private final Path chatTemplateFile;
    private final String bosToken;
    private final String eosToken;
    private final String padToken;
    private final String unkToken;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Path file, Path configFile, String chatTemplate,
                        Path chatTemplateFile, String bosToken, String eosToken, String padToken, String unkToken) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.configFile = configFile;
        this.chatTemplate = chatTemplate;
        this.chatTemplateFile = chatTemplateFile;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.padToken = padToken;
        this.unkToken = unkToken;
    }

    /**
     * Loads {@code dir/tokenizer.json} and {@code dir/tokenizer_config.json}.
     *
     * @throws HfFormatException naming the file (and key) when a file is missing or a value has the wrong type
     */
    public static HfTokenizer load(Path dir) {
        Path file = dir.resolve(FILE);
        Path configFile = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new HfFormatException(file, "", "missing: the model directory needs Hugging Face's " + FILE);
        }
        if (!Files.isRegularFile(configFile)) {
            throw new HfFormatException(configFile, "", "missing: the model directory needs " + CONFIG_FILE);
        }
        Map<String, Object> config = SafetensorsReader.readJson(configFile);
        String template = template(configFile, config.get("chat_template"));
        Path templateFile = dir.resolve(TEMPLATE_FILE);
        Path templateFrom = configFile;
        if (template == null && Files.isRegularFile(templateFile)) {
            try {
                template = Files.readString(templateFile, StandardCharsets.UTF_8);
                templateFrom = templateFile;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + templateFile + ": " + e.getMessage(), e);
            }
        }
        String bos = token(configFile, config, "bos_token");
        String eos = token(configFile, config, "eos_token");
        String pad = token(configFile, config, "pad_token");
        String unk = token(configFile, config, "unk_token");
        HuggingFaceTokenizer tok;
        try {
            tok = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false", "truncation", "false",
                    "padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new HfFormatException(file, "", "the tokenizers library cannot load it: " + e.getMessage());
        }
        return new HfTokenizer(tok, file, configFile, template, templateFrom, bos, eos, pad, unk);
    }

    private static String template(Path file, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof List<?> named) {
            for (Object o : named) {
                if (o instanceof Map<?, ?> m && "default".equals(m.get("name")) && m.get("template") instanceof String t) {
                    return t;
                }
            }
            throw new HfFormatException(file, "chat_template", "a list of named templates without one named "
                    + "'default'");
        }
        throw new HfFormatException(file, "chat_template", "must be a string, got " + value);
    }

    /** A special token: a string, or an AddedToken object with "content"; {@code null} when absent. */
    private static String token(Path file, Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Map<?, ?> m && m.get("content") instanceof String s) {
            return s;
        }
        throw new HfFormatException(file, key, "must be a string or an object with \"content\", got " + v);
    }

    /** Token ids of a text, without added special tokens. */
    public int[] encode(String text) {
        Encoding e = tokenizer.encode(text, false, false);
        long[] ids = e.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** The text of token ids; special tokens are dropped when {@code skipSpecial}. */
    public String decode(int[] ids, boolean skipSpecial) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, skipSpecial);
    }

    /**
     * The id of a token that the tokenizer keeps whole (a special token such as {@code <|im_end|>}).
     *
     * @throws IllegalArgumentException when the text is not one token
     */
    public int tokenId(String token) {
        int[] ids = encode(token);
        if (ids.length != 1) {
            throw new IllegalArgumentException("'" + token + "' is " + ids.length + " tokens, not one");
        }
        return ids[0];
    }

    /**
     * The chat template (Jinja) from {@code tokenizer_config.json} or {@code chat_template.jinja}.
     *
     * @throws HfFormatException naming {@code tokenizer_config.json} and {@code chat_template} when the model has
     *                           none (a base model rather than an instruction-tuned one)
     */
    public String chatTemplate() {
        if (chatTemplate == null) {
            throw new HfFormatException(configFile, "chat_template", "missing: the model has no chat template "
                    + "(neither in " + CONFIG_FILE + " nor in " + TEMPLATE_FILE + "); use an instruction-tuned "
                    + "checkpoint or add one");
        }
        return chatTemplate;
    }

    /** The file the chat template came from: {@code tokenizer_config.json} or {@code chat_template.jinja}. */
    public Path chatTemplateFile() {
        return chatTemplateFile;
    }

    /** The {@code tokenizer.json} this tokenizer was read from. */
    public Path file() {
        return file;
    }

    /** The {@code tokenizer_config.json} beside it. */
    public Path configFile() {
        return configFile;
    }

    /** Whether the model has a chat template. */
    public boolean hasChatTemplate() {
        return chatTemplate != null;
    }

    /** The beginning-of-sequence token, or {@code null} when the configuration names none. */
    public String bosToken() {
        return bosToken;
    }

    /** The end-of-sequence token, or {@code null} when the configuration names none. */
    public String eosToken() {
        return eosToken;
    }

    /** The unknown-word token, or {@code null} when the configuration names none. */
    public String unkToken() {
        return unkToken;
    }

    /** The padding token, or {@code null} when the configuration names none. */
    public String padToken() {
        return padToken;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
