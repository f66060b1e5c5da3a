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

    /** Runs the whole command line ({@link Main#run}) with {@code args}: {exit code, standard output, error}. */
    static String[] main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(rc), out.toString(), err.toString()};
    }
}
