package dev.untangle.rl;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal stream, with the current success rate; {@link #none()} is silent. */
public final class Progress {

    private final PrintStream out;
    private String label = "";
    private long total;
    private long done;
    private final long startNanos = System.nanoTime();

    private Progress(PrintStream out) {
        this.out = out;
    }

    /** A progress bar on {@code out} (typically {@code System.err}). */
    public static Progress on(PrintStream out) {
        return new Progress(out);
    }

    /** A progress bar that prints nothing. */
    public static Progress none() {
        return new Progress(null);
    }

    /** Starts a phase of {@code total} units. */
    public void start(String phaseLabel, long phaseTotal) {
        this.label = phaseLabel;
        this.total = Math.max(1, phaseTotal);
        this.done = 0;
        draw(Double.NaN);
    }

    /** One unit done; {@code success} is the latest success rate (NaN: unknown). */
    public void advance(double success) {
        done++;
        draw(success);
    }

    /** Ends the phase's line. */
    public void finish() {
        if (out != null) {
            out.println();
            out.flush();
        }
    }

    private void draw(double success) {
        if (out == null) {
            return;
        }
        int width = 30;
        int filled = (int) (width * done / total);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        double secs = (System.nanoTime() - startNanos) / 1e9;
        String s = Double.isNaN(success) ? "" : String.format(Locale.ROOT, " success %.2f", success);
        out.print(String.format(Locale.ROOT, "\r%-5s [%s] %d/%d%s %.0fs", label, bar, done, total, s, secs));
        out.flush();
    }
}
