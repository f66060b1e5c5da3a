package dev.untangle.rl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal stream, with the current success rate; {@link #none()} is silent. On a
 * terminal the line is redrawn at most every {@value #REDRAW_MILLIS} ms; when the stream is not a terminal (a log
 * file, CI) one line is printed per tenth of the phase, so logs stay short. On a terminal, {@link #on} also routes
 * every other write to standard error (log lines) through {@link #logsAbove()}: each finished line clears the bar,
 * is printed, and the bar is drawn again below it, so log text never runs into the bar.
 */
public final class Progress {

    /** Minimum interval between two redraws on a terminal. */
    static final long REDRAW_MILLIS = 100;

    private final PrintStream out;
    private final boolean terminal;
    private String label = "";
    private long total;
    private long done;
    private long lastDrawNanos;
    private long lastTenth = -1;
    private final long startNanos = System.nanoTime();
    /** The bar as last drawn on a terminal; empty when no phase is showing. */
    private String shown = "";

    private Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * A progress bar on {@code out}, typically {@code System.err}: redrawn in place when standard error is a terminal,
     * one line per tenth otherwise (see {@link #stderrIsTerminal()}).
     */
    public static Progress on(PrintStream out) {
        Progress p = new Progress(out, stderrIsTerminal());
        if (p.terminal && out == System.err) {
            System.setErr(p.logsAbove());
        }
        return p;
    }

    /** A terminal bar for tests of the line handling. */
    static Progress terminal(PrintStream out) {
        return new Progress(out, true);
    }

    /**
     * A stream for everything else that writes to the bar's terminal: bytes are collected up to each newline, then
     * the bar's line is cleared ({@code \r ESC[K}), the line printed, and the bar drawn again.
     */
    PrintStream logsAbove() {
        java.io.OutputStream lines = new java.io.OutputStream() {
            private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
                if (b == '\n') {
                    emit();
                }
            }

            @Override
            public void flush() {
                // a partial line waits for its newline: printing it now would break the bar
            }

            private void emit() {
                synchronized (Progress.this) {
                    if (!shown.isEmpty()) {
                        out.print("\r\u001b[K");
                    }
                    out.write(pending.toByteArray(), 0, pending.size());
                    pending.reset();
                    if (!shown.isEmpty()) {
                        out.print("\r" + shown);
                    }
                    out.flush();
                }
            }
        };
        return new PrintStream(lines, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Whether standard error is a terminal: on Linux, whether {@code /proc/self/fd/2} links to a tty or pty device;
     * elsewhere, whether the JVM has a console (which looks at standard input and output instead).
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** A progress bar on {@code out} that prints one line per tenth of each phase (for logs and tests). */
    public static Progress lines(PrintStream out) {
        return new Progress(out, false);
    }

    /** A progress bar that prints nothing. */
    public static Progress none() {
        return new Progress(null, false);
    }

    /** Starts a phase of {@code total} units. */
    public void start(String phaseLabel, long phaseTotal) {
        start(phaseLabel, phaseTotal, 0);
    }

    /**
     * Starts a phase of {@code total} units of which {@code alreadyDone} were done before (a resumed run), so the bar
     * counts the way the log does ({@code 4/24} after resuming at iteration 4, not {@code 1/21}).
     */
    public void start(String phaseLabel, long phaseTotal, long alreadyDone) {
        this.label = phaseLabel;
        this.total = Math.max(1, phaseTotal);
        this.done = Math.max(0, Math.min(alreadyDone, this.total));
        this.lastTenth = -1;
        this.lastDrawNanos = 0;
        draw(Double.NaN);
    }

    /** One unit done; {@code success} is the latest success rate (NaN: unknown). */
    public void advance(double success) {
        done++;
        draw(success);
    }

    /** Ends the phase's line. */
    public synchronized void finish() {
        if (out != null && terminal) {
            out.println();
            out.flush();
            shown = "";
        }
    }

    private synchronized void draw(double success) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (terminal) {
            if (done < total && lastDrawNanos != 0 && now - lastDrawNanos < REDRAW_MILLIS * 1_000_000L) {
                return;
            }
        } else {
            long tenth = 10 * Math.min(done, total) / total;
            if (tenth == lastTenth) {
                return;
            }
            lastTenth = tenth;
        }
        lastDrawNanos = now;
        int width = 30;
        int filled = (int) (width * done / total);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        double secs = (System.nanoTime() - startNanos) / 1e9;
        String s = Double.isNaN(success) ? "" : String.format(Locale.ROOT, " success %.2f", success);
        String line = String.format(Locale.ROOT, "%-5s [%s] %d/%d%s %.0fs", label, bar, done, total, s, secs);
        if (terminal) {
            out.print("\r" + line);
            shown = line;
        } else {
            out.println(line);
        }
        out.flush();
    }
}
