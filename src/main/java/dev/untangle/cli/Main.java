package dev.untangle.cli;

import dev.untangle.config.ConfigException;
import dev.untangle.env.EnvironmentException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code untangle} command line. */
@Command(name = "untangle", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train language-model agents with RL on text worlds, measure gradient coupling, "
                + "and remove it with generative classification disentanglement (GCD).",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command line with the given output streams (used by tests).
     *
     * @return the exit status: 0 on success, 2 for a user error, 1 for an internal error
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The configured command tree with every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Commands.all()) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = e;
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            t = u.getCause();
        }
        if (t instanceof UserError || t instanceof ConfigException || t instanceof EnvironmentException) {
            err.println("error: " + t.getMessage());
            err.flush();
            return 2;
        }
        if (t instanceof java.io.IOException) {
            err.println("error: " + t.getClass().getSimpleName() + ": " + t.getMessage());
            err.flush();
            return 2;
        }
        err.println("error: internal failure in '" + cl.getCommandName() + "': " + t);
        if (System.getenv("UNTANGLE_DEBUG") != null) {
            t.printStackTrace(err);
        } else {
            err.println("(set UNTANGLE_DEBUG=1 to print the stack trace)");
        }
        err.flush();
        return 1;
    }
}
