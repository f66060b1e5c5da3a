package dev.untangle.cli;

import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.coupling.DiagnosticsListener;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.eval.EvalResult;
import dev.untangle.experiment.RunBook;
import dev.untangle.report.RunInfo;
import dev.untangle.report.JsonlMetricsSink;
import dev.untangle.report.RunMetrics;
import dev.untangle.rl.GrpoLoop;
import dev.untangle.rl.MetricsSink;
import dev.untangle.rl.PolicyFactory;
import dev.untangle.rl.Progress;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.RunLock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code untangle train}: SFT cold start then GRPO/GiGPO, into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an agent: SFT cold start on expert demonstrations, then RL (GRPO or GiGPO).",
            "The run directory receives config.yaml (resolved, with the seed), metrics.jsonl, sft_metrics.jsonl, "
                + "eval.json and checkpoints/ (sft, iter-N, final)."})
public final class TrainCommand implements Callable<Integer> {

    private final PolicyFactory factory;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration, for example "
            + "configs/quick.yaml (with --resume: defaults to DIR/config.yaml)")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "run directory (not an experiment's "
            + "directory: untangle experiment trains those)")
    Path out;

    @Option(names = "--resume", description = "continue the run in --out from its latest checkpoint; "
            + "the metrics equal those of an uninterrupted run (a finished run is left as it is)")
    boolean resume;

    @Option(names = "--fresh", description = "delete the run already in --out (its metrics, evaluations, "
            + "checkpoints and records) and train again from scratch")
    boolean fresh;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean noProgress;

    @Option(names = "--json", description = "print the final evaluation as JSON")
    boolean json;

    @Parameters(paramLabel = "key=value", arity = "0..*", description = "configuration overrides, for example "
            + "algorithm.advantage=gigpo rollout.group_size=8")
    List<String> overrides = new ArrayList<>();

    /** Creates the command with the policy implementation to train. */
    public TrainCommand(PolicyFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        if (resume && fresh) {
            throw new UserError("--resume continues the run in " + out + " and --fresh deletes it: choose one");
        }
        Path experiment = RunBook.experimentOf(out);
        if (experiment != null) {
            throw new UserError(out + (experiment.equals(out) ? " is an experiment directory"
                    : " belongs to the experiment directory " + experiment) + "; the experiment trains its runs "
                    + "(untangle experiment --out " + experiment + " continues them): choose another --out");
        }
        if (resume) {
            RunInfo previous = RunBook.read(out);
            if (previous != null && previous.finished()) {
                return alreadyFinished(previous);
            }
        }
        Path stored = out.resolve(RunDirectory.CONFIG);
        Path file = config;
        if (file == null) {
            if (!resume) {
                throw new UserError("--config is required (or --resume with an existing run directory)");
            }
            if (!Files.isRegularFile(stored)) {
                throw new UserError("cannot resume: " + stored + " does not exist");
            }
            file = stored;
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError("config file " + file + " does not exist");
        }
        ConfigTree tree = ConfigTree.load(file).withOverrides(overrides);
        TrainConfig cfg = TrainConfig.read(tree);
        String yaml = tree.resolvedYaml();
        if (resume && Files.isRegularFile(stored) && config != null) {
            ConfigTree storedTree = ConfigTree.load(stored);
            TrainConfig.read(storedTree);
            String before = storedTree.resolvedYaml();
            if (!before.equals(yaml)) {
                throw new UserError("the configuration differs from " + stored + "; resume without --config and "
                        + "overrides to continue the stored run");
            }
        }
        if (cfg.seed() < 0 || cfg.seed() > 999_999_999L) {
            throw new UserError("seed must be in 0..999999999 to be recorded in run.json, got " + cfg.seed());
        }
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        GrpoLoop.validate(cfg, suite);                        // splits and expert, before anything is written
        try (RunLock lock = RunLock.acquire(out, commandLine())) {
            return train(cfg, suite, yaml);
        }
    }

    /** Trains into the locked run directory. */
    private Integer train(TrainConfig cfg, EnvironmentSuite suite, String yaml) {
        RunDirectory run = new RunDirectory(out);
        if (!resume) {
            List<String> earlier = run.runFiles();
            if (!earlier.isEmpty() && !fresh) {
                throw new UserError(out + " already holds a run (" + String.join(", ", earlier) + "); --resume "
                        + "continues it, --fresh deletes it and trains again, or use another --out");
            }
            run.deleteRunFiles();
        }
        run.writeText(RunDirectory.CONFIG, yaml);
        Progress progress = noProgress ? Progress.none() : Progress.on(System.err);
        RunBook book = RunBook.open(out, GrpoLoop.methodName(cfg), (int) cfg.seed(), commandLine(),
                Map.of("env", cfg.env().name()), VersionProvider.version(), resume);
        book.running();
        List<GrpoLoop.IterationListener> listeners = cfg.diagnostics().every() > 0
                ? List.of(new DiagnosticsListener(cfg, suite, run)) : List.of();
        GrpoLoop.Result result;
        try {
            result = new GrpoLoop(cfg, suite, factory, run, sinks(out), progress, listeners).run(resume);
        } catch (RuntimeException e) {
            book.failed(e);
            throw e;
        }
        book.finished(result.iterations());
        PrintWriter pw = spec.commandLine().getOut();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", out.toString());
        summary.put("iterations", result.iterations());
        summary.put("final_checkpoint", result.finalCheckpoint().toString());
        Map<String, Object> evals = new LinkedHashMap<>();
        for (Map.Entry<String, EvalResult> e : result.finalEval().entrySet()) {
            evals.put(e.getKey(), e.getValue().toJson());
        }
        summary.put("final", evals);
        if (json) {
            Json.print(pw, summary);
        } else {
            pw.printf("trained %d iterations into %s%n", result.iterations(), out);
            for (EvalResult r : result.finalEval().values()) {
                pw.printf("  %-6s success %.3f over %d episodes (%s)%n", r.split(), r.successRate(), r.episodes(),
                        r.mode());
            }
            pw.flush();
        }
        return 0;
    }

    /**
     * {@code --resume} of a run that finished: nothing to continue, so nothing is written (training again from a
     * periodic checkpoint would replace its final checkpoint and evaluation, and a remote run whose server is down
     * would first empty its metrics); says so and prints the recorded final evaluation.
     */
    private Integer alreadyFinished(RunInfo previous) {
        Map<String, Object> evals = new LinkedHashMap<>();
        Path evalFile = out.resolve(RunDirectory.EVAL);
        if (Files.isRegularFile(evalFile)) {                  // read only: RunDirectory would create checkpoints/
            try {
                if (Json.MAPPER.readValue(evalFile.toFile(), Map.class).get("checkpoints") instanceof Map<?, ?> cps
                        && cps.get("final") instanceof Map<?, ?> fin) {
                    fin.forEach((split, v) -> evals.put(String.valueOf(split), v));
                }
            } catch (java.io.IOException e) {
                throw new UserError(out + " holds a finished run whose " + evalFile + " cannot be read ("
                        + e.getMessage().lines().findFirst().orElse("") + "); nothing changed");
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("run", out.toString());
            summary.put("already_finished", true);
            summary.put("iterations", previous.iterations());
            summary.put("final_checkpoint", out.resolve("checkpoints").resolve("final").toString());
            summary.put("final", evals);
            Json.print(pw, summary);
        } else {
            String when = previous.extra().getOrDefault("finished_at", "");
            pw.printf("%s holds a finished run (%d iterations%s): nothing to resume, nothing changed; --fresh "
                    + "trains it again%n", out, previous.iterations(), when.isEmpty() ? "" : ", finished " + when);
            evals.forEach((split, v) -> {
                if (v instanceof Map<?, ?> m && m.get("success_rate") instanceof Number rate) {
                    pw.printf(Locale.ROOT, "  %-6s success %.3f over %s episodes (%s)%n", split, rate.doubleValue(),
                            m.get("episodes"), m.get("mode"));
                }
            });
            pw.flush();
        }
        return 0;
    }

    /** The report package's sinks: metrics.jsonl plus TensorBoard events, and sft_metrics.jsonl. */
    static GrpoLoop.SinkFactory sinks(Path dir) {
        return new GrpoLoop.SinkFactory() {
            @Override
            public MetricsSink metrics(boolean resumed, long iteration) {
                return resumed ? RunMetrics.resume(dir, iteration) : RunMetrics.open(dir);
            }

            @Override
            public MetricsSink sftMetrics() {
                return JsonlMetricsSink.create(dir.resolve(RunDirectory.SFT_METRICS));
            }
        };
    }

    private String commandLine() {
        List<String> words = new ArrayList<>(List.of("untangle", "train"));
        if (config != null) {
            words.add("--config " + config);
        }
        words.add("--out " + out);
        if (resume) {
            words.add("--resume");
        }
        words.addAll(overrides);
        return String.join(" ", words);
    }
}
