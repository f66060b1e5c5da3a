package dev.untangle.rl;

import dev.untangle.config.ConfigException;
import dev.untangle.config.GcdConfig.LabelSource;
import dev.untangle.config.PromptOptions.History;
import dev.untangle.config.RolloutConfig.DecodingMode;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.eval.EvalResult;
import dev.untangle.eval.Evaluator;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.rl.advantage.AdvantageEstimator;
import dev.untangle.rl.advantage.AdvantageEstimators;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.advantage.Advantages;
import dev.untangle.rl.gcd.SelfCorrection;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.loss.LossAggregation;
import dev.untangle.rl.loss.LossTerms;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.Rollouts;
import dev.untangle.rl.trajectory.StepSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run, read top to bottom: seed, environments, model and optimiser, storage; SFT cold start;
 * then the loop {rollout, advantage, update, log}. GRPO and GiGPO share this loop and differ only in the
 * registered {@link AdvantageEstimator}; every loss term (GCD included) comes from {@link LossTerms}.
 */
public final class GrpoLoop {

    private static final Logger LOG = LoggerFactory.getLogger(GrpoLoop.class);

    /** Opens the run's metrics sinks (the command line passes the report package's JSONL/TensorBoard sinks). */
    public interface SinkFactory {
        /**
         * The per-iteration RL metrics ({@code metrics.jsonl}).
         *
         * @param resume    whether the run resumes (otherwise earlier metrics are discarded)
         * @param iteration the first iteration to be recorded: a resuming sink drops records at or after it
         */
        MetricsSink metrics(boolean resume, long iteration);

        /** The per-epoch SFT metrics ({@code sft_metrics.jsonl}), started afresh. */
        MetricsSink sftMetrics();
    }

    /**
     * A read-only observer of each iteration's step samples and policy (coupling diagnostics); it must not
     * change training and must not draw from the training random source. Its metrics join the iteration's
     * line.
     */
    @FunctionalInterface
    public interface IterationListener {
        /**
         * Called after advantage estimation, before the update.
         *
         * @param iteration the iteration (0-based)
         * @param policy    the policy that collected the samples (do not step its parameters)
         * @param reference the frozen reference policy, or {@code null} when no loss term needs one
         * @param optimizer the run's optimiser (read its state only; for example to rehearse one update on a
         *                  copy of the policy)
         * @param samples   the step samples with advantages
         * @return metrics to record (for example {@code coupling/...}); empty for none
         */
        Map<String, Double> afterAdvantages(int iteration, Policy policy, Policy reference, AdamW optimizer,
                                            Advantages samples);
    }

    /** What a run produced. */
    public record Result(Path finalCheckpoint, Map<String, EvalResult> finalEval, int iterations) {
    }

    private final TrainConfig cfg;
    private final EnvironmentSuite suite;
    private final PolicyFactory factory;
    private final RunDirectory run;
    private final SinkFactory sinks;
    private final Progress progress;
    private final List<IterationListener> listeners;
    /** The evaluation of the starting policy (after SFT or of model.init_from) when this run made one. */
    private Map<String, EvalResult> startEval;

