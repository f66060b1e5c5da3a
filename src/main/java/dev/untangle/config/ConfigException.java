package dev.untangle.config;

/** A configuration value is missing, unknown or invalid; the message names the key (and file and line). */
public class ConfigException extends RuntimeException {

    private final String key;

    /**
     * Creates an exception for one key.
     *
     * @param key     dotted key, for example {@code algorithm.group_size}
     * @param message what is wrong and, where possible, how to fix it
     */
    public ConfigException(String key, String message) {
        super(key == null || key.isEmpty() ? message : key + ": " + message);
        this.key = key;
    }

    /** The dotted key the problem is about (may be empty for file-level problems). */
    public String key() {
        return key;
    }
}
