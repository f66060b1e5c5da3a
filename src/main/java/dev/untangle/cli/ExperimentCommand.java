package dev.untangle.cli;

import dev.untangle.experiment.Bootstrap;
import dev.untangle.experiment.ExperimentRunner;
import dev.untangle.experiment.Method;
import dev.untangle.experiment.Preset;
import dev.untangle.experiment.ReportJob;
import dev.untangle.rl.PolicyFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code untangle experiment}: SFT once per seed, every method from it, evaluation, and the report. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Run the paper's comparison: for each seed one SFT cold start shared by all methods, then "
                + "each method (GRPO, GRPO+GCD, GiGPO, GiGPO+GCD) from that checkpoint with identical budgets, "
                + "evaluated on L0, L1 and L2; then OUT/results.json and OUT/report.html.",
            "Re-running with the same --out skips finished runs and continues unfinished ones.",
            "Presets: quick (about 25 seconds on 2 quiet CPU cores), default (about 24 minutes, whole-split greedy "
                    + "evaluation), paper (hours; GPU). Measured: docs/BENCHMARKS.md."})
public final class ExperimentCommand implements Callable<Integer> {

    private final PolicyFactory factory;

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME|FILE",
            description = "quick, default, paper, or a YAML file of the same shape (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--methods", split = ",", paramLabel = "M",
            description = "compared methods, for example grpo,grpo+gcd,gigpo,gigpo+gcd (default: the preset's)")
    List<String> methods;

    @Option(names = "--seeds", paramLabel = "N", description = "seeds per method (default: the preset's)")
    Integer seeds;

    @Option(names = "--out", defaultValue = "runs/experiment", paramLabel = "DIR",
            description = "experiment directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--no-progress", description = "no progress display on stderr")
    boolean noProgress;

    @Option(names = "--json", description = "print a JSON summary instead of text")
    boolean json;

    @Parameters(paramLabel = "key=value", arity = "0..*",
            description = "configuration overrides for every run, for example algorithm.iterations=20")
    List<String> overrides = new ArrayList<>();

    /** Creates the command with the policy implementation to train. */
    public ExperimentCommand(PolicyFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        Preset p = Preset.load(preset);
        List<Method> ms = Method.parseAll(methods == null ? p.methods() : methods);
        int n = seeds == null ? p.seeds() : seeds;
        List<String> command = new ArrayList<>(List.of("untangle"));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        ExperimentRunner.Plan plan = new ExperimentRunner.Plan(p, overrides, ms, n, out, command);
        ExperimentRunner runner = new ExperimentRunner(factory, "untangle " + VersionProvider.version(),
                noProgress ? null : System.err, Bootstrap.DEFAULT);
        ExperimentRunner.Outcome o;
        Thread onStop = reportOnStop(out, "untangle " + VersionProvider.version());
        Runtime.getRuntime().addShutdownHook(onStop);
        try {
            o = runner.run(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("out", out.toString());
            m.put("report", o.report().report().toString());
            m.put("results", o.report().results().toString());
            m.put("seconds", o.seconds());
            List<Map<String, Object>> runs = new ArrayList<>();
            for (ExperimentRunner.RunRecord r : o.runs()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("dir", r.dir());
                rm.put("method", r.method());
                rm.put("seed", r.seed());
                rm.put("action", r.action());
                rm.put("seconds", r.seconds());
                runs.add(rm);
            }
            m.put("runs", runs);
            m.put("optional_keys_unknown", o.skippedOptional());
            m.put("problems", o.report().problems());
            Json.print(pw, m);
        } else {
            pw.printf("experiment: %d runs (%d complete) in %s, %.0f s%n", o.runs().size(), o.report().complete(),
                    out, o.seconds());
            pw.println("report:  " + o.report().report());
            pw.println("results: " + o.report().results());
            pw.println("tensorboard --logdir " + out);
            for (String s : o.report().problems()) {
                pw.println("skipped: " + s);
            }
            pw.flush();
        }
        return 0;
    }

    /**
     * A shutdown hook for a graceful stop (SIGTERM, Ctrl-C) in the middle of an experiment: it rebuilds
     * {@code report.html} and {@code results.json} from the runs that finished, as a failure does
     * (docs/EXPERIMENT.md). Finished runs' files are written atomically, so reading them while the stopped run is
     * still writing its own is safe; the stopped run stays {@code running} and is continued by the next invocation.
     */
    static Thread reportOnStop(Path out, String version) {
        return new Thread(() -> {
            if (!Files.isDirectory(out)) {
                return;
            }
            try {
                ReportJob.rebuild(out, Bootstrap.DEFAULT, version);
                System.err.println("untangle: stopped; the report of the finished runs is in " + out);
            } catch (IOException | RuntimeException e) {
                System.err.println("untangle: stopped; the report could not be rebuilt: " + e.getMessage());
            }
        }, "experiment-report-on-stop");
    }
}