    /**
     * Creates a run.
     *
     * @param cfg       the resolved configuration
     * @param suite     the environment suite
     * @param factory   creates and loads policies
     * @param run       the run directory
     * @param sinks     opens metrics sinks on {@code metrics.jsonl} and {@code sft_metrics.jsonl}
     * @param progress  progress bar ({@link Progress#none()} for silence)
     * @param listeners read-only iteration observers
     */
    public GrpoLoop(TrainConfig cfg, EnvironmentSuite suite, PolicyFactory factory, RunDirectory run,
                    SinkFactory sinks, Progress progress, List<IterationListener> listeners) {
        this.cfg = cfg;
        this.suite = suite;
        this.factory = factory;
        this.run = run;
        this.sinks = sinks;
        this.progress = progress;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains.
     *
     * @param resume continue from the run directory's latest checkpoint (the run restarts from scratch when
     *               it has none)
     */
    public Result run(boolean resume) {
        validate(cfg, suite);
        // --- environments, decoding, collectors --------------------------------------------------------------
        boolean constrained = cfg.rollout().decoding() == DecodingMode.CONSTRAINED;
        Decoding sampling = new Decoding(constrained, false, cfg.rollout().temperature(),
                cfg.rollout().maxActionTokens());
        Decoding evalDecoding = new Decoding(constrained, cfg.eval().greedy(), cfg.rollout().temperature(),
                cfg.rollout().maxActionTokens());
        EpisodePlayer player = new EpisodePlayer(suite, cfg.rollout().maxSteps(), cfg.rollout().envThreads());
        RolloutCollector collector = new RolloutCollector(player, cfg.env().trainSplit(), cfg.rollout().groupSize(),
                sampling);
        SelfCorrection correction = SelfCorrection.of(cfg.algorithm().gcd());        // off: wrap() is identity
        TaskSampler tasks = new TaskSampler(suite.split(cfg.env().trainSplit()).size(), cfg.rollout().groups());
        Evaluator evaluator = new Evaluator(suite, cfg.eval().maxSteps(), cfg.rollout().episodesPerIteration());

        // --- estimator and objective (registered by name) --------------------------------------------------
        AdvantageSettings advantageSettings = AdvantageSettings.of(cfg);              // reward.*, normalisation
        AdvantageEstimator estimator = AdvantageEstimators.create(cfg.algorithm().advantage(), advantageSettings);
        PolicyUpdater updater = new PolicyUpdater(LossTerms.active(cfg.algorithm()),
                LossAggregation.of(cfg.algorithm().aggregation()), cfg.algorithm().epochs(),
                cfg.algorithm().minibatchSize(), cfg.optim().maxGradNorm(), fullHistory());

        // --- model, reference, optimiser, random source (fresh or restored) --------------------------------
        Optional<Path> resumeFrom = resume ? run.latestIterationCheckpoint() : Optional.empty();
        int start = resumeFrom.map(TrainingState::iterationsDone).orElse(0);
        Policy policy = null;
        Policy reference = null;
        try (MetricsSink metrics = sinks.metrics(resume, start)) {
            Random rng;
            if (resumeFrom.isPresent()) {
                Path dir = resumeFrom.get();
                LOG.info("resuming from {} ({} iterations done)", dir, start);
                CheckpointManifest.verify(dir);
                policy = factory.load(dir.resolve("policy"));
                reference = !updater.needsReference() ? null
                        : policy.referenceIsFixed() ? policy.reference()              // LoRA: adapters off
                        : factory.load(dir.resolve("reference"));
                rng = TrainingState.loadRng(dir);
            } else {
                policy = initialPolicy(resume, evaluator, evalDecoding);
                reference = updater.needsReference() ? policy.reference() : null;
                rng = new Random(cfg.seed());
            }
            try (AdamW optimizer = new AdamW(policy.parameters(), cfg.optim())) {
                resumeFrom.ifPresent(dir -> TrainingState.loadOptimizer(dir, optimizer));

                // --- the loop: rollout, advantage, update, log ---------------------------------------------
                int iterations = cfg.algorithm().iterations();
                progress.start("rl", iterations, start);
                double checkpointSeconds = 0;
                for (int it = start; it < iterations; it++) {
                    long t0 = System.nanoTime();
                    DynamicSampling.Batch batch = collect(collector, correction, policy, tasks, estimator, rng,
                            it);                                                                  // env -> rollout
                    long t1 = System.nanoTime();
                    Advantages adv = estimator.estimate(batch.train().episodes());              // rollout -> adv
                    long t2 = System.nanoTime();
                    Map<String, Double> line = new LinkedHashMap<>(batch.drawn().stats(advantageSettings.reward()));
                    line.putAll(adv.stats());
                    line.putAll(batch.metrics());                            // filter/*, gcd/correction_* (or none)
                    for (IterationListener l : listeners) {
                        line.putAll(l.afterAdvantages(it, policy, reference, optimizer, adv));
                    }
                    long t3 = System.nanoTime();
                    line.putAll(updater.update(policy, reference, adv.samples(), optimizer, rng)); // adv -> step
                    long t4 = System.nanoTime();
                    line.put("time/update_tokens_per_s", trainedTokens(adv) * cfg.algorithm().epochs()
                            / ((t4 - t3) / 1e9));
                    int done = it + 1;
                    // Order of the writes (docs/OUTPUTS.md): the evaluation, then this iteration's metrics line,
                    // then the checkpoint, so a checkpoint exists only once everything before it is recorded; a run
                    // killed in between resumes from the previous checkpoint and rewrites the same lines.
                    if (cfg.eval().every() > 0 && done % cfg.eval().every() == 0 && done < iterations) {
                        try {
                            line.putAll(evaluate(evaluator, policy, evalDecoding, RunDirectory.iterationName(done)));
                        } catch (EnvironmentException e) {   // an outage costs this evaluation, not the run
                            LOG.warn("periodic evaluation after iteration {} skipped: {}", done, e.getMessage());
                        }
                    }
                    long t5 = System.nanoTime();
                    line.put("time/rollout_s", (t1 - t0) / 1e9);
                    line.put("time/advantage_s", (t2 - t1) / 1e9);
                    line.put("time/diagnostics_s", (t3 - t2) / 1e9);
                    line.put("time/update_s", (t4 - t3) / 1e9);
                    line.put("time/eval_s", (t5 - t4) / 1e9);
                    line.put("time/checkpoint_s", checkpointSeconds);       // written after the previous line
                    line.put("time/iteration_s", (t5 - t0) / 1e9 + checkpointSeconds);
                    metrics.record(it, line);
                    metrics.flush();
                    long t6 = System.nanoTime();
                    if (cfg.checkpoint().every() > 0 && done % cfg.checkpoint().every() == 0 && done < iterations) {
                        TrainingState.save(run.checkpoint(RunDirectory.iterationName(done)), done, policy, reference,
                                optimizer, rng);
                        run.pruneIterationCheckpoints(cfg.checkpoint().keep());
                    }
                    checkpointSeconds = (System.nanoTime() - t6) / 1e9;
                    progress.advance(line.get("rollout/success_rate"));
                    LOG.info(String.format(Locale.ROOT, "iteration %d/%d: success %.3f reward %.3f loss %.4f "
                                    + "kl_old %.4f entropy %.3f (%.1fs)", done, iterations, line.get("rollout/success_rate"),
                            line.get("rollout/reward"), line.getOrDefault("loss/total", Double.NaN),
                            line.getOrDefault("loss/approx_kl_old", Double.NaN),
                            line.getOrDefault("loss/entropy", Double.NaN), line.get("time/iteration_s")));
                }
                progress.finish();

                // --- final checkpoint and evaluation -------------------------------------------------------
                Path finalDir = run.checkpoint("final");
                TrainingState.save(finalDir, iterations, policy, reference, optimizer, rng);
                Map<String, EvalResult> finalEval;
                if (start == iterations && startEval != null) {
                    // no update since the start's evaluation: the same policy on the same tasks and seeds
                    finalEval = startEval;
                    startEval.forEach((split, r) -> run.recordEval("final", split, r.toJson()));
                } else {
                    finalEval = evaluateAll(evaluator, policy, evalDecoding, "final");
                }
                return new Result(finalDir, finalEval, iterations);
            }
        } finally {
            if (reference != null) {
                reference.close();
            }
            if (policy != null) {
                policy.close();
            }
        }
    }

