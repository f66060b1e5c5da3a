package dev.untangle.experiment;

import dev.untangle.report.Curve;
import dev.untangle.report.EvalResults;
import dev.untangle.report.ExperimentData;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.report.MetricKeys;
import dev.untangle.report.MetricsRecord;
import dev.untangle.report.Results;
import dev.untangle.report.RunData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Aggregates an experiment's runs over seeds: the results table (mean, standard deviation, range and, with
 * enough seeds, bootstrap confidence interval of the {@code final} evaluation's success rates, per method and
 * split, overall and per task type), the paired differences of each {@code +gcd} method against its baseline,
 * the paired per-task comparisons with their verdicts ({@link SignificanceRule}), the training curves, the
 * seeds the coupling charts compare, and how often RL had no learning signal. Pure functions of the data read
 * from disk and the {@link Bootstrap} parameters.
 */
public final class Aggregation {

    /** Most iterations kept per aggregated curve (evenly thinned beyond that). */
    public static final int MAX_CURVE_POINTS = 300;
    /** Bootstrap resamples per curve point (curves have many points; the table uses the full count). */
    public static final int CURVE_RESAMPLES = 1000;

    private Aggregation() {
    }

    /**
     * The results table of an experiment. Only complete runs (status finished with a {@code final}
     * evaluation) count; every run found is listed in {@link Results#runs()}.
     */
    public static Results results(ExperimentData data, Bootstrap bootstrap) {
        SignificanceRule rule = SignificanceRule.of(bootstrap);
        List<RunData> complete = data.runs().stream().filter(RunData::complete).toList();
        Set<String> methodSet = new TreeSet<>(ExperimentLayout.METHOD_ORDER);
        data.runs().forEach(r -> methodSet.add(r.info().method()));
        List<String> methods = List.copyOf(methodSet);
        TreeSet<Integer> seeds = new TreeSet<>();
        TreeSet<String> splitSet = new TreeSet<>();
        Map<String, TreeSet<String>> typeSets = new TreeMap<>();
        for (RunData r : complete) {
            seeds.add(r.info().seed());
            r.eval().checkpoint(ExperimentLayout.FINAL_CHECKPOINT).forEach((split, ev) -> {
                splitSet.add(split);
                typeSets.computeIfAbsent(split, k -> new TreeSet<>()).addAll(ev.byType().keySet());
            });
        }
        List<String> splits = List.copyOf(splitSet);
        Map<String, List<String>> typesBySplit = new LinkedHashMap<>();
        for (String s : splits) {
            typesBySplit.put(s, List.copyOf(typeSets.getOrDefault(s, new TreeSet<>())));
        }

        Map<String, Map<String, Results.Cell>> table = new LinkedHashMap<>();
        for (String method : methods) {
            Map<String, Results.Cell> row = new LinkedHashMap<>();
            for (String split : splits) {
                SortedMap<Integer, Double> overall = new TreeMap<>();
                SortedMap<Integer, Double> envReturn = new TreeMap<>();
                long episodes = 0;
                for (RunData r : complete) {
                    EvalResults.SplitEval ev = finalEval(r, method, split);
                    if (ev != null) {
                        overall.put(r.info().seed(), ev.successRate());
                        episodes += ev.episodes();
                        if (Double.isFinite(ev.meanEnvReturn())) {
                            envReturn.put(r.info().seed(), ev.meanEnvReturn());
                        }
                    }
                }
                Map<String, Results.Estimate> byType = new LinkedHashMap<>();
                for (String type : typesBySplit.get(split)) {
                    byType.put(type, estimate(typeValues(complete, method, split, type), bootstrap));
                }
                row.put(split, new Results.Cell(estimate(overall, bootstrap), byType, episodes,
                        envReturn.isEmpty() ? null : estimate(envReturn, bootstrap)));
            }
            table.put(method, row);
        }

        List<Results.TaskComparison> comparisons = taskComparisons(complete, methods, splits, bootstrap);
        List<Results.Paired> paired = new ArrayList<>();
        for (String method : methods) {
            String base = ExperimentLayout.baselineOf(method);
            if (base == null || !methodSet.contains(base)) {
                continue;
            }
            for (String split : splits) {
                SortedMap<Integer, Double> diff = difference(
                        table.get(method).get(split).overall().perSeed(),
                        table.get(base).get(split).overall().perSeed());
                Map<String, Results.Estimate> byType = new LinkedHashMap<>();
                for (String type : typesBySplit.get(split)) {
                    byType.put(type, estimate(difference(
                            table.get(method).get(split).byType().get(type).perSeed(),
                            table.get(base).get(split).byType().get(type).perSeed()), bootstrap));
                }
                Results.Estimate overall = estimate(diff, bootstrap);
                Results.Verdict verdict = comparisons.stream()
                        .filter(c -> c.first().equals(method) && c.second().equals(base) && c.split().equals(split))
                        .map(Results.TaskComparison::verdict).findFirst()
                        .orElseGet(() -> rule.verdict(null, overall));
                paired.add(new Results.Paired(method, base, split, overall, byType, verdict));
            }
        }

        List<Results.RunSummary> runs = new ArrayList<>();
        for (RunData r : data.runs()) {
            runs.add(new Results.RunSummary(r.relDir(), r.info().method(), r.info().seed(), r.info().status(),
                    r.complete(), r.info().iterations(), r.info().wallSeconds()));
        }
        List<String> missing = new ArrayList<>();
        for (RunData r : complete) {
            r.eval().checkpoint(ExperimentLayout.FINAL_CHECKPOINT).forEach((split, ev) -> {
                if (!ev.hasTaskOutcomes()) {
                    missing.add(r.relDir() + " " + split);
                }
            });
        }
        List<Results.Skipped> skipped = new ArrayList<>();
        for (ExperimentData.Problem p : data.skipped()) {
            String[] parts = p.dir().split("/", 2);
            int seed = parts.length == 2 ? ExperimentLayout.seedOf(parts[0]) : -1;
            String method = parts.length == 2 && seed >= 0 ? ExperimentLayout.methodOf(parts[1]) : null;
            skipped.add(new Results.Skipped(p.dir(), method, seed, p.message()));
        }
        return new Results(ExperimentLayout.FINAL_CHECKPOINT, bootstrap.level(), bootstrap.resamples(),
                bootstrap.seed(), List.copyOf(seeds), methods, splits, typesBySplit, table, paired, runs,
                comparisons, missing, Timelines.timeBreakdown(data), Timelines.learningCurves(data, bootstrap),
                rule.describe(), skipped, data.warnings(), coupling(data, bootstrap), Signals.summarize(data));
    }

