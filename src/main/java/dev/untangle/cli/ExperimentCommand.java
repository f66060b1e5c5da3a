package dev.untangle.cli;

import dev.untangle.experiment.Bootstrap;
import dev.untangle.experiment.ExperimentRunner;
import dev.untangle.experiment.Method;
import dev.untangle.experiment.Preset;
import dev.untangle.experiment.ReportJob;
import dev.untangle.experiment.WorkerCommand;
import dev.untangle.experiment.spark.SparkGrid;
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

/** {@code untangle experiment}: the cold starts of each seed, every method from its cold start, evaluation, report. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Run the paper's comparison: for each seed one SFT cold start for the baselines (and, with "
                + "experiment.gcd_cold_start: critic, one with critic data for the +gcd arms), then each method "
                + "(GRPO, GRPO+GCD, GiGPO, GiGPO+GCD) from its cold start with identical budgets, evaluated on L0, L1 "
                + "and L2; then OUT/results.json and OUT/report.html.",
            "Re-running with the same --out skips finished runs and continues unfinished ones.",
            "Presets, timed on a 2-core AMD EPYC machine: quick (about 25 seconds; a smoke test of the pipeline whose "
                    + "numbers mean nothing), default (the RL regime: about 55 minutes for 3 seeds with other work "
                    + "beside it), capable (cloning alone is capable: 18 to 28 minutes), science (about 25 minutes a "
                    + "seed), paper (hours; GPU); all with whole-split greedy evaluation. Measured: docs/BENCHMARKS.md."})
public final class ExperimentCommand implements Callable<Integer> {

    /** Environment variable through which a worker learns its experiment's command line (recorded in run.json). */
    static final String PARENT_COMMAND_ENV = "UNTANGLE_EXPERIMENT_COMMAND";
    /** Separates the arguments in {@link #PARENT_COMMAND_ENV} (the unit separator, never in an argument). */
    private static final String ARG_SEPARATOR = "\u001f";

    private final PolicyFactory factory;

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME|FILE",
            description = "quick, default, capable, paper, science, or a YAML file of the same shape (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--env", paramLabel = "WORLD",
            description = "the built-in world's preset: household (the default preset) or science (--preset science)")
    String env;

    @Option(names = "--methods", split = ",", paramLabel = "M",
            description = "compared methods, for example grpo,grpo+gcd,gigpo,gigpo+gcd (default: the preset's)")
    List<String> methods;

    @Option(names = "--seeds", paramLabel = "N", description = "seeds per method (default: the preset's)")
    Integer seeds;

    @Option(names = "--out", defaultValue = "runs/experiment", paramLabel = "DIR",
            description = "experiment directory: a path or a file:// URI (on a cluster, one every executor mounts at "
                    + "the same path) (default: ${DEFAULT-VALUE})")
    String outOption;

    /** The experiment directory, from {@code --out}. */
    Path out;

    @Option(names = "--master", paramLabel = "URL",
            description = "run each run as an Apache Spark task on this master: local[N], local[N,F] (F tries), "
                    + "spark://HOST:PORT, yarn, k8s://URL (default: the preset's experiment.master, else this host, "
                    + "by --workers); docs/EXPERIMENT.md \"On a Spark cluster\"")
    String master;

    @Option(names = "--workers", paramLabel = "N",
            description = "runs trained at once, each in its own process with an equal share of the threads "
                    + "(default: the preset's experiment.workers, else 1)")
    Integer workers;

    @Option(names = "--gcd-cold-start", paramLabel = "critic|shared",
            description = "where the +gcd arms start: their own SFT with critic data (critic) or the baselines' "
                    + "SFT (shared) (default: the preset's experiment.gcd_cold_start, else critic)")
    String gcdColdStart;

    @Option(names = "--run-only", paramLabel = "RUN", hidden = true,
            description = "internal: execute only this run (seed-k/method) as a worker of a parallel experiment")
    String runOnly;

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

    /** The preset to load: {@code --preset}, or the one {@code --env} names. */
    String presetName() {
        if (env == null) {
            return preset;
        }
        String byEnv = switch (env) {
            case "household" -> "default";
            case "science" -> "science";
            default -> throw new UserError("--env " + env + ": experiment presets exist for the built-in worlds "
                    + "household and science; for another world write a preset file and pass --preset FILE");
        };
        if (!preset.equals("default") && !preset.equals(byEnv)) {
            throw new UserError("--env " + env + " selects --preset " + byEnv + "; it cannot be combined with --preset "
                    + preset);
        }
        return byEnv;
    }

    @Override
    public Integer call() {
        long parentPid = ParentWatch.parentPid();
        if (runOnly != null && parentPid > 0) {             // a worker ends with its experiment, however that ends
            String run = runOnly;
            ParentWatch.start(System.in, parentPid, why -> {
                System.err.println("untangle: worker " + run + ": " + why + "; stopping (the run stays running and "
                        + "the next invocation continues it)");
                System.err.flush();
                Thread halt = new Thread(() -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(3);             // a shutdown hook that hangs does not keep it alive
                }, "worker-halt");
                halt.setDaemon(true);
                halt.start();
                System.exit(3);
            });
        }
        Preset loaded = Preset.load(presetName());
        Preset p = gcdColdStart == null ? loaded : new Preset(loaded.name(), loaded.trainYaml(), loaded.seeds(),
                loaded.methods(), loaded.optional(), loaded.workers(), gcdColdStart, loaded.purpose(), loaded.master());
        out = outDirectory(outOption);
        String onMaster = runOnly != null ? null : master != null ? master : p.master();
        if (onMaster != null) {
            SparkGrid.checkMaster(onMaster);                    // before anything is written
        }
        List<Method> ms = Method.parseAll(methods == null ? p.methods() : methods);
        int n = seeds == null ? p.seeds() : seeds;
        int w = workers == null ? p.workers() : workers;
        List<String> command = new ArrayList<>(List.of("untangle"));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        String parent = System.getenv(PARENT_COMMAND_ENV);
        if (runOnly != null && parent != null) {         // a worker records the command of its experiment
            command = List.of(parent.split(ARG_SEPARATOR));
        }
        ExperimentRunner.Plan plan = new ExperimentRunner.Plan(p, overrides, ms, n, out, command, w, runOnly);
        SparkGrid grid = onMaster == null ? null : new SparkGrid(onMaster, out.toAbsolutePath().toUri(),
                workerCommand(), line -> {
                    if (!noProgress) {
                        System.err.println("untangle: " + line);
                    }
                });
        ExperimentRunner runner = new ExperimentRunner(factory, "untangle " + VersionProvider.version(),
                noProgress || runOnly != null ? null : System.err, Bootstrap.DEFAULT, this::startWorker, grid);
        ExperimentRunner.Outcome o;
        Thread onStop = runOnly == null ? reportOnStop(out, "untangle " + VersionProvider.version()) : null;
        if (onStop != null) {
            Runtime.getRuntime().addShutdownHook(onStop);
        }
        try {
            o = runner.run(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (grid != null) {
                grid.close();
            }
            try {
                if (onStop != null) {
                    Runtime.getRuntime().removeShutdownHook(onStop);
                }
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (runOnly != null) {
            pw.printf("worker: %s finished in %.0f s%n", runOnly, o.seconds());
            pw.flush();
            return 0;
        }
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
            m.put("purpose", p.purpose());
            Json.print(pw, m);
        } else {
            pw.printf("experiment: %d runs (%d complete) in %s, %.0f s%n", o.runs().size(), o.report().complete(),
                    out, o.seconds());
            pw.println("report:  " + o.report().report());
            pw.println("results: " + o.report().results());
            pw.println("tensorboard --logdir " + out);
            if (!p.purpose().isEmpty()) {
                pw.println("preset " + p.name() + ": " + p.purpose());
            }
            for (String s : o.report().problems()) {
                pw.println("skipped: " + s);
            }
            pw.flush();
        }
        return 0;
    }

    /**
     * Starts one run of this experiment in a new JVM (the same Java, class path and JVM options as this one) with
     * {@link WorkerCommand}: the same command line with {@code --run-only RUN}, without progress display, with
     * {@code OMP_NUM_THREADS} set to the worker's share; standard output and error go to {@code log}. Its standard
     * input is a pipe from this process that stays open while this process lives ({@link ParentWatch}: the worker
     * ends when it closes).
     */
    private Process startWorker(String run, int threads, Path log) throws IOException {
        return workerCommand().processBuilder(WorkerCommand.currentJava(), System.getProperty("java.class.path"), out,
                run, threads, log).start();
    }

    /** How this experiment starts a worker, here or in a Spark task: its JVM options, main class and arguments. */
    private WorkerCommand workerCommand() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        List<String> command = new ArrayList<>(List.of("untangle"));
        command.addAll(args);
        return new WorkerCommand(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Main.class.getName(), args, Map.of(PARENT_COMMAND_ENV, String.join(ARG_SEPARATOR, command)));
    }

    /**
     * The experiment directory of {@code --out}: a path, or a {@code file://} URI. Other file systems are refused
     * naming the reason: the runner checks, records and reports the experiment through local files (a cluster's
     * executors publish their runs through Hadoop's FileSystem API into a directory they all mount).
     */
    static Path outDirectory(String out) {
        if (out.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !out.matches("[A-Za-z]:[\\\\/].*")) {
            java.net.URI uri;
            try {
                uri = new java.net.URI(out);
            } catch (java.net.URISyntaxException e) {
                throw new UserError("--out " + out + ": not a URI (" + e.getMessage() + ")");
            }
            if (!"file".equals(uri.getScheme())) {
                throw new UserError("--out " + out + ": the experiment directory must be a path or a file:// URI "
                        + "(on a cluster, a directory every executor mounts); " + uri.getScheme()
                        + ":// is not supported: the report and the run checks read local files");
            }
            try {
                return Path.of(uri);
            } catch (IllegalArgumentException e) {
                throw new UserError("--out " + out + ": " + e.getMessage() + " (write file:///absolute/path)");
            }
        }
        return Path.of(out);
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
