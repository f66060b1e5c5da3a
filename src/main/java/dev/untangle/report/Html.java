package dev.untangle.report;

import java.util.Locale;

/**
 * Escaping and bounding of untrusted text for the report's XHTML-compatible markup. Everything that may
 * come from an environment, a config file or a run directory goes through {@link #text(String)} (which also
 * serves for attribute values) before it is written, usually after {@link #bounded(String, int)}.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code s} for use in element content and in single- or double-quoted attribute values:
     * {@code & < > " '} become character references, and characters that XML 1.0 forbids (control
     * characters other than tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF) become
     * U+FFFD. {@code null} becomes the empty string.
     */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Cuts {@code s} to at most {@code max} characters (not splitting a surrogate pair), appending a note of
     * how many were left out. {@code null} becomes the empty string.
     */
    public static String bounded(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int cut = max;
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "\u2026 [" + (s.length() - cut) + " more characters not shown]";
    }

    /** Escaped, bounded text: {@code text(bounded(s, max))}. */
    public static String safe(String s, int max) {
        return text(bounded(s, max));
    }

    /** Formats a number for display with {@code digits} decimals, or an en dash for NaN. */
    public static String number(double v, int digits) {
        if (!Double.isFinite(v)) {
            return "\u2013";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
