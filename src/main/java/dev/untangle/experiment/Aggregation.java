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
 * Aggregates an experiment's runs over seeds: the results table (mean, standard deviation and bootstrap
 * confidence interval of the {@code final} evaluation's success rates, per method and split, overall and per
 * task type), the paired differences of each {@code +gcd} method against its baseline, and the training
 * curves. Pure functions of the data read from disk and the {@link Bootstrap} parameters.
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
                paired.add(new Results.Paired(method, base, split, estimate(diff, bootstrap), byType));
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
        return new Results(ExperimentLayout.FINAL_CHECKPOINT, bootstrap.level(), bootstrap.resamples(),
                bootstrap.seed(), List.copyOf(seeds), methods, splits, typesBySplit, table, paired, runs,
                taskComparisons(complete, methods, splits, bootstrap), missing, Timelines.timeBreakdown(data),
                Timelines.learningCurves(data, bootstrap));
    }

    /**
     * Paired per-task comparisons of the {@code final} checkpoints ({@link PairedTasks}), per split: every
     * {@code X+gcd} against {@code X}, every other method against {@code sft}, then every remaining pair of
     * methods (the later one in table order first). The SFT start of a seed is the {@code sft} run's
     * {@code final} evaluation, or, without that run, the compared run's own {@code sft} checkpoint.
     * Comparisons without a single pair are left out.
     *
     * @param complete the complete runs
     */
    public static List<Results.TaskComparison> taskComparisons(List<RunData> complete, List<String> methods,
                                                               List<String> splits, Bootstrap bootstrap) {
        List<String[]> pairs = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String m : methods) {
            String base = ExperimentLayout.baselineOf(m);
            if (base != null && methods.contains(base) && seen.add(m + " " + base)) {
                pairs.add(new String[] {m, base, Results.KIND_GCD});
            }
        }
        for (String m : methods) {
            if (!m.equals(SFT) && seen.add(m + " " + SFT) && seen.add(SFT + " " + m)) {
                pairs.add(new String[] {m, SFT, Results.KIND_SFT});
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
                    List<Integer> b = p[1].equals(SFT) ? sftOutcomes(complete, r, split)
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
                c.perSeed().forEach((seed, sc) -> perSeed.put(seed,
                        new Results.SeedPairs(sc.pairs(), sc.b(), sc.c(), sc.difference())));
                out.add(new Results.TaskComparison(p[0], p[1], p[2], split, c.pairs(), c.tasks(), c.b(), c.c(),
                        c.firstRate(), c.secondRate(), c.difference(), c.ciLow(), c.ciHigh(), c.pValue(),
                        c.significant(bootstrap.level()), perSeed));
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

    private static List<Integer> sftOutcomes(List<RunData> complete, RunData run, String split) {
        List<Integer> fromSftRun = outcomesOf(complete, SFT, run.info().seed(), split);
        return fromSftRun.isEmpty() ? outcomes(run, ExperimentLayout.SFT_CHECKPOINT, split) : fromSftRun;
    }

    /**
     * Mean, sample standard deviation and bootstrap interval of per-seed values.
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
        Bootstrap.Interval ci = bootstrap.meanInterval(x);
        return new Results.Estimate(x.length, Stats.mean(x), Stats.sd(x), ci.low(), ci.high(), finite);
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
     * Training curves: for each charted key ({@link MetricKeys#DIAGNOSTIC_KEYS} and every
     * {@code eval/<split>/success_rate} present) and method with at least one finite value, the mean over
     * seeds at each iteration with a bootstrap band where two or more seeds logged that iteration. Runs
     * still in progress contribute the iterations they have logged.
     */
    public static List<Curve> curves(ExperimentData data, Bootstrap bootstrap) {
        Bootstrap curveBoot = bootstrap.withResamples(Math.min(bootstrap.resamples(), CURVE_RESAMPLES));
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
                for (RunData r : data.runs()) {
                    if (!r.info().method().equals(method)) {
                        continue;
                    }
                    for (MetricsRecord m : r.metrics()) {
                        double v = m.get(key);
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
                    Bootstrap.Interval ci = curveBoot.meanInterval(v);
                    lo[i] = ci.low();
                    hi[i] = ci.high();
                }
                out.add(new Curve(key, method, x, mean, lo, hi, contributing.size()));
            }
        }
        return out;
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