    /**
     * Checks everything the run will need before any work starts: the model kind, advantage estimator and loss
     * terms by name, the training split, every evaluation split, and the SFT expert (and its ability to label for
     * DAgger) when SFT will run.
     *
     * @throws ConfigException naming the key whose value cannot be served
     */
    public static void validate(TrainConfig cfg, EnvironmentSuite suite) {
        ModelKinds.get(cfg.model().kind());
        AdvantageEstimators.create(cfg.algorithm().advantage(), AdvantageSettings.of(cfg));
        LossTerms.active(cfg.algorithm());
        checkSplit(suite, "env.train_split", cfg.env().trainSplit());
        for (String split : cfg.eval().splits()) {
            checkSplit(suite, "eval.splits", split);
        }
        boolean sftRuns = cfg.sft().enabled() && cfg.sft().epochs() > 0 && cfg.model().initFrom().isEmpty();
        if (sftRuns && suite.expert(cfg.sft().expert()).isEmpty()) {
            throw new ConfigException("sft.expert", "environment " + suite.name() + " has no expert '"
                    + cfg.sft().expert() + "'; known: " + suite.experts() + " (sft.enabled=false trains without "
                    + "a cold start)");
        }
        if (cfg.algorithm().gcd().enabled() && cfg.algorithm().gcd().labelSource() == LabelSource.PROGRESS
                && !suite.reportsProgress()) {
            throw new ConfigException("algorithm.gcd.label_source", "'progress' needs an environment that judges "
                    + "its steps (the built-in household world); " + suite.name() + " reports no progress signal");
        }
        if (cfg.reward().shaping() > 0 && !suite.reportsProgress()) {
            throw new ConfigException("reward.shaping", "shaping adds the environment's step progress, and "
                    + suite.name() + " reports none (only the built-in household world does): it would change "
                    + "nothing; set reward.shaping=0");
        }
        if (sftRuns && cfg.sft().daggerRounds() > 0) {
            new Dagger(suite, cfg.sft().expert(), cfg.rollout().maxSteps());  // refuses an expert that cannot label
        }
    }

