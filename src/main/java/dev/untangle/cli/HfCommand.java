package dev.untangle.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code untangle hf}: work with local Hugging Face model directories; the work is done by its subcommands. */
@Command(name = "hf", mixinStandardHelpOptions = true,
        description = "Work with local Hugging Face model directories.",
        subcommands = {HfRandomCommand.class, HfExportCommand.class, HfBenchCommand.class, HfPromptCommand.class})
public final class HfCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
