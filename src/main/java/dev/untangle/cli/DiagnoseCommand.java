package dev.untangle.cli;

import dev.untangle.config.TrainConfig;
import dev.untangle.coupling.CheckpointDiagnosis;
import dev.untangle.coupling.DiagnosticsReport;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.policy.Policy;
import dev.untangle.rl.PolicyFactory;
import dev.untangle.rl.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code untangle diagnose}: gradient-coupling diagnostics of a saved checkpoint, as JSON and SVG plots. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Measure gradient coupling on a checkpoint: state similarity of a fixed probe set, per-sample "
                + "gradient cosines by pair type (coupling index), the predicted vs measured effect of one rehearsed "
                + "update (harmful coupling rate) and the separation of good and bad action representations.",
            "Writes a JSON file and SVG plots next to it. Formulas: docs/ALGORITHMS.md; keys: docs/METRICS.md."})
public final class DiagnoseCommand implements Callable<Integer> {

    private final Function<Path, Policy> loader;

    @Spec
    CommandSpec spec;

    @Mixin
    SavedRunOptions run = new SavedRunOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "JSON file to write (default: "
            + "RUN/diagnostics/diagnose-<checkpoint>.json); plots go next to it as <name>-<plot>.svg")
    Path out;

    @Option(names = "--seed", defaultValue = "1",
            description = "seed of the training batch of the rehearsed update (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-update", description = "skip the rehearsed update (no learning dynamics)")
    boolean noUpdate;

    @Option(names = "--json", description = "print the scalars and the report as JSON")
    boolean json;


    /** Creates the command with the policy implementation to load (tests pass a tiny model). */
    public DiagnoseCommand(PolicyFactory factory) {
        this.loader = factory::load;
    }

    @Override
    public Integer call() {
        RunDirectory.SavedPolicy saved = run.saved();
        TrainConfig cfg = run.config(saved);
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        Path file = out != null ? out : saved.configFile().getParent().resolve("diagnostics")
                .resolve("diagnose-" + saved.policyDir().getParent().getFileName() + ".json");
        CheckpointDiagnosis.Outcome o = CheckpointDiagnosis.run(cfg, suite, loader, saved, file, seed, !noUpdate);
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Json.print(pw, CheckpointDiagnosis.document(o.report()));
            return 0;
        }
        DiagnosticsReport r = o.report();
        pw.printf("diagnostics of %s: %d probe steps (%s %s), %d parameters, gradients %s%n", saved.policyDir(),
                r.samples(), o.probeReused() ? "run's probe set" : "new probe set", o.probeSet(), r.parameters(),
                r.sketched() ? "sketched to " + r.gradientDimension() : "exact");
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            pw.printf("  %-40s %.4f%n", e.getKey(), e.getValue());
        }
        pw.printf("wrote %s and %d plots%n", o.json(), o.plots().size());
        pw.flush();
        return 0;
    }
}
