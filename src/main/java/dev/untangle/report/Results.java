package dev.untangle.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The aggregated numbers of an experiment, written as {@code results.json} (schema
 * {@value #SCHEMA}, documented in docs/OUTPUTS.md) and shown as the report's tables. Computed
 * by the experiment package's {@code Aggregation}; this package only writes and renders it.
 *
 * @param checkpoint      the eval.json checkpoint the table uses ({@code final})
 * @param confidence      the confidence level of every interval (0.95)
 * @param resamples       bootstrap resamples per interval
 * @param bootstrapSeed   seed of the bootstrap resampling
 * @param seeds           seeds with at least one complete run, ascending
 * @param methods         methods in table order
 * @param splits          splits in order ({@code L0, L1, L2})
 * @param typesBySplit    task types seen per split, sorted
 * @param table           method to split to cell
 * @param paired          paired differences of each {@code +gcd} method against its baseline, per split
 * @param runs            every run directory found, complete or not
 * @param taskComparisons paired per-task comparisons of the {@code final} checkpoints (empty when no eval.json
 *                        has {@code task_outcomes})
 * @param outcomesMissing one line per complete run and split whose final evaluation lacks {@code task_outcomes}
 * @param time            where the experiment's wall time went
 * @param learningCurves  success per method and split against iterations done and wall time
 */
public record Results(String checkpoint, double confidence, int resamples, long bootstrapSeed, List<Integer> seeds,
                      List<String> methods, List<String> splits, Map<String, List<String>> typesBySplit,
                      Map<String, Map<String, Cell>> table, List<Paired> paired, List<RunSummary> runs,
                      List<TaskComparison> taskComparisons, List<String> outcomesMissing, TimeBreakdown time,
                      List<LearningCurve> learningCurves) {

    /** Value of the {@code schema} field of results.json. */
    public static final String SCHEMA = "untangle.results/1";

    /** Copies every collection. */
    public Results {
        seeds = List.copyOf(seeds);
        methods = List.copyOf(methods);
        splits = List.copyOf(splits);
        Map<String, List<String>> types = new LinkedHashMap<>();
        typesBySplit.forEach((k, v) -> types.put(k, List.copyOf(v)));
        typesBySplit = Collections.unmodifiableMap(types);
        Map<String, Map<String, Cell>> t = new LinkedHashMap<>();
        table.forEach((k, v) -> t.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        table = Collections.unmodifiableMap(t);
        paired = List.copyOf(paired);
        runs = List.copyOf(runs);
        taskComparisons = List.copyOf(taskComparisons);
        outcomesMissing = List.copyOf(outcomesMissing);
        learningCurves = List.copyOf(learningCurves);
    }

    /** Value of {@link TaskComparison#kind()} for a {@code X+gcd} method against its baseline {@code X}. */
    public static final String KIND_GCD = "gcd";
    /** Value of {@link TaskComparison#kind()} for a method against the SFT start ({@code sft}). */
    public static final String KIND_SFT = "sft";
    /** Value of {@link TaskComparison#kind()} for any other pair of methods. */
    public static final String KIND_OTHER = "other";

    /**
     * The verdict of a paired per-task comparison in words: {@code "significant at 95%"} (interval excludes 0
     * and McNemar p &lt; 0.05, at the results' confidence level) or {@code "not significant"}.
     */
    public String verdict(TaskComparison c) {
        return c.significant() ? "significant at " + percent(confidence) : "not significant";
    }

    /** A confidence level as a percentage without trailing zeros: 0.95 -> {@code 95%}, 0.995 -> {@code 99.5%}. */
    public static String percent(double level) {
        return java.math.BigDecimal.valueOf(100 * level).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /** The cell of a method and split, or {@code null}. */
    public Cell cell(String method, String split) {
        return table.getOrDefault(method, Map.of()).get(split);
    }

    /**
     * A statistic over seeds.
     *
     * @param n       number of seeds
     * @param mean    mean over seeds (NaN if n = 0)
     * @param sd      sample standard deviation (NaN if n &lt; 2)
     * @param ciLow   lower end of the bootstrap confidence interval of the mean (NaN if n &lt; 2)
     * @param ciHigh  upper end (NaN if n &lt; 2)
     * @param perSeed seed to value
     */
    public record Estimate(int n, double mean, double sd, double ciLow, double ciHigh, SortedMap<Integer, Double> perSeed) {
        /** Copies the per-seed map. */
        public Estimate {
            perSeed = Collections.unmodifiableSortedMap(new TreeMap<>(perSeed));
        }
    }

    /**
     * One method on one split: overall success and success per task type.
     *
     * @param overall  overall success rate over seeds
     * @param byType   task type to success rate over seeds
     * @param episodes evaluation episodes summed over seeds
     * @param envReturn mean environment return over seeds (the graded score of worlds that have one, / 100), or
     *                 {@code null} when no seed's evaluation recorded it
     */
    public record Cell(Estimate overall, Map<String, Estimate> byType, long episodes, Estimate envReturn) {
        /** Copies the map. */
        public Cell {
            byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        }
    }

    /**
     * A {@code +gcd} method minus its baseline on one split, paired by seed.
     *
     * @param method   the {@code +gcd} method
     * @param baseline its baseline
     * @param split    the split
     * @param overall  the paired difference of overall success rates
     * @param byType   the paired differences per task type
     */
    public record Paired(String method, String baseline, String split, Estimate overall, Map<String, Estimate> byType) {
        /** Copies the map. */
        public Paired {
            byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        }
    }

    /**
     * One run directory.
     *
     * @param dir         relative directory
     * @param method      method
     * @param seed        seed
     * @param status      status from run.json
     * @param included    whether it counts in the table (finished, with a final evaluation)
     * @param iterations  iterations completed (-1 if unknown)
     * @param wallSeconds wall time (NaN if unknown)
     */
    public record RunSummary(String dir, String method, int seed, String status, boolean included, long iterations,
                             double wallSeconds) {
    }

    /**
     * One seed's share of a paired per-task comparison.
     *
     * @param pairs      tasks both methods have an outcome for
     * @param b          tasks the first method won and the second lost
     * @param c          tasks the second won and the first lost
     * @param difference {@code (b - c) / pairs} (NaN without pairs)
     */
    public record SeedPairs(int pairs, int b, int c, double difference) {
    }

    /**
     * A paired per-task comparison on one split of a first and a second method's {@code final} checkpoints
     * (for {@code sft}, the SFT start): (seed, task) pairs where both have an outcome, pooled over seeds.
     *
     * @param first        the first method
     * @param second       the second method
     * @param kind         {@link #KIND_GCD}, {@link #KIND_SFT} or {@link #KIND_OTHER}
     * @param split        the split
     * @param pairs        pooled pairs N
     * @param tasks        distinct task ids among them (the bootstrap's clusters)
     * @param b            pairs the first won and the second lost
     * @param c            pairs the second won and the first lost
     * @param firstRate    the first method's success rate over the pairs
     * @param secondRate   the second method's success rate over the pairs
     * @param difference   {@code firstRate - secondRate}
     * @param ciLow        lower end of the paired bootstrap interval (tasks resampled)
     * @param ciHigh       upper end
     * @param pValue       exact two-sided McNemar p-value
     * @param significant  whether the interval excludes 0 and {@code pValue < 1 - confidence}
     * @param perSeed      seed to its counts
     */
    public record TaskComparison(String first, String second, String kind, String split, int pairs, int tasks,
                                 int b, int c, double firstRate, double secondRate, double difference, double ciLow,
                                 double ciHigh, double pValue, boolean significant,
                                 SortedMap<Integer, SeedPairs> perSeed) {
        /** Copies the per-seed map. */
        public TaskComparison {
            perSeed = Collections.unmodifiableSortedMap(new TreeMap<>(perSeed));
        }
    }

    /**
     * A part of the experiment's wall time.
     *
     * @param key     stable name in results.json ({@code sft_training}, {@code rollout}, ...)
     * @param label   text shown in the report
     * @param seconds seconds summed over runs
     */
    public record TimePart(String key, String label, double seconds) {
    }

    /**
     * Where the wall time went, summed over the runs that report their wall time (finished or failed).
     *
     * @param runs         runs counted
     * @param wallSeconds  sum of their {@code run.json} {@code wall_seconds}
     * @param parts        the parts, the last one {@code other} (wall time not in any other part, at least 0)
     * @param clockSeconds the wall clock while runs were going: the length of the union of the counted runs'
     *                     {@code started_at}..{@code finished_at} intervals (runs side by side count once; a pause
     *                     between invocations counts only inside a run resumed across it, which keeps its first
     *                     start; failed runs record no finish and are left out); NaN when no run records both
     */
    public record TimeBreakdown(int runs, double wallSeconds, List<TimePart> parts, double clockSeconds) {
        /** Copies the list. */
        public TimeBreakdown {
            parts = List.copyOf(parts);
        }

        /** A part's share of the wall time (NaN when no wall time was counted). */
        public double share(TimePart p) {
            return wallSeconds > 0 ? p.seconds() / wallSeconds : Double.NaN;
        }
    }

    /**
     * One point of a learning curve, over the seeds that have it.
     *
     * @param iteration   RL iterations done (0 for the SFT start)
     * @param checkpoint  the eval.json checkpoint ({@code sft}, {@code iter-000010}, {@code final})
     * @param wallSeconds mean over seeds of the wall seconds from the start of SFT to the end of this
     *                    evaluation (NaN when no seed's times are known)
     * @param mean        mean success rate over seeds
     * @param ciLow       bootstrap interval of the mean over seeds (NaN with fewer than two)
     * @param ciHigh      upper end
     * @param n           seeds
     */
    public record CurvePoint(long iteration, String checkpoint, double wallSeconds, double mean, double ciLow,
                             double ciHigh, int n) {
    }

    /**
     * Success of one method on one split over training: the SFT start at iteration 0, periodic evaluations,
     * and the {@code final} evaluation at the last iteration.
     *
     * @param method the method
     * @param split  the split
     * @param points points by ascending iteration
     */
    public record LearningCurve(String method, String split, List<CurvePoint> points) {
        /** Copies the list. */
        public LearningCurve {
            points = List.copyOf(points);
        }
    }
}
