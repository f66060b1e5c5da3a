package dev.untangle.experiment;

import java.io.PrintStream;

/**
 * A stream that puts the current run ({@code run 3/10 seed-1 grpo+gcd}) in front of every progress line (a
 * redrawn terminal line, starting with a carriage return, or a whole line in a log), so the training loop's
 * progress bar says which run it belongs to.
 */
public final class ProgressStream extends PrintStream {

    private volatile String prefix = "";

    /** Writes to {@code out} (typically {@code System.err}). */
    public ProgressStream(PrintStream out) {
        super(out, true);
    }

    /** Sets the text put before each progress line. */
    public void setPrefix(String text) {
        this.prefix = text;
    }

    @Override
    public void print(String s) {
        if (s != null && s.startsWith("\r") && !prefix.isEmpty()) {
            super.print("\r" + prefix + " " + s.substring(1));
        } else {
            super.print(s);
        }
    }

    /** Prints a whole line without the run prefix (messages between runs). */
    public void message(String s) {
        super.println(s);
    }

    @Override
    public void println(String s) {
        if (s != null && !s.startsWith("\r") && !prefix.isEmpty()) {
            super.println(prefix + " " + s);
        } else {
            super.println(s);
        }
    }
}
