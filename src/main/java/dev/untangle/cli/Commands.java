package dev.untangle.cli;

import dev.untangle.rl.ModelPolicyFactory;
import java.util.List;

/** The registered subcommands, in the order {@code --help} lists them. */
final class Commands {

    private Commands() {
    }

    /** New instances of every subcommand. */
    static List<Object> all() {
        ModelPolicyFactory policies = new ModelPolicyFactory();
        return List.of(new TrainCommand(policies), new EvalCommand(policies), new DiagnoseCommand(policies),
                new GcdProbeCommand(policies), new ExperimentCommand(policies), new ReportCommand(), new PlayCommand(),
                new EnvCommand(), new ServeCommand(), new ToyCommand(), new TheoryCommand(), new BenchCommand(),
                new HfCommand());
    }
}
