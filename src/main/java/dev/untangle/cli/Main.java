package dev.untangle.cli;

import dev.untangle.config.ConfigException;
import dev.untangle.config.ConfigTree;
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

    /** The loggers of DJL's start-up lines (platform, engine threads, graph optimizer), quiet unless --verbose. */
    static final String QUIET_LOGGERS = "ai.djl";

    /**
     * {@code --verbose} on any command: shows DJL's start-up INFO lines ({@code PyTorch graph executor optimizer is
     * enabled ...}, the engine's thread counts, the native platform found), which simplelogger.properties hides by
     * default. Set while the command line is parsed, before any DJL logger exists (the level is read when a logger
     * is created); experiment workers get the same flag.
     */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "also print the libraries' start-up log lines (DJL's engine and platform)")
    void setVerbose(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.log." + QUIET_LOGGERS, "info");
        }
    }

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
        CommandLine.IParameterExceptionHandler defaults = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> unknownCommand(ex, args, defaults));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * An unknown command word (for example {@code untangle frobnicate}) gets one line naming it, and suggestions only
     * when a command is spelled alike (edit distance at most max(2, a third of the word), or the same first 3 letters);
     * picocli's own guesses suggested {@code gcd-probe} for {@code frobnicate}. Other parse errors keep picocli's
     * message and usage.
     */
    private static int unknownCommand(CommandLine.ParameterException ex, String[] args,
                                      CommandLine.IParameterExceptionHandler defaults) throws Exception {
        CommandLine cl = ex.getCommandLine();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || cl.getParent() != null
                || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
            return defaults.handleParseException(ex, args);
        }
        String word = u.getUnmatched().get(0);
        java.util.List<String> alike = new java.util.ArrayList<>();
        int limit = Math.max(2, word.length() / 3);
        for (String name : cl.getSubcommands().keySet()) {
            boolean prefix = word.length() >= 3 && name.startsWith(word.substring(0, 3));
            if (ConfigTree.editDistance(word, name) <= limit || prefix) {
                alike.add(name);
            }
        }
        PrintWriter err = cl.getErr();
        err.println("error: unknown command '" + word + "'"
                + (alike.isEmpty() ? "" : "; did you mean " + String.join(" or ", alike) + "?"));
        err.println("run 'untangle --help' for the list of commands");
        err.flush();
        return 2;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = e;
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            t = u.getCause();
            String outer = u.getMessage();
            if (!(t instanceof java.io.FileNotFoundException) && outer != null && !outer.equals(t.toString())) {
                // our wrapper names the file or checkpoint; the cause says what went wrong (it may say nothing)
                String cause = t.getMessage() == null ? t.getClass().getSimpleName()
                        : t.getClass().getSimpleName() + ": " + t.getMessage();
                err.println("error: " + (outer.contains(cause) || outer.contains(String.valueOf(t.getMessage()))
                        ? outer : outer + " (" + cause + ")"));
                err.flush();
                return 2;
            }
        }
        if (t instanceof UserError || t instanceof ConfigException || t instanceof EnvironmentException
                || t instanceof dev.untangle.policy.hf.HfFormatException
                || t instanceof dev.untangle.rl.RunLock.InUseException
                || t instanceof dev.untangle.experiment.RunLauncher.WorkerFailedException) {
            err.println("error: " + t.getMessage());
            err.flush();
            return 2;
        }
        if (t instanceof java.io.FileNotFoundException) {       // its message names the file and what was expected
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
