package dev.untangle.policy.hf;

import java.nio.file.Path;

/**
 * A Hugging Face model directory cannot be used: a file is missing, or a key or tensor in it is missing, unknown
 * or inconsistent. The message starts with the file and names the key or tensor, for example
 * {@code /models/qwen/config.json: model_type: 'gpt2' is not supported; supported: [llama, qwen2, qwen3]}.
 */
public final class HfFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The file the problem is in (or the missing file). */
    private final transient Path file;
    /** The key or tensor name the problem is about, or an empty string for a whole-file problem. */
    private final String key;

    /**
     * Creates an exception about one key or tensor of one file.
     *
     * @param file    the file
     * @param key     the key or tensor name, or an empty string for a whole-file problem
     * @param message what is wrong and, where possible, how to fix it
     */
    public HfFormatException(Path file, String key, String message) {
        super(file + ": " + (key.isEmpty() ? "" : key + ": ") + message);
        this.file = file;
        this.key = key;
    }

    /** The file the problem is in (or the missing file). */
    public Path file() {
        return file;
    }

    /** The key or tensor name the problem is about, or an empty string for a whole-file problem. */
    public String key() {
        return key;
    }
}
