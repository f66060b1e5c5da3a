package dev.untangle.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code untangle bench}: throughput benchmarks; the work is done by its subcommands. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Throughput benchmarks.",
        subcommands = {BenchEnvCommand.class, BenchTrainCommand.class, BenchGenerateCommand.class,
            BenchServeCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
