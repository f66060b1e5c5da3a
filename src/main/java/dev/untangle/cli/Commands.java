package dev.untangle.cli;

import dev.untangle.rl.TransformerPolicyFactory;
import java.util.List;

/** The registered subcommands, in the order {@code --help} lists them. */
final class Commands {

    private Commands() {
    }

    /** New instances of every subcommand. */
    static List<Object> all() {
        return List.of(new PlayCommand(), new EnvCommand(), new ServeCommand(), new ToyCommand(),
                new TheoryCommand(), new DiagnoseCommand(new TransformerPolicyFactory()), new ReportCommand(),
                new BenchCommand(), new TrainCommand(new TransformerPolicyFactory()),
                new EvalCommand(new TransformerPolicyFactory()));
    }
}