    private static void checkSplit(EnvironmentSuite suite, String key, String split) {
        try {
            suite.split(split);
        } catch (EnvironmentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    /**
     * One iteration's episodes: one draw of {@code rollout.groups} tasks, or with {@code rollout.filter_groups} as
     * many draws as {@link DynamicSampling} needs. The self-correction metrics ({@code gcd/correction_*}) are
     * averaged over the draws and join {@link DynamicSampling.Batch#metrics}.
     */
    private DynamicSampling.Batch collect(RolloutCollector collector, SelfCorrection correction, Policy policy,
                                          TaskSampler tasks, AdvantageEstimator estimator, Random rng, int it) {
        MetricMean correctionMetrics = new MetricMean();
        Function<Set<Integer>, Rollouts> draw = used -> {
            Rollouts r = collectDraw(collector, correction, policy, tasks, used, rng, it);
            correctionMetrics.add(correction.metrics(r.episodes()));                  // gcd/correction_* (or none)
            return r;
        };
        DynamicSampling.Batch batch;
        if (cfg.rollout().filterGroups()) {
            batch = new DynamicSampling(cfg.rollout().groups(), cfg.rollout().maxDraws(), estimator).collect(draw);
        } else {
            Rollouts r = draw.apply(new HashSet<>());
            batch = new DynamicSampling.Batch(r, r, Map.of());
        }
        Map<String, Double> metrics = new LinkedHashMap<>(batch.metrics());
        metrics.putAll(correctionMetrics.result());
        return new DynamicSampling.Batch(batch.train(), batch.drawn(), metrics);
    }

    /**
     * One draw's rollouts, of tasks outside {@code used} (the draw's task ids are added to it). Every failed
     * episode's cause goes to {@code env_failures.jsonl}. An attempt whose
     * every episode failed in the environment (a server down) trains nothing and is repeated with new tasks; after
     * {@code rollout.max_failed_attempts} such attempts in a row the run stops with an error naming the first
     * cause (a remote environment's message names its server).
     */
    private Rollouts collectDraw(RolloutCollector collector, SelfCorrection correction, Policy policy,
                                 TaskSampler tasks, Set<Integer> used, Random rng, int it) {
        int limit = cfg.rollout().maxFailedAttempts();
        for (int attempt = 1; ; attempt++) {
            List<Integer> ids = tasks.next(rng, used);
            Rollouts rollouts = collector.collect(correction.wrap(policy), ids, rng);
            run.logEnvironmentFailures(it, rollouts.episodes());
            Optional<Episode> working = rollouts.episodes().stream().filter(e -> !e.failed()).findFirst();
            if (working.isPresent()) {
                used.addAll(ids);
                return rollouts;
            }
            String first = rollouts.episodes().isEmpty() ? "no episodes"
                    : rollouts.episodes().get(0).environmentError();
            if (attempt >= limit) {
                throw new EnvironmentException(String.format(Locale.ROOT, "iteration %d (0-based, as in "
                        + "metrics.jsonl): every one of the %d episodes failed in the environment, %d attempts in "
                        + "a row (rollout.max_failed_attempts); first error: %s; every cause is in %s", it,
                        rollouts.episodes().size(), attempt, first, run.file(RunDirectory.ENV_FAILURES)));
            }
            LOG.warn("iteration {} (0-based): every episode failed in the environment (attempt {}/{}), nothing "
                    + "trained; first error: {}", it, attempt, limit, first);
            correction.metrics(rollouts.episodes());          // a failed attempt's decisions do not count later
        }
    }

    /** Whether prompts carry the whole episode (minibatches then take whole episodes: one pass each). */
    private boolean fullHistory() {
        return cfg.prompt().history() == History.FULL;
    }

    /** The policy RL starts from: {@code model.init_from}, a saved SFT checkpoint, or fresh plus SFT. */
    private Policy initialPolicy(boolean resume, Evaluator evaluator, Decoding evalDecoding) {
        if (!cfg.model().initFrom().isEmpty()) {
            Path dir = Path.of(cfg.model().initFrom());
            boolean checkpoint = Files.isDirectory(dir.resolve("policy"));
            Path policyDir = checkpoint ? dir.resolve("policy") : dir;
            CheckpointManifest.verify(checkpoint ? dir : dir.toAbsolutePath().getParent());
            LOG.info("starting from the saved policy {}", policyDir);
            Policy p = factory.load(policyDir);
            startEval = evaluateAll(evaluator, p, evalDecoding, "init");
            return p;
        }
        Path sftDir = run.checkpoint("sft");
        if (resume && Files.exists(sftDir.resolve(TrainingState.FILE))) {
            LOG.info("resuming after SFT from {}", sftDir);
            CheckpointManifest.verify(sftDir);
            Policy p = factory.load(sftDir.resolve("policy"));
            if (!sftEvaluated()) {                                  // the run stopped while evaluating SFT
                startEval = evaluateAll(evaluator, p, evalDecoding, "sft");
            }
            return p;
        }
        Policy policy = factory.create(cfg, suite);
        LOG.info("policy with {} parameters", policy.parameterCount());
        if (cfg.sft().enabled() && cfg.sft().epochs() > 0) {
            try (MetricsSink sftMetrics = sinks.sftMetrics()) {
                new ColdStart(cfg, suite, progress).train(policy, evalDecoding, sftMetrics);
            }
            TrainingState.save(sftDir, 0, policy, null, null, null);      // saved first: a crash in the
            startEval = evaluateAll(evaluator, policy, evalDecoding, "sft");  // evaluation keeps the SFT
        }
        return policy;
    }

    /** Whether eval.json holds the SFT evaluation of every configured split. */
    private boolean sftEvaluated() {
        Object cps = run.readEval().get("checkpoints");
        return cps instanceof Map<?, ?> m && m.get("sft") instanceof Map<?, ?> sft
                && sft.keySet().containsAll(cfg.eval().splits());
    }

    private Map<String, EvalResult> evaluateAll(Evaluator evaluator, Policy policy, Decoding decoding, String label) {
        Map<String, EvalResult> out = new LinkedHashMap<>();
        for (int i = 0; i < cfg.eval().splits().size(); i++) {
            String split = cfg.eval().splits().get(i);
            EvalResult r = evaluator.evaluate(policy, split, cfg.eval().episodes(), decoding, evalSeed(cfg, i));
            run.recordEval(label, split, r.toJson());
            out.put(split, r);
            LOG.info(String.format(Locale.ROOT, "eval %s %s: success %.3f over %d episodes (%s)", label, split,
                    r.successRate(), r.episodes(), r.mode()));
        }
        return out;
    }

    private Map<String, Double> evaluate(Evaluator evaluator, Policy policy, Decoding decoding, String label) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Map.Entry<String, EvalResult> e : evaluateAll(evaluator, policy, decoding, label).entrySet()) {
            m.put("eval/" + e.getKey() + "/success_rate", e.getValue().successRate());
        }
        return m;
    }

