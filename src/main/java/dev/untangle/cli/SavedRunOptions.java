package dev.untangle.cli;

import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.rl.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of the commands that read a saved checkpoint ({@code eval}, {@code gcd-probe}, {@code diagnose}; a
 * picocli mixin): the checkpoint or run directory, and {@code key=value} overrides of the run's saved configuration.
 */
public final class SavedRunOptions {

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "checkpoint directory (holding policy/) or run directory (its final checkpoint)")
    Path checkpoint;

    @Parameters(paramLabel = "key=value", arity = "0..*", description = "overrides of the run's saved configuration, "
            + "for example algorithm.gcd.verdict_at=query for a run saved before that key existed")
    List<String> overrides = new ArrayList<>();

    /** The saved policy and the configuration file of its run. */
    RunDirectory.SavedPolicy saved() {
        return RunDirectory.locate(checkpoint);
    }

    /** The run's configuration with the overrides applied. */
    TrainConfig config(RunDirectory.SavedPolicy saved) {
        return TrainConfig.read(ConfigTree.load(saved.configFile()).withOverrides(overrides));
    }
}
