package dev.untangle.env.household;

import dev.untangle.env.EnvironmentException;
import java.util.Locale;

/** The command grammar: ALFWorld 0.4+ ({@code move X to Y}, {@code help}) or 0.3.x ({@code put X in/on Y}). */
public enum Grammar {
    /** {@code move X to Y}, {@code You arrive at R.}, {@code help} available (ALFWorld 0.4.0 and later). */
    NEW("new"),
    /** {@code put X in/on Y}, {@code You arrive at loc K.}, no {@code help} (ALFWorld 0.3.x, ReAct, AgentGym). */
    OLD("old");

    private final String key;

    Grammar(String key) {
        this.key = key;
    }

    /** The option value, {@code new} or {@code old}. */
    public String key() {
        return key;
    }

    /**
     * Parses an option value.
     *
     * @throws EnvironmentException naming the option when the value is neither {@code new} nor {@code old}
     */
    public static Grammar parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Grammar g : values()) {
            if (g.key.equals(v)) {
                return g;
            }
        }
        throw new EnvironmentException("household option grammar: unknown value '" + value
                + "'; known: [new, old]");
    }
}