    /**
     * Paired per-task comparisons of the {@code final} checkpoints ({@link PairedTasks}), per split: every
     * {@code X+gcd} against {@code X}, every other method against its own cold start ({@link #startOf}), then
     * every remaining pair of methods (the later one in table order first). A start's outcomes on a seed are its
     * run's {@code final} evaluation, or, without that run, the compared run's own {@code sft} checkpoint (the
     * copy of its start's evaluation). Each comparison carries the per-seed differences as an estimate over
     * seeds and the {@link SignificanceRule}'s verdict. Comparisons without a single pair are left out.
     *
     * @param complete the complete runs
     */
    public static List<Results.TaskComparison> taskComparisons(List<RunData> complete, List<String> methods,
                                                               List<String> splits, Bootstrap bootstrap) {
        SignificanceRule rule = SignificanceRule.of(bootstrap);
        List<String[]> pairs = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String m : methods) {
            String base = ExperimentLayout.baselineOf(m);
            if (base != null && methods.contains(base) && seen.add(m + " " + base)) {
                pairs.add(new String[] {m, base, Results.KIND_GCD});
            }
        }
        for (String m : methods) {
            String start = startOf(m, methods);
            if (start != null && seen.add(m + " " + start) && seen.add(start + " " + m)) {
                pairs.add(new String[] {m, start, Results.KIND_SFT});
            }
        }
        for (int i = 0; i < methods.size(); i++) {
            for (int j = i + 1; j < methods.size(); j++) {
                String a = methods.get(j);
                String b = methods.get(i);
                if (!seen.contains(a + " " + b) && !seen.contains(b + " " + a)) {
                    seen.add(a + " " + b);
                    pairs.add(new String[] {a, b, Results.KIND_OTHER});
                }
            }
        }
        List<Results.TaskComparison> out = new ArrayList<>();
        for (String split : splits) {
            for (String[] p : pairs) {
                Map<Integer, List<Integer>> first = new TreeMap<>();
                Map<Integer, List<Integer>> second = new TreeMap<>();
                for (RunData r : complete) {
                    if (!r.info().method().equals(p[0])) {
                        continue;
                    }
                    List<Integer> a = outcomes(r, ExperimentLayout.FINAL_CHECKPOINT, split);
                    List<Integer> b = p[2].equals(Results.KIND_SFT) ? startOutcomes(complete, p[1], r, split)
                            : outcomesOf(complete, p[1], r.info().seed(), split);
                    if (!a.isEmpty() && !b.isEmpty()) {
                        first.put(r.info().seed(), a);
                        second.put(r.info().seed(), b);
                    }
                }
                PairedTasks.Comparison c = PairedTasks.compare(first, second, bootstrap);
                if (c.pairs() == 0) {
                    continue;
                }
                SortedMap<Integer, Results.SeedPairs> perSeed = new TreeMap<>();
                SortedMap<Integer, Double> seedDiffs = new TreeMap<>();
                c.perSeed().forEach((seed, sc) -> {
                    perSeed.put(seed, new Results.SeedPairs(sc.pairs(), sc.b(), sc.c(), sc.difference()));
                    seedDiffs.put(seed, sc.difference());
                });
                Results.Estimate seeds = estimate(seedDiffs, bootstrap);
                out.add(new Results.TaskComparison(p[0], p[1], p[2], split, c.pairs(), c.tasks(), c.b(), c.c(),
                        c.firstRate(), c.secondRate(), c.difference(), c.ciLow(), c.ciHigh(), c.pValue(),
                        PairedTasks.minimumDetectableEffect(c.pairs(), c.b(), c.c()), perSeed, seeds,
                        rule.verdict(c, seeds)));
            }
        }
        return out;
    }

    private static final String SFT = ExperimentLayout.SFT_CHECKPOINT;

    private static List<Integer> outcomes(RunData r, String checkpoint, String split) {
        EvalResults.SplitEval ev = r.eval().checkpoint(checkpoint).get(split);
        return ev == null ? List.of() : ev.taskOutcomes();
    }

    private static List<Integer> outcomesOf(List<RunData> complete, String method, int seed, String split) {
        for (RunData r : complete) {
            if (r.info().method().equals(method) && r.info().seed() == seed) {
                return outcomes(r, ExperimentLayout.FINAL_CHECKPOINT, split);
            }
        }
        return List.of();
    }

    /**
     * A method's own cold start among {@code methods}: {@code sft+critic} for a {@code +gcd} method when the
     * experiment has that run (the GCD arms' critic-data SFT, {@code experiment.gcd_cold_start: critic}),
     * {@code sft} for every other method but {@code sft} itself; {@code null} for {@code sft}.
     */
    public static String startOf(String method, List<String> methods) {
        if (method.equals(SFT)) {
            return null;
        }
        if (ExperimentLayout.baselineOf(method) != null && methods.contains(Method.SFT_CRITIC)) {
            return Method.SFT_CRITIC;
        }
        return SFT;
    }

    /** The outcomes of {@code start} on the run's seed: the start run's final evaluation, else the run's own sft. */
    private static List<Integer> startOutcomes(List<RunData> complete, String start, RunData run, String split) {
        List<Integer> fromStartRun = outcomesOf(complete, start, run.info().seed(), split);
        return fromStartRun.isEmpty() ? outcomes(run, ExperimentLayout.SFT_CHECKPOINT, split) : fromStartRun;
    }

    /**
     * Mean, sample standard deviation, range and seed-level interval of per-seed values: the bootstrap
     * confidence interval with at least {@link SignificanceRule#minSeeds()} values, otherwise none
     * ({@link SignificanceRule#seedInterval}).
     *
     * @param perSeed seed to value (non-finite values are left out)
     */
    public static Results.Estimate estimate(SortedMap<Integer, Double> perSeed, Bootstrap bootstrap) {
        SortedMap<Integer, Double> finite = new TreeMap<>();
        perSeed.forEach((k, v) -> {
            if (v != null && Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        double[] x = finite.values().stream().mapToDouble(Double::doubleValue).toArray();
        Bootstrap.Interval ci = SignificanceRule.of(bootstrap).seedInterval(x, bootstrap);
        return new Results.Estimate(x.length, Stats.mean(x), Stats.sd(x), ci.low(), ci.high(), min(x), max(x), finite);
    }

    /** The band of a curve point over seeds: {@code {low, high}}, the interval or the seeds' range (NaN for one). */
    static double[] band(double[] v, SignificanceRule rule, Bootstrap bootstrap) {
        Bootstrap.Interval ci = rule.seedInterval(v, bootstrap);
        if (Double.isFinite(ci.low())) {
            return new double[] {ci.low(), ci.high()};
        }
        return v.length >= 2 ? new double[] {min(v), max(v)} : new double[] {Double.NaN, Double.NaN};
    }

    static double min(double[] x) {
        return x.length == 0 ? Double.NaN : java.util.Arrays.stream(x).min().getAsDouble();
    }

    static double max(double[] x) {
        return x.length == 0 ? Double.NaN : java.util.Arrays.stream(x).max().getAsDouble();
    }

    /** Per-seed {@code a - b} over the seeds both have. */
    public static SortedMap<Integer, Double> difference(Map<Integer, Double> a, Map<Integer, Double> b) {
        SortedMap<Integer, Double> d = new TreeMap<>();
        a.forEach((seed, v) -> {
            Double w = b.get(seed);
            if (w != null) {
                d.put(seed, v - w);
            }
        });
        return d;
    }

    /**
     * Training curves: for each charted key ({@link MetricKeys#DIAGNOSTIC_KEYS}, values as
     * {@link MetricKeys#value} reads them, and every {@code eval/<split>/success_rate} present) and method with at
     * least one finite value, the mean over seeds at each iteration with a band where two or more seeds logged
     * that iteration ({@link #band}). The coupling keys ({@link MetricKeys#COUPLING_KEYS}) use only the seeds of
     * {@link #coupling} (every seed when no seed has a measurement of every method). Runs still in progress
     * contribute the iterations they have logged.
     */
    public static List<Curve> curves(ExperimentData data, Bootstrap bootstrap) {
        Bootstrap curveBoot = bootstrap.withResamples(Math.min(bootstrap.resamples(), CURVE_RESAMPLES));
        SignificanceRule rule = SignificanceRule.of(bootstrap);
        List<Integer> couplingSeeds = couplingSelection(data).seeds();
        ExperimentData couplingData = couplingSeeds.isEmpty() ? data : data.onlySeeds(couplingSeeds);
        Set<String> keys = new LinkedHashSet<>();
        TreeSet<String> evalKeys = new TreeSet<>();
        for (RunData r : data.runs()) {
            for (MetricsRecord m : r.metrics()) {
                for (String k : m.values().keySet()) {
                    if (MetricKeys.evalSplitOf(k) != null) {
                        evalKeys.add(k);
                    }
                }
            }
        }
        keys.addAll(evalKeys);
        keys.addAll(MetricKeys.DIAGNOSTIC_KEYS);
        Set<String> methods = new TreeSet<>(ExperimentLayout.METHOD_ORDER);
        data.runs().forEach(r -> methods.add(r.info().method()));
        List<Curve> out = new ArrayList<>();
        for (String key : keys) {
            for (String method : methods) {
                TreeMap<Long, Map<Integer, Double>> byIter = new TreeMap<>();
                Set<Integer> contributing = new TreeSet<>();
                ExperimentData source = MetricKeys.COUPLING_KEYS.contains(key) ? couplingData : data;
                for (RunData r : source.runs()) {
                    if (!r.info().method().equals(method)) {
                        continue;
                    }
                    for (MetricsRecord m : r.metrics()) {
                        double v = MetricKeys.value(m, key);
                        if (Double.isFinite(v)) {
                            byIter.computeIfAbsent(m.iteration(), k -> new TreeMap<>()).put(r.info().seed(), v);
                            contributing.add(r.info().seed());
                        }
                    }
                }
                if (byIter.isEmpty()) {
                    continue;
                }
                List<Long> iters = thin(new ArrayList<>(byIter.keySet()), MAX_CURVE_POINTS);
                int n = iters.size();
                double[] x = new double[n];
                double[] mean = new double[n];
                double[] lo = new double[n];
                double[] hi = new double[n];
                for (int i = 0; i < n; i++) {
                    double[] v = byIter.get(iters.get(i)).values().stream().mapToDouble(Double::doubleValue).toArray();
                    x[i] = iters.get(i);
                    mean[i] = Stats.mean(v);
                    double[] band = band(v, rule, curveBoot);
                    lo[i] = band[0];
                    hi[i] = band[1];
                }
                out.add(new Curve(key, method, x, mean, lo, hi, contributing.size(), List.copyOf(contributing)));
            }
        }
        return out;
    }

    /**
     * The seeds the coupling charts compare ({@link Results.Coupling}): the methods with a coupling measurement
     * ({@link MetricKeys#COUPLING_KEYS}) or an attempt at one ({@link MetricKeys#COUPLING_PROBE_SAMPLES}) on
     * some run; among the experiment's seeds, those on which every such method measured; and for every run
     * left out, why. The success curves drawn beside the coupling are over the same seeds.
     */
    public static Results.Coupling coupling(ExperimentData data, Bootstrap bootstrap) {
        Results.Coupling c = couplingSelection(data);
        if (c.methods().isEmpty()) {
            return c;
        }
        List<Results.LearningCurve> success = Timelines.learningCurves(
                c.seeds().isEmpty() ? data : data.onlySeeds(c.seeds()), bootstrap);
        return new Results.Coupling(c.methods(), c.seeds(), c.measured(), c.leftOut(), success);
    }

    private static Results.Coupling couplingSelection(ExperimentData data) {
        Map<String, Map<Integer, RunData>> byMethod = new TreeMap<>(ExperimentLayout.METHOD_ORDER);
        Set<String> methods = new TreeSet<>(ExperimentLayout.METHOD_ORDER);
        for (RunData r : data.runs()) {
            byMethod.computeIfAbsent(r.info().method(), k -> new TreeMap<>()).put(r.info().seed(), r);
            if (measuredCoupling(r) || Double.isFinite(probeSamples(r))) {
                methods.add(r.info().method());
            }
        }
        if (methods.isEmpty()) {
            return Results.Coupling.none();
        }
        Set<Integer> all = data.seeds();
        Map<String, List<Integer>> measured = new LinkedHashMap<>();
        Set<Integer> common = new TreeSet<>(all);
        for (String m : methods) {
            List<Integer> seeds = new ArrayList<>();
            for (RunData r : byMethod.getOrDefault(m, Map.of()).values()) {
                if (measuredCoupling(r)) {
                    seeds.add(r.info().seed());
                }
            }
            measured.put(m, seeds);
            common.retainAll(seeds);
        }
        List<Results.LeftOut> leftOut = new ArrayList<>();
        for (int seed : all) {
            for (String m : methods) {
                if (!measured.get(m).contains(seed)) {
                    leftOut.add(new Results.LeftOut(m, seed, whyNoCoupling(data, byMethod.getOrDefault(m, Map.of())
                            .get(seed), m, seed)));
                }
            }
        }
        return new Results.Coupling(List.copyOf(methods), List.copyOf(common), measured, leftOut, List.of());
    }

    private static boolean measuredCoupling(RunData r) {
        for (MetricsRecord m : r.metrics()) {
            for (String k : MetricKeys.COUPLING_KEYS) {
                if (Double.isFinite(m.get(k))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The last logged {@code coupling/probe_samples} of a run, or NaN. */
    private static double probeSamples(RunData r) {
        double n = Double.NaN;
        for (MetricsRecord m : r.metrics()) {
            double v = m.get(MetricKeys.COUPLING_PROBE_SAMPLES);
            if (Double.isFinite(v)) {
                n = v;
            }
        }
        return n;
    }

    private static String whyNoCoupling(ExperimentData data, RunData r, String method, int seed) {
        if (r == null) {
            String dir = ExperimentLayout.runDir(seed, method);
            return data.skipped().stream().anyMatch(p -> p.dir().equals(dir))
                    ? "its run directory could not be read (listed under Skipped)" : "no run";
        }
        double probes = probeSamples(r);
        if (Double.isFinite(probes) && probes < 2) {
            long n = Math.round(probes);
            return "its probe set had " + n + " step" + (n == 1 ? "" : "s") + " with A != 0 (2 are needed)";
        }
        boolean logged = r.metrics().stream().anyMatch(m -> MetricKeys.COUPLING_KEYS.stream()
                .anyMatch(k -> m.values().containsKey(k)));
        if (logged) {
            return "every coupling value it logged is null (nothing to average)";
        }
        if ("running".equals(r.info().status())) {
            return "no measurement yet (still running)";
        }
        return "no coupling measurement in its metrics.jsonl (diagnostics off?)";
    }

    private static EvalResults.SplitEval finalEval(RunData r, String method, String split) {
        if (!r.info().method().equals(method)) {
            return null;
        }
        return r.eval().checkpoint(ExperimentLayout.FINAL_CHECKPOINT).get(split);
    }

    private static SortedMap<Integer, Double> typeValues(List<RunData> runs, String method, String split, String type) {
        SortedMap<Integer, Double> out = new TreeMap<>();
        for (RunData r : runs) {
            EvalResults.SplitEval ev = finalEval(r, method, split);
            if (ev != null && ev.byType().containsKey(type)) {
                out.put(r.info().seed(), ev.byType().get(type).successRate());
            }
        }
        return out;
    }

    private static List<Long> thin(List<Long> xs, int max) {
        if (xs.size() <= max) {
            return xs;
        }
        List<Long> out = new ArrayList<>(max);
        for (int k = 0; k < max; k++) {
            out.add(xs.get((int) Math.round((double) k * (xs.size() - 1) / (max - 1))));
        }
        return out;
    }
}
