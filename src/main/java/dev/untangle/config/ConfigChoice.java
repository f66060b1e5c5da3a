package dev.untangle.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A configuration choice parsed once, when the configuration is read, into an enum constant that implements this
 * interface; code downstream switches on the constant instead of comparing strings. Each constant's
 * {@link #configName()} is the word configuration files and the command line use: by default its name in lower case.
 */
public interface ConfigChoice {

    /** The constant's name ({@link Enum#name()}). */
    String name();

    /** The word configuration files and the command line use for this choice. */
    default String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The config names of an enum's constants, in declaration order. */
    static <E extends Enum<E> & ConfigChoice> List<String> names(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(e.configName());
        }
        return List.copyOf(out);
    }

    /**
     * The constant whose config name is {@code name}.
     *
     * @throws ConfigException on {@code key}, listing the allowed names
     */
    static <E extends Enum<E> & ConfigChoice> E parse(Class<E> type, String key, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.configName().equals(name)) {
                return e;
            }
        }
        throw new ConfigException(key, "must be one of " + names(type) + ", got '" + name + "'");
    }
}