    /**
     * The seed of the sampled evaluation of split number {@code i} of {@code eval.splits}: fixed per run, so
     * evaluations compare, and {@code untangle eval} on a run directory reproduces the run's own numbers.
     */
    public static long evalSeed(TrainConfig cfg, int i) {
        return cfg.seed() * 1_000_003L + 7919L * (i + 1);
    }

    /** Tokens one epoch's forward passes read (an episode's steps share one row in the full history mode). */
    private static double trainedTokens(Advantages adv) {
        long n = 0;
        for (List<StepSample> episode : Minibatches.byEpisode(adv.samples())) {
            n += ScoreRequest.packedTokens(PolicyUpdater.requests(episode));
        }
        return n;
    }

    /**
     * The method name recorded in {@code run.json}, as the experiment runner names methods: {@code sft} when no
     * RL iteration runs, otherwise the advantage estimator's name, followed by {@code +gcd} when the GCD term is on.
     */
    public static String methodName(TrainConfig cfg) {
        if (cfg.algorithm().iterations() == 0) {
            return "sft";
        }
        return cfg.algorithm().advantage() + (cfg.algorithm().gcd().enabled() ? "+gcd" : "");
    }

    /** Names of the loss terms the configuration activates (for logs and --help). */
    public static List<String> activeTerms(TrainConfig cfg) {
        List<String> out = new ArrayList<>();
        LossTerms.active(cfg.algorithm()).forEach(t -> out.add(t.name()));
        return out;
    }
}
