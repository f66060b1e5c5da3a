package dev.untangle.env.remote;

/** Small helpers for reading server text. */
final class Texts {

    private Texts() {
    }

    /**
     * The rest of the first line that contains {@code marker}, after it, trimmed and without a final period;
     * empty when no line has it.
     */
    static String after(String text, String marker) {
        for (String line : text.split("\n")) {
            int at = line.indexOf(marker);
            if (at >= 0) {
                String rest = line.substring(at + marker.length()).strip();
                return rest.endsWith(".") ? rest.substring(0, rest.length() - 1) : rest;
            }
        }
        return "";
    }
}
