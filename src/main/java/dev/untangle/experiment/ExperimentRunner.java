package dev.untangle.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.untangle.config.ConfigException;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.EnvConfig;
import dev.untangle.config.TrainConfig;
import dev.untangle.coupling.DiagnosticsListener;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.report.JsonlMetricsSink;
import dev.untangle.report.RunData;
import dev.untangle.report.RunDirectories;
import dev.untangle.report.RunInfo;
import dev.untangle.report.RunMetrics;
import dev.untangle.rl.GrpoLoop;
import dev.untangle.rl.MetricsSink;
import dev.untangle.rl.PolicyFactory;
import dev.untangle.rl.Progress;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.RunLock;
import dev.untangle.rl.TrainingState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an experiment: for each seed one SFT cold start ({@code OUT/seed-k/sft}), then every method from that
 * SFT checkpoint with identical budgets ({@code OUT/seed-k/<method>}), each evaluated on the configured
 * splits; finally {@link ReportJob} writes {@code results.json} and {@code report.html}.
 *
 * <p>Re-running into the same directory skips runs whose {@code run.json} says {@code finished} and
 * continues the others from their latest checkpoint (the training loop's resume). A run whose stored
 * {@code config.yaml} differs from the configuration it would get now is refused, so one directory never
 * mixes settings; every run is checked before anything is written, so a refused invocation changes nothing.
 * {@code experiment.json} keeps the history of the invocations that trained runs. Each run executes under its
 * directory's {@link RunLock}. Files are written atomically (temporary file, then move).
 */
public final class ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The history of invocations in {@code experiment.json}. */
    static final String INVOCATIONS = "invocations";
    /** Run seeds are drawn below this bound, so they fit every reader's range. */
    private static final int SEED_BOUND = 1_000_000_000;

    /**
     * What to run.
     *
     * @param preset    the preset (training configuration and experiment defaults)
     * @param overrides {@code key=value} overrides of the training configuration, applied to every run
     * @param methods   the compared methods
     * @param seeds     seeds per method
     * @param out       the experiment directory
     * @param command   the command line, recorded in {@code experiment.json} and every {@code run.json}
     * @param workers   runs executed at once, each in its own process ({@link RunLauncher}); 1 runs them one
     *                  after the other in this process
     * @param only      the one run this process executes ({@code seed-0/grpo}) as a worker of a parallel
     *                  experiment, or {@code null} for the whole experiment
     */
    public record Plan(Preset preset, List<String> overrides, List<Method> methods, int seeds, Path out,
                      List<String> command, int workers, String only) {

        /** Copies the lists and checks the seed and worker counts. */
        public Plan {
            overrides = List.copyOf(overrides);
            methods = List.copyOf(methods);
            command = List.copyOf(command);
            if (seeds < 1 || seeds > Preset.MAX_SEEDS) {
                throw new ConfigException("experiment.seeds", "must be in [1, " + Preset.MAX_SEEDS + "], got "
                        + seeds);
            }
            if (methods.isEmpty()) {
                throw new ConfigException(Method.METHODS_KEY, "no methods to run");
            }
            if (workers < 1 || workers > Preset.MAX_WORKERS) {
                throw new ConfigException(Preset.WORKERS_KEY, "must be in [1, " + Preset.MAX_WORKERS + "], got "
                        + workers);
            }
        }

        /** The whole experiment, one run at a time in this process. */
        public Plan(Preset preset, List<String> overrides, List<Method> methods, int seeds, Path out,
                    List<String> command) {
            this(preset, overrides, methods, seeds, out, command, 1, null);
        }
    }

    /**
     * One run of the experiment and what happened to it.
     *
     * @param dir     relative directory, for example {@code seed-0/grpo-gcd}
     * @param method  method name ({@code sft} for the cold start)
     * @param seed    seed index k
     * @param action  {@code ran}, {@code resumed} or {@code skipped}
     * @param seconds wall seconds spent on it now
     */
    public record RunRecord(String dir, String method, int seed, String action, double seconds) {
    }

    /**
     * What the experiment produced.
     *
     * @param runs    every run, in execution order
     * @param report  the report rebuild
     * @param seconds wall seconds of this invocation
     * @param skippedOptional optional preset keys this build does not know (left out)
     */
    public record Outcome(List<RunRecord> runs, ReportJob.Outcome report, double seconds,
                          List<String> skippedOptional) {
    }

    private final PolicyFactory factory;
    private final String version;
    private final ProgressStream progressOut;
    private final Bootstrap bootstrap;
    private final RunLauncher launcher;
    private final GridExecutor cluster;

    /**
     * Creates a runner that executes runs one after the other in this process.
     *
     * @param factory   the policy implementation
     * @param version   program name and version, recorded as provenance and shown in the report
     * @param progress  where the progress display goes ({@code null}: none)
     * @param bootstrap confidence interval parameters of the report
     */
    public ExperimentRunner(PolicyFactory factory, String version, PrintStream progress, Bootstrap bootstrap) {
        this(factory, version, progress, bootstrap, null);
    }

    /**
     * Creates a runner.
     *
     * @param launcher starts one run in its own process when a plan has more than one worker ({@code null}: such
     *                 plans are refused)
     */
    public ExperimentRunner(PolicyFactory factory, String version, PrintStream progress, Bootstrap bootstrap,
                            RunLauncher launcher) {
        this(factory, version, progress, bootstrap, launcher, null);
    }

    /**
     * Creates a runner that trains the runs on a cluster.
     *
     * @param cluster executes the runs that must train ({@code null}: this host, by {@code plan.workers()}); the plan,
     *                its checks, the skipping of finished runs and the report stay here
     */
    public ExperimentRunner(PolicyFactory factory, String version, PrintStream progress, Bootstrap bootstrap,
                            RunLauncher launcher, GridExecutor cluster) {
        this.cluster = cluster;
        this.factory = factory;
        this.version = version;
        this.progressOut = progress == null ? null : new ProgressStream(progress);
        this.bootstrap = bootstrap;
        this.launcher = launcher;
    }

    /**
     * The training seed of seed index {@code k}: the k-th split of a {@link SplittableRandom} seeded with the
     * experiment seed (the configuration's {@code seed}). Seed k's value does not depend on how many seeds run.
     */
    public static long runSeed(long experimentSeed, int k) {
        SplittableRandom root = new SplittableRandom(experimentSeed);
        SplittableRandom child = root.split();
        for (int i = 0; i < k; i++) {
            child = root.split();
        }
        return child.nextInt(SEED_BOUND);
    }

    /**
     * Runs (or continues) the experiment and rebuilds its report; the report is rebuilt even when a run fails.
     *
     * @throws ConfigException when the configuration, a method or a stored run is inconsistent
     */
    public Outcome run(Plan plan) throws IOException {
        long t0 = System.nanoTime();
        ConfigTree base = ConfigTree.parse(plan.preset().trainYaml(), plan.preset().name())
                .withOverrides(plan.overrides());
        List<String> optional = new ArrayList<>();
        List<String> skippedOptional = new ArrayList<>();
        for (String o : plan.preset().optional()) {
            if (knows(o)) {
                optional.add(o);
            } else {
                skippedOptional.add(o);
                LOG.warn("preset key {} is not known to this build; left out (listed in experiment.json)",
                        o.substring(0, o.indexOf('=')));
            }
        }
        long experimentSeed = read(base.withOverrides(optional), "the experiment configuration").seed();
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < plan.seeds(); k++) {
            long seed = runSeed(experimentSeed, k);
            List<String> common = new ArrayList<>(optional);
            common.add("seed=" + seed);
            List<String> sftOnly = new ArrayList<>(common);
            sftOnly.add("algorithm.iterations=0");                      // the training loop then runs SFT only
            runs.add(new Run(k, Method.SFT, seed, resolve(base, sftOnly, Method.SFT), null));
            boolean critic = plan.preset().gcdColdStart().equals(Preset.COLD_START_CRITIC)
                    && plan.methods().stream().anyMatch(Method::gcd);
            if (critic) {                                   // the GCD arms' own cold start: SFT with critic data
                List<String> o = new ArrayList<>(sftOnly);
                o.add(Method.CRITIC_DATA_KEY + "=true");
                runs.add(new Run(k, Method.SFT_CRITIC, seed, resolve(base, o, Method.SFT_CRITIC), null));
            }
            for (Method m : plan.methods()) {
                List<String> o = new ArrayList<>(common);
                o.addAll(m.overrides());
                String from = Method.SFT;
                if (critic && m.gcd()) {
                    o.add(Method.CRITIC_DATA_KEY + "=true");
                    from = Method.SFT_CRITIC;
                }
                runs.add(new Run(k, m.name(), seed, resolve(base, o, m.name()), from));
            }
        }
        Map<EnvConfig, EnvironmentSuite> suites = new java.util.HashMap<>();
        for (Run r : runs.subList(0, Math.min(runs.size(), 1 + plan.methods().size()))) {   // one seed's runs
            TrainConfig cfg = r.config.cfg();
            GrpoLoop.validate(cfg, suites.computeIfAbsent(cfg.env(),
                    e -> Environments.create(e.name(), e.options())));                    // one suite per world
        }
        if (plan.only() != null) {                     // a worker of a parallel experiment: the parent holds the lock
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).rel().equals(plan.only())) {
                    RunRecord rec = execute(plan, runs.get(i), label(i, runs));
                    return new Outcome(List.of(rec), null, (System.nanoTime() - t0) / 1e9, skippedOptional);
                }
            }
            throw new ConfigException("", "--run-only " + plan.only() + ": not a run of this experiment");
        }
        if (plan.workers() > 1 && launcher == null && cluster == null) {
            throw new ConfigException(Preset.WORKERS_KEY, "this runner cannot start worker processes");
        }
        for (Run r : runs) {           // a refused invocation writes nothing: not experiment.json, not the report
            refuseOtherConfiguration(plan, r);
        }
        for (Run r : runs) {           // nor does one whose run another process still writes (a left-over worker)
            RunLock.refuseIfHeld(plan.out().resolve(r.rel()));
        }
        // everything is checked: only now does the output directory come to exist
        try (RunLock lock = RunLock.acquire(plan.out(), String.join(" ", plan.command()))) {
            return execute(plan, runs, experimentSeed, optional, skippedOptional, t0);
        }
    }

    private static String label(int i, List<Run> runs) {
        Run r = runs.get(i);
        return String.format(Locale.ROOT, "run %d/%d %s %s", i + 1, runs.size(), ExperimentLayout.seedDir(r.k),
                r.method);
    }

    private Outcome execute(Plan plan, List<Run> runs, long experimentSeed, List<String> optional,
                            List<String> skippedOptional, long t0) throws IOException {
        List<String> toTrain = new ArrayList<>();
        for (Run r : runs) {
            if (!finishedAndReadable(plan, r)) {
                toTrain.add(r.rel());
            }
        }
        if (!toTrain.isEmpty()) {            // an invocation that trains nothing leaves the provenance as it is
            recordInvocation(plan, experimentSeed, optional, skippedOptional, toTrain);
        }

        List<RunRecord> records = new ArrayList<>();
        try {
            if (cluster != null) {
                records.addAll(executeOnCluster(plan, runs));
            } else if (plan.workers() > 1) {
                records.addAll(executeInWorkers(plan, runs));
            } else {
                for (int i = 0; i < runs.size(); i++) {
                    records.add(execute(plan, runs.get(i), label(i, runs)));
                }
            }
        } catch (RuntimeException | IOException e) {
            try {
                ReportJob.rebuild(plan.out(), bootstrap, version);       // what finished stays readable
            } catch (IOException | RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        ReportJob.Outcome report = ReportJob.rebuild(plan.out(), bootstrap, version);
        return new Outcome(records, report, (System.nanoTime() - t0) / 1e9, skippedOptional);
    }

    /**
     * A planned run with its resolved configuration; {@code coldStart} names the run of the same seed whose SFT
     * checkpoint it starts from ({@code null}: it is a cold start itself).
     */
    private record Run(int k, String method, long seed, Resolved config, String coldStart) {
        /** Its directory relative to the experiment's, for example {@code seed-0/grpo-gcd}. */
        String rel() {
            return ExperimentLayout.runDir(k, method);
        }
    }

    /**
     * Executes the runs {@code plan.workers()} at a time, each in its own process started by the launcher with
     * {@link RunLauncher#threadsPerWorker} intra-op threads and its output in {@code OUT/logs/}. A method's run
     * starts only after its cold start (its seed's SFT run) finished; as workers come free the next cold start
     * starts (they unlock the most work), else the first method in plan order whose cold start is done. When a run
     * fails no further run starts, the running ones finish, and the failure is thrown naming the run and its log.
     */
    private List<RunRecord> executeInWorkers(Plan plan, List<Run> runs) throws IOException {
        int workers = Math.min(plan.workers(), runs.size());
        int threads = RunLauncher.threadsPerWorker(workers);
        say(String.format(Locale.ROOT, "%d runs, %d at a time, %d thread%s each (logs in %s)", runs.size(),
                workers, threads, threads == 1 ? "" : "s", plan.out().resolve(ExperimentLayout.LOGS)));
        Files.createDirectories(plan.out().resolve(ExperimentLayout.LOGS));
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            pending.add(i);
        }
        java.util.Set<String> done = new java.util.HashSet<>();
        Map<Integer, RunningWorker> active = new LinkedHashMap<>();
        RunRecord[] records = new RunRecord[runs.size()];
        List<String> failures = new ArrayList<>();
        Thread stopChildren = new Thread(() -> active.values().forEach(w -> w.process().destroy()),
                "experiment-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopChildren);
        try {
            while (true) {
                while (active.size() < workers && failures.isEmpty()) {
                    Integer next = null;
                    for (Integer i : pending) {                  // cold starts first: they unlock the methods
                        if (runs.get(i).coldStart == null) {
                            next = i;
                            break;
                        }
                    }
                    for (int j = 0; j < pending.size() && next == null; j++) {
                        Run r = runs.get(pending.get(j));
                        if (done.contains(ExperimentLayout.runDir(r.k, r.coldStart))) {
                            next = pending.get(j);
                        }
                    }
                    if (next == null) {
                        break;
                    }
                    pending.remove(next);
                    Run r = runs.get(next);
                    RunRecord skipped = skipIfFinished(plan, r, label(next, runs));
                    if (skipped != null) {
                        records[next] = skipped;
                        done.add(r.rel());
                        continue;
                    }
                    Path log = plan.out().resolve(ExperimentLayout.LOGS).resolve(r.rel().replace('/', '-') + ".log");
                    boolean resumed = Files.isRegularFile(plan.out().resolve(r.rel()).resolve(ExperimentLayout.RUN));
                    say(label(next, runs) + (resumed ? ": continuing" : ": starting") + " (seed " + r.seed
                            + ") in a worker, log " + log);
                    active.put(next, new RunningWorker(launcher.start(r.rel(), threads, log), log, System.nanoTime(),
                            resumed));
                }
                if (active.isEmpty()) {
                    break;
                }
                java.util.concurrent.CompletableFuture.anyOf(active.values().stream()
                        .map(w -> w.process().onExit()).toArray(java.util.concurrent.CompletableFuture[]::new)).join();
                for (java.util.Iterator<Map.Entry<Integer, RunningWorker>> it = active.entrySet().iterator();
                     it.hasNext(); ) {
                    Map.Entry<Integer, RunningWorker> e = it.next();
                    RunningWorker w = e.getValue();
                    if (w.process().isAlive()) {
                        continue;
                    }
                    it.remove();
                    Run r = runs.get(e.getKey());
                    double secs = (System.nanoTime() - w.startNanos()) / 1e9;
                    if (w.process().exitValue() == 0) {
                        done.add(r.rel());
                        records[e.getKey()] = new RunRecord(r.rel(), r.method, r.k, w.resumed() ? "resumed" : "ran",
                                secs);
                        say(String.format(Locale.ROOT, "%s: finished in %.0fs%s (%d/%d runs done)",
                                label(e.getKey(), runs), secs,
                                finalSummary(new RunDirectory(plan.out().resolve(r.rel()))), done.size(),
                                runs.size()));
                    } else {
                        failures.add(r.rel() + " (exit " + w.process().exitValue() + "): "
                                + RunLauncher.lastError(w.log()) + "; log " + w.log());
                        say(label(e.getKey(), runs) + ": failed; log " + w.log());
                    }
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook stops the workers
            }
        }
        if (!failures.isEmpty()) {
            throw new RunLauncher.WorkerFailedException("run " + String.join("; run ", failures));
        }
        return java.util.Arrays.stream(records).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Executes the runs that must train on the cluster ({@link GridExecutor}): finished runs are skipped here, as by
     * the other executors; every other run becomes a task that starts after its cold start. Each run the cluster
     * reports done must then be a finished, readable run directory, else the experiment fails naming it.
     */
    private List<RunRecord> executeOnCluster(Plan plan, List<Run> runs) throws IOException {
        RunRecord[] records = new RunRecord[runs.size()];
        List<GridExecutor.Task> tasks = new ArrayList<>();
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            RunRecord skipped = skipIfFinished(plan, r, label(i, runs));
            if (skipped != null) {
                records[i] = skipped;
                continue;
            }
            index.put(r.rel(), i);
            tasks.add(new GridExecutor.Task(r.rel(), r.coldStart == null ? null
                    : ExperimentLayout.runDir(r.k, r.coldStart), label(i, runs)));
        }
        if (!tasks.isEmpty()) {
            say(String.format(Locale.ROOT, "%d of %d runs to train on %s (logs in %s)", tasks.size(), runs.size(),
                    cluster.where(), plan.out().resolve(ExperimentLayout.LOGS)));
            Files.createDirectories(plan.out().resolve(ExperimentLayout.LOGS));
            for (GridExecutor.Result res : cluster.execute(tasks)) {
                int i = index.get(res.run());
                Run r = runs.get(i);
                if (!finishedAndReadable(plan, r)) {
                    throw new IllegalStateException(r.rel() + " was reported trained by " + cluster.where()
                            + " but " + plan.out().resolve(r.rel()) + " holds no finished run the report can read");
                }
                records[i] = new RunRecord(r.rel(), r.method, r.k, res.resumed() ? "resumed" : "ran", res.seconds());
                say(String.format(Locale.ROOT, "%s: finished in %.0fs on %s%s%s", label(i, runs), res.seconds(),
                        res.host(), res.attempt() > 0 ? " (attempt " + (res.attempt() + 1) + ")" : "",
                        finalSummary(new RunDirectory(plan.out().resolve(r.rel())))));
            }
        }
        return java.util.Arrays.stream(records).filter(java.util.Objects::nonNull).toList();
    }

    /** A run executing in a worker process. */
    private record RunningWorker(Process process, Path log, long startNanos, boolean resumed) {
    }

    /** A configuration and its resolved YAML. */
    private record Resolved(TrainConfig cfg, String yaml) {
    }

    /**
     * Why a finished run directory cannot serve the report (unreadable files, or no {@code final} evaluation of a
     * configured split), or {@code null} when it can.
     */
    private static String unreadable(Path dir, String rel, TrainConfig cfg) {
        try {
            RunData data = RunDirectories.readRun(dir, rel, key -> false);
            for (String split : cfg.eval().splits()) {
                if (!data.eval().checkpoint("final").containsKey(split)) {
                    return rel + "/" + ExperimentLayout.EVAL + " has no final evaluation of " + split;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    /**
     * The keys whose values differ between a stored run's resolved configuration and this experiment's, as
     * {@code key: stored -> now} (at most three, then a count).
     */
    static String configDifference(String stored, String now) {
        Map<String, Object> a = resolvedKeys(stored, "stored " + ExperimentLayout.CONFIG);
        Map<String, Object> b = resolvedKeys(now, "this experiment");
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> diffs = new ArrayList<>();
        for (String k : keys) {
            if (!java.util.Objects.equals(a.get(k), b.get(k))) {
                diffs.add(k + ": " + (a.containsKey(k) ? a.get(k) : "(absent)") + " -> "
                        + (b.containsKey(k) ? b.get(k) : "(absent)"));
            }
        }
        if (diffs.isEmpty()) {
            return "its " + ExperimentLayout.CONFIG + " differs in layout only";
        }
        String shown = String.join(", ", diffs.subList(0, Math.min(3, diffs.size())));
        return shown + (diffs.size() > 3 ? " and " + (diffs.size() - 3) + " more keys" : "");
    }

    private static Map<String, Object> resolvedKeys(String yaml, String source) {
        ConfigTree t = ConfigTree.parse(yaml, source);
        try {
            TrainConfig.read(t);
        } catch (ConfigException e) {
            // a configuration of another build: compare what it holds
        }
        return t.resolved();
    }

    private static Resolved resolve(ConfigTree base, List<String> overrides, String what) {
        ConfigTree t = base.withOverrides(overrides);
        TrainConfig cfg = read(t, "method " + what);
        return new Resolved(cfg, t.resolvedYaml());
    }

    private static TrainConfig read(ConfigTree t, String what) {
        try {
            return TrainConfig.read(t);
        } catch (ConfigException e) {
            throw new ConfigException(e.key(), what + ": " + e.getMessage().substring(
                    e.key() == null || e.key().isEmpty() ? 0 : e.key().length() + 2));
        }
    }

    /**
     * Whether a {@code key=value} override names a key of this build's training configuration
     * ({@link TrainConfig#isKey}); its value is checked later, with the rest, so a known key with a bad value is
     * rejected loudly rather than dropped.
     */
    static boolean knows(String override) {
        return TrainConfig.isKey(override.substring(0, override.indexOf('=')));
    }

    /**
     * Refuses a run directory that holds another configuration, and returns the record of a run that finished
     * earlier and can be read (skipped), or {@code null} when the run must (still) execute.
     */
    private RunRecord skipIfFinished(Plan plan, Run r, String label) throws IOException {
        refuseOtherConfiguration(plan, r);
        if (finishedAndReadable(plan, r)) {
            say(label + ": finished earlier, skipped");
            return new RunRecord(r.rel(), r.method, r.k, "skipped", 0);
        }
        return null;
    }

    /** Refuses a run directory whose stored {@code config.yaml} differs from the configuration the run gets now. */
    private static void refuseOtherConfiguration(Plan plan, Run r) throws IOException {
        Path storedConfig = plan.out().resolve(r.rel()).resolve(ExperimentLayout.CONFIG);
        if (Files.isRegularFile(storedConfig)
                && !Files.readString(storedConfig).equals(r.config.yaml())) {
            throw new ConfigException("", r.rel() + " holds a run with a different configuration ("
                    + configDifference(Files.readString(storedConfig), r.config.yaml()) + "); nothing was changed; "
                    + "use another --out or remove that directory");
        }
    }

    /** Whether the run finished earlier and the report can read it (then it is skipped). */
    private static boolean finishedAndReadable(Plan plan, Run r) {
        Path dir = plan.out().resolve(r.rel());
        RunInfo previous = RunBook.read(dir);
        return previous != null && previous.finished() && unreadable(dir, r.rel(), r.config.cfg()) == null;
    }

    /**
     * Executes one run (or skips it when it finished earlier) while holding its directory's {@link RunLock}, so a
     * run is never trained by two processes at once (a worker left behind by a killed experiment, a second
     * invocation's worker): the second is refused naming the first.
     */
    private RunRecord execute(Plan plan, Run r, String label) throws IOException {
        try (RunLock runLock = RunLock.acquire(plan.out().resolve(r.rel()),
                String.join(" ", plan.command()) + " (run " + r.rel() + ")")) {
            return executeLocked(plan, r, label);
        }
    }

    private RunRecord executeLocked(Plan plan, Run r, String label) throws IOException {
        RunRecord skipped = skipIfFinished(plan, r, label);
        if (skipped != null) {
            return skipped;
        }
        String rel = r.rel();
        Path dir = plan.out().resolve(rel);
        RunBook book = RunBook.open(dir, r.method, r.k, String.join(" ", plan.command()),
                Map.of("train_seed", Long.toString(r.seed)), version, true);
        RunInfo previous = book.previous();
        if (previous != null && previous.finished()) {
            String problem = unreadable(dir, rel, r.config.cfg());
            // a finished run the report cannot read would silently drop out of results.json: run it again
            // (deterministic: the same numbers), keeping the unreadable evaluation file for inspection
            say(label + ": finished earlier, but " + problem + "; running it again");
            Path eval = dir.resolve(ExperimentLayout.EVAL);
            if (Files.exists(eval)) {
                Files.move(eval, dir.resolve(ExperimentLayout.EVAL + ".unreadable"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        boolean resumed = previous != null;
        say(label + (resumed ? ": continuing" : ": starting") + " (seed " + r.seed + ")");
        if (progressOut != null) {
            progressOut.setPrefix(label);
        }
        RunDirectory run = new RunDirectory(dir);
        run.writeText(ExperimentLayout.CONFIG, r.config.yaml());
        book.running();
        int iterations;
        try {
            iterations = r.coldStart == null ? trainSft(r, run) : trainMethod(plan, r, run);
        } catch (RuntimeException e) {
            book.failed(e);
            throw e;
        }
        book.finished(iterations);
        double secs = book.attemptSeconds();
        say(String.format(Locale.ROOT, "%s: finished in %.0fs%s", label, secs, finalSummary(run)));
        return new RunRecord(rel, r.method, r.k, resumed ? "resumed" : "ran", secs);
    }

    /**
     * The shared cold start: the training loop with {@code algorithm.iterations=0} runs SFT (with GCD critic
     * data when configured), saves checkpoint {@code sft} and evaluates it as {@code sft} and {@code final}.
     * Its SFT epochs go to the run's metrics.jsonl and TensorBoard.
     */
    private int trainSft(Run r, RunDirectory run) {
        TrainConfig cfg = r.config.cfg();
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        GrpoLoop.SinkFactory sinks = new GrpoLoop.SinkFactory() {
            @Override
            public MetricsSink metrics(boolean resume, long iteration) {
                return NO_METRICS;                                       // no RL iteration runs
            }

            @Override
            public MetricsSink sftMetrics() {
                return RunMetrics.open(run.root());
            }
        };
        new GrpoLoop(cfg, suite, factory, run, sinks, progress(), List.of()).run(false);
        return 0;
    }

    /** A sink for a loop that records nothing. */
    private static final MetricsSink NO_METRICS = new MetricsSink() {
        @Override
        public void record(long iteration, Map<String, Double> scalars) {
            throw new IllegalStateException("the SFT run records no RL iterations");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /**
     * A method from its cold start's SFT checkpoint (the seed's plain SFT, or its critic-data SFT for a GCD arm):
     * copy it in, then let the training loop resume from it.
     */
    private int trainMethod(Plan plan, Run r, RunDirectory run) throws IOException {
        TrainConfig cfg = r.config.cfg();
        Path sftRun = plan.out().resolve(ExperimentLayout.runDir(r.k, r.coldStart));
        Path sftCheckpoint = sftRun.resolve("checkpoints").resolve(Method.SFT);
        Path mine = run.checkpoint(Method.SFT);
        if (!Files.isRegularFile(mine.resolve(TrainingState.FILE))) {
            copyTree(sftCheckpoint, mine);
        }
        Map<String, Object> sftEval = new RunDirectory(sftRun).readEval();
        if (sftEval.get("checkpoints") instanceof Map<?, ?> cps && cps.get(Method.SFT) instanceof Map<?, ?> splits
                && !(run.readEval().get("checkpoints") instanceof Map<?, ?> own && own.containsKey(Method.SFT))) {
            for (Map.Entry<?, ?> e : splits.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> v = (Map<String, Object>) e.getValue();
                run.recordEval(Method.SFT, String.valueOf(e.getKey()), v);
            }
        }
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        GrpoLoop.SinkFactory sinks = new GrpoLoop.SinkFactory() {
            @Override
            public MetricsSink metrics(boolean resume, long iteration) {
                return resume && iteration > 0 ? RunMetrics.resume(run.root(), iteration)
                        : RunMetrics.open(run.root());
            }

            @Override
            public MetricsSink sftMetrics() {
                return JsonlMetricsSink.create(run.file(RunDirectory.SFT_METRICS));
            }
        };
        List<GrpoLoop.IterationListener> listeners = cfg.diagnostics().every() > 0       // coupling diagnostics
                ? List.of(new DiagnosticsListener(cfg, suite, run)) : List.of();
        GrpoLoop.Result result = new GrpoLoop(cfg, suite, factory, run, sinks, progress(), listeners).run(true);
        return result.iterations();
    }

    private Progress progress() {
        return progressOut == null ? Progress.none() : Progress.on(progressOut);
    }

    /** Copies a checkpoint directory to {@code to} through a temporary sibling and an atomic move. */
    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from.resolve(TrainingState.FILE))) {
            throw new ConfigException("", "the SFT checkpoint " + from + " is missing; remove its run directory "
                    + from.getParent().getParent() + " to train it again");
        }
        Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
        RunDirectory.deleteTree(tmp);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = tmp.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        RunDirectory.deleteTree(to);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String finalSummary(RunDirectory run) {
        StringBuilder sb = new StringBuilder();
        if (run.readEval().get("checkpoints") instanceof Map<?, ?> cps
                && cps.get(ExperimentLayout.FINAL_CHECKPOINT) instanceof Map<?, ?> fin) {
            for (Map.Entry<?, ?> e : fin.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> v && v.get("success_rate") instanceof Number n) {
                    sb.append(String.format(Locale.ROOT, " %s %.3f", e.getKey(), n.doubleValue()));
                }
            }
        }
        return sb.length() == 0 ? "" : "; final success" + sb;
    }

    /**
     * Records this invocation in {@code experiment.json} before it trains anything: the file keeps the experiment's
     * definition from its first invocation (command, preset, experiment seed, overrides, optional keys), the methods
     * and seeds of all its invocations together, and {@code invocations}: one entry per invocation that trained or
     * continued runs (its time, command, preset, methods, seeds, workers, the runs it set out to train, and
     * {@link Provenance}). The top-level provenance fields hold the value every invocation shares, or the distinct
     * values in order ({@code a, b}). A file of an earlier build (no {@code invocations}) becomes the first entry.
     */
    private void recordInvocation(Plan plan, long experimentSeed, List<String> optional, List<String> skipped,
                                  List<String> toTrain) throws IOException {
        Path file = plan.out().resolve(ExperimentLayout.EXPERIMENT);
        Map<String, Object> earlier = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                if (JSON.readTree(file.toFile()) instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                    earlier.putAll(JSON.convertValue(o, new com.fasterxml.jackson.core.type.TypeReference<
                            LinkedHashMap<String, Object>>() { }));
                }
            } catch (IOException e) {
                LOG.warn("{} cannot be read ({}); its history starts again with this invocation", file,
                        e.getMessage());
            }
        }
        Map<String, String> provenance = Provenance.collect(version, Path.of("").toAbsolutePath());
        List<Map<String, Object>> invocations = new ArrayList<>();
        if (earlier.get(INVOCATIONS) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                    invocations.add(copy);
                }
            }
        } else if (earlier.containsKey("command")) {           // written by a build that kept no history
            Map<String, Object> first = new LinkedHashMap<>();
            for (String k : List.of("command", "preset", "methods", "seeds", "gcd_cold_start", "workers",
                    "overrides")) {
                if (earlier.containsKey(k)) {
                    first.put(k, earlier.get(k));
                }
            }
            provenance.keySet().stream().filter(earlier::containsKey).forEach(k -> first.put(k, earlier.get(k)));
            invocations.add(first);
        }
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("started_at", java.time.Instant.now().toString());
        now.put("command", plan.command());
        now.put("preset", plan.preset().name());
        now.put("methods", plan.methods().stream().map(Method::name).toList());
        now.put("seeds", plan.seeds());
        now.put("gcd_cold_start", plan.preset().gcdColdStart());
        now.put("workers", plan.workers());
        if (cluster != null) {
            now.put("master", cluster.where());
        }
        now.put("overrides", plan.overrides());
        now.put("runs", toTrain);
        now.putAll(provenance);
        invocations.add(now);

        Map<String, Object> first = invocations.get(0);
        java.util.LinkedHashSet<String> methods = new java.util.LinkedHashSet<>();
        int seeds = 0;
        for (Map<String, Object> inv : invocations) {
            if (inv.get("methods") instanceof List<?> ms) {
                ms.forEach(m -> methods.add(String.valueOf(m)));
            }
            if (inv.get("seeds") instanceof Number n) {
                seeds = Math.max(seeds, n.intValue());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", first.get("command"));
        m.put("preset", first.getOrDefault("preset", plan.preset().name()));
        m.put("methods", List.copyOf(methods));
        m.put("seeds", seeds);
        m.put("gcd_cold_start", first.getOrDefault("gcd_cold_start", plan.preset().gcdColdStart()));
        m.put("purpose", earlier.getOrDefault("purpose", plan.preset().purpose()));
        m.put("experiment_seed", experimentSeed);
        List<String> runSeeds = new ArrayList<>();
        for (int k = 0; k < seeds; k++) {
            runSeeds.add(ExperimentLayout.seedDir(k) + "=" + runSeed(experimentSeed, k));
        }
        m.put("run_seeds", runSeeds);
        m.put("overrides", first.getOrDefault("overrides", plan.overrides()));
        m.put("optional_keys_applied", earlier.getOrDefault("optional_keys_applied", optional));
        m.put("optional_keys_unknown", earlier.getOrDefault("optional_keys_unknown", skipped));
        for (String k : provenance.keySet()) {
            java.util.LinkedHashSet<String> values = new java.util.LinkedHashSet<>();
            for (Map<String, Object> inv : invocations) {
                if (inv.get(k) != null) {
                    values.add(String.valueOf(inv.get(k)));
                }
            }
            m.put(k, String.join(", ", values));
        }
        m.put(INVOCATIONS, invocations);
        ReportJob.writeAtomically(file, JSON.writeValueAsString(m));
    }

    private void say(String line) {
        if (progressOut != null) {
            progressOut.message(line);
        }
        LOG.debug(line);
    }
}
