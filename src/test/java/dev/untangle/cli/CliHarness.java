package dev.untangle.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one command object as the command line would, capturing its output; errors print one line, exit 2. */
final class CliHarness {

    private CliHarness() {
    }

    /** Executes {@code command} with {@code args}, writing to {@code out} and {@code err}. */
    static int run(Object command, StringWriter out, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cl.execute(args);
    }
}
