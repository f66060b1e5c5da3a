package dev.untangle.experiment;

import dev.untangle.report.EvalResults;
import dev.untangle.report.ExperimentData;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.report.MetricKeys;
import dev.untangle.report.MetricsRecord;
import dev.untangle.report.Results;
import dev.untangle.report.RunData;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Time-based views of an experiment (docs/OUTPUTS.md, "Learning curves" and "Time breakdown"): success
 * against iterations done and wall time, and where the wall time went. Pure functions of the data read from
 * disk.
 *
 * <p>Iterations are counted as <em>iterations done</em>: the SFT start is iteration 0, checkpoint
 * {@code iter-000010} is iteration 10, and a metrics.jsonl line with {@code "iteration": i} (0-based) ends
 * with i + 1 iterations done. A point's wall time runs from the start of the seed's SFT to the end of that
 * evaluation: the SFT wall time ({@link #sftWallSeconds}) plus the {@code time/iteration_s} of every iteration
 * done (which include periodic evaluations), plus, for {@code final}, the final evaluation's {@code seconds}.
 */
public final class Timelines {

    /** Most iterations a run's wall-time axis covers (a bound against absurd iteration numbers). */
    public static final int MAX_ITERATIONS = 1_000_000;

    private Timelines() {
    }

    /**
     * Learning curves: for every method and split, the mean success over seeds at each iteration that has
     * an evaluation (SFT start, periodic {@code iter-*} checkpoints or {@code eval/<split>/success_rate}
     * lines, {@code final}), with the mean wall time, the seeds' range and, with enough seeds
     * ({@link SignificanceRule#seedInterval}), a bootstrap interval over seeds. Runs still in progress
     * contribute what they have evaluated. The {@code sft} method is a single point at iteration 0.
     */
    public static List<Results.LearningCurve> learningCurves(ExperimentData data, Bootstrap bootstrap) {
        Bootstrap boot = bootstrap.withResamples(Math.min(bootstrap.resamples(), Aggregation.CURVE_RESAMPLES));
        SignificanceRule rule = SignificanceRule.of(bootstrap);
        Set<String> methods = new TreeSet<>(ExperimentLayout.METHOD_ORDER);
        TreeSet<String> splits = new TreeSet<>();
        for (RunData r : data.runs()) {
            methods.add(r.info().method());
            r.eval().checkpoints().values().forEach(m -> splits.addAll(m.keySet()));
            for (MetricsRecord m : r.metrics()) {
                m.values().keySet().forEach(k -> {
                    String s = MetricKeys.evalSplitOf(k);
                    if (s != null) {
                        splits.add(s);
                    }
                });
            }
        }
        List<Results.LearningCurve> out = new ArrayList<>();
        for (String method : methods) {
            for (String split : splits) {
                TreeMap<Long, List<SeedPoint>> byIteration = new TreeMap<>();
                for (RunData r : data.runs()) {
                    if (r.info().method().equals(method)) {
                        for (SeedPoint p : seedPoints(data, r, split)) {
                            byIteration.computeIfAbsent(p.iteration, k -> new ArrayList<>()).add(p);
                        }
                    }
                }
                if (byIteration.isEmpty()) {
                    continue;
                }
                List<Results.CurvePoint> points = new ArrayList<>();
                byIteration.forEach((it, ps) -> {
                    double[] v = ps.stream().mapToDouble(p -> p.success).toArray();
                    double[] w = ps.stream().mapToDouble(p -> p.wallSeconds).filter(Double::isFinite).toArray();
                    Bootstrap.Interval ci = rule.seedInterval(v, boot);
                    points.add(new Results.CurvePoint(it, ps.get(0).checkpoint, Stats.mean(w), Stats.mean(v),
                            ci.low(), ci.high(), Aggregation.min(v), Aggregation.max(v), v.length));
                });
                out.add(new Results.LearningCurve(method, split, points));
            }
        }
        return out;
    }

    /** One seed's evaluation on one split at one iteration. */
    private record SeedPoint(long iteration, String checkpoint, double wallSeconds, double success) {
    }

    /** The evaluations of one run on one split, one per iteration, ascending. */
    private static List<SeedPoint> seedPoints(ExperimentData data, RunData r, String split) {
        TreeMap<Long, SeedPoint> points = new TreeMap<>();
        double sftWall = sftWallSeconds(data, r);
        boolean isSft = r.info().method().equals(ExperimentLayout.SFT_CHECKPOINT);
        EvalResults.SplitEval start = r.eval().checkpoint(ExperimentLayout.SFT_CHECKPOINT).get(split);
        String startLabel = ExperimentLayout.SFT_CHECKPOINT;
        if (start == null && isSft) {
            start = r.eval().checkpoint(ExperimentLayout.FINAL_CHECKPOINT).get(split);
        }
        if (start == null && !isSft) {
            start = r.eval().checkpoint("init").get(split);          // model.init_from: the loaded policy
            startLabel = "init";
        }
        if (start != null) {
            points.put(0L, new SeedPoint(0, startLabel, sftWall, start.successRate()));
        }
        if (isSft) {
            return List.copyOf(points.values());
        }
        double[] cumulative = cumulativeIterationSeconds(r.metrics());
        for (Map.Entry<String, Map<String, EvalResults.SplitEval>> cp : r.eval().checkpoints().entrySet()) {
            long it = ExperimentLayout.iterationOf(cp.getKey());
            EvalResults.SplitEval ev = cp.getValue().get(split);
            if (it > 0 && ev != null) {
                points.put(it, new SeedPoint(it, cp.getKey(), sftWall + at(cumulative, it), ev.successRate()));
            }
        }
        String key = MetricKeys.evalSuccess(split);
        for (MetricsRecord m : r.metrics()) {
            double v = m.get(key);
            long it = m.iteration() + 1;
            if (Double.isFinite(v) && !points.containsKey(it)) {
                points.put(it, new SeedPoint(it, String.format(java.util.Locale.ROOT, "iter-%06d", it),
                        sftWall + at(cumulative, it), v));
            }
        }
        Map<String, EvalResults.SplitEval> fin = r.eval().checkpoint(ExperimentLayout.FINAL_CHECKPOINT);
        if (fin.containsKey(split)) {
            long last = r.info().iterations() >= 0 ? r.info().iterations()
                    : r.metrics().isEmpty() ? 0 : r.metrics().get(r.metrics().size() - 1).iteration() + 1;
            double finalEval = 0;
            for (EvalResults.SplitEval ev : fin.values()) {
                finalEval += Double.isFinite(ev.seconds()) ? ev.seconds() : 0;
            }
            points.put(last, new SeedPoint(last, ExperimentLayout.FINAL_CHECKPOINT,
                    sftWall + at(cumulative, last) + finalEval, fin.get(split).successRate()));
        }
        return List.copyOf(points.values());
    }

    /**
     * {@code c[i]} = wall seconds of the first i iterations (sum of {@code time/iteration_s} of lines 0 to
     * i - 1); NaN from the first iteration without a line or a value on.
     */
    private static double[] cumulativeIterationSeconds(List<MetricsRecord> metrics) {
        long max = metrics.isEmpty() ? 0 : metrics.stream().mapToLong(MetricsRecord::iteration).max().orElse(0) + 1;
        Map<Long, Double> byIt = new LinkedHashMap<>();
        metrics.forEach(m -> byIt.put(m.iteration(), m.get(MetricKeys.TIME_ITERATION)));
        double[] c = new double[(int) Math.min(max, MAX_ITERATIONS) + 1];
        for (int i = 1; i < c.length; i++) {
            Double v = byIt.get((long) i - 1);
            c[i] = v != null && Double.isFinite(v) ? c[i - 1] + v : Double.NaN;
        }
        return c;
    }

    private static double at(double[] cumulative, long it) {
        return it < cumulative.length ? cumulative[(int) it] : Double.NaN;
    }

    /**
     * Wall seconds of a run's SFT start: for the seed's {@code sft} run (or, without one, the run itself when
     * it trained SFT), the sum of {@code time/sft_epoch_s} plus the {@code seconds} of the {@code sft}
     * checkpoint's evaluations; without epoch times, the {@code sft} run's {@code run.json} wall_seconds; NaN
     * when unknown. Runs started from {@code model.init_from} count 0 plus their {@code init} evaluation.
     */
    public static double sftWallSeconds(ExperimentData data, RunData r) {
        RunData sft = null;
        for (RunData other : data.runs()) {
            if (other.info().method().equals(ExperimentLayout.SFT_CHECKPOINT) && other.info().seed() == r.info().seed()) {
                sft = other;
            }
        }
        RunData source = sft != null ? sft : r;
        double epochs = sum(source.metrics(), MetricKeys.TIME_SFT_EPOCH) + sum(source.sftMetrics(), MetricKeys.TIME_SFT_EPOCH);
        if (count(source.metrics(), MetricKeys.TIME_SFT_EPOCH) + count(source.sftMetrics(), MetricKeys.TIME_SFT_EPOCH) > 0) {
            return epochs + evalSeconds(source, ExperimentLayout.SFT_CHECKPOINT);
        }
        if (sft != null) {
            return sft.info().wallSeconds();
        }
        if (!r.eval().checkpoint("init").isEmpty()) {
            return evalSeconds(r, "init");
        }
        return Double.NaN;
    }

    /**
     * Where the wall time went, over the runs with a known {@code wall_seconds} that are not running:
     * SFT training ({@code time/sft_epoch_s}), rollout generation, advantage estimation, update, evaluation
     * ({@code time/eval_s} plus the {@code seconds} of the run's own non-periodic evaluations: {@code final},
     * {@code init}, and {@code sft} when the run trained SFT itself; a run without RL iterations records its start's
     * evaluation again as {@code final}, counted once), diagnostics, checkpoints, and other
     * (the rest of {@code wall_seconds}, at least 0).
     */
    public static Results.TimeBreakdown timeBreakdown(ExperimentData data) {
        String[][] parts = {
            {"sft_training", "SFT training"},
            {"rollout", "rollout generation"},
            {"advantage", "advantage estimation"},
            {"update", "policy update"},
            {"evaluation", "evaluation"},
            {"diagnostics", "coupling diagnostics"},
            {"checkpoints", "checkpoints"},
        };
        double[] sec = new double[parts.length];
        double wall = 0;
        int runs = 0;
        List<double[]> intervals = new ArrayList<>();
        for (RunData r : data.runs()) {
            if (!Double.isFinite(r.info().wallSeconds()) || "running".equals(r.info().status())) {
                continue;
            }
            runs++;
            double[] span = span(r);
            if (span != null) {
                intervals.add(span);
            }
            wall += r.info().wallSeconds();
            List<MetricsRecord> m = r.metrics();
            boolean trainedSft = r.info().method().equals(ExperimentLayout.SFT_CHECKPOINT)
                    || count(m, MetricKeys.TIME_SFT_EPOCH) + count(r.sftMetrics(), MetricKeys.TIME_SFT_EPOCH) > 0;
            sec[0] += sum(m, MetricKeys.TIME_SFT_EPOCH) + sum(r.sftMetrics(), MetricKeys.TIME_SFT_EPOCH);
            sec[1] += sum(m, MetricKeys.TIME_ROLLOUT);
            sec[2] += sum(m, MetricKeys.TIME_ADVANTAGE);
            sec[3] += sum(m, MetricKeys.TIME_UPDATE);
            sec[4] += sum(m, MetricKeys.TIME_EVAL);
            boolean finalIsStart = r.info().iterations() == 0                 // no RL: `final` copies the start's
                    && (r.eval().checkpoints().containsKey(ExperimentLayout.SFT_CHECKPOINT)
                        || r.eval().checkpoints().containsKey("init"));
            for (String cp : r.eval().checkpoints().keySet()) {
                boolean own = !cp.startsWith(ExperimentLayout.ITERATION_CHECKPOINT_PREFIX)
                        && (trainedSft || !cp.equals(ExperimentLayout.SFT_CHECKPOINT))
                        && !(finalIsStart && cp.equals(ExperimentLayout.FINAL_CHECKPOINT));
                if (own) {
                    sec[4] += evalSeconds(r, cp);
                }
            }
            sec[5] += sum(m, MetricKeys.TIME_DIAGNOSTICS);
            sec[6] += sum(m, MetricKeys.TIME_CHECKPOINT);
        }
        List<Results.TimePart> out = new ArrayList<>();
        double known = 0;
        for (int i = 0; i < parts.length; i++) {
            out.add(new Results.TimePart(parts[i][0], parts[i][1], sec[i]));
            known += sec[i];
        }
        out.add(new Results.TimePart("other", "other (wall time not in the parts above)", Math.max(0, wall - known)));
        return new Results.TimeBreakdown(runs, wall, out, unionSeconds(intervals));
    }

    /** A run's {@code started_at}..{@code finished_at} in epoch seconds, or null when either is missing or bad. */
    private static double[] span(RunData r) {
        try {
            String a = r.info().extra().get("started_at");
            String b = r.info().extra().get("finished_at");
            if (a == null || b == null) {
                return null;
            }
            double start = Instant.parse(a).toEpochMilli() / 1000.0;
            double end = Instant.parse(b).toEpochMilli() / 1000.0;
            return end >= start ? new double[] {start, end} : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The total length of the union of the intervals (NaN for none). */
    static double unionSeconds(List<double[]> intervals) {
        if (intervals.isEmpty()) {
            return Double.NaN;
        }
        List<double[]> sorted = new ArrayList<>(intervals);
        sorted.sort((x, y) -> Double.compare(x[0], y[0]));
        double total = 0;
        double start = sorted.get(0)[0];
        double end = sorted.get(0)[1];
        for (double[] iv : sorted.subList(1, sorted.size())) {
            if (iv[0] > end) {                     // a gap: close the current stretch
                total += end - start;
                start = iv[0];
                end = iv[1];
            } else {
                end = Math.max(end, iv[1]);
            }
        }
        return total + end - start;
    }

    private static double evalSeconds(RunData r, String checkpoint) {
        double s = 0;
        for (EvalResults.SplitEval ev : r.eval().checkpoint(checkpoint).values()) {
            s += Double.isFinite(ev.seconds()) ? ev.seconds() : 0;
        }
        return s;
    }

    private static double sum(List<MetricsRecord> metrics, String key) {
        double s = 0;
        for (MetricsRecord m : metrics) {
            double v = m.get(key);
            if (Double.isFinite(v)) {
                s += v;
            }
        }
        return s;
    }

    private static int count(List<MetricsRecord> metrics, String key) {
        int n = 0;
        for (MetricsRecord m : metrics) {
            if (Double.isFinite(m.get(key))) {
                n++;
            }
        }
        return n;
    }
}
