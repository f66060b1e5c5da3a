package dev.untangle.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code untangle env}: inspect environments; the work is done by its subcommands. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Inspect environments: sample tasks, run experts, print split statistics.",
        subcommands = {EnvSampleCommand.class, EnvExpertCommand.class, EnvStatsCommand.class,
            EnvCheckCommand.class})
public final class EnvCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
