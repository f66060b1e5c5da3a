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
 * @param rule            the one significance rule every verdict, colour and sentence follows
 * @param skipped         run directories (and files) the report could not read and left out, one per problem
 * @param warnings        files read with a problem worth saying (a cut-short last line of a metrics file), one line
 *                        each, naming the file
 * @param coupling        which seeds the coupling charts compare, and why the others are left out
 * @param signal          per method, how often the RL update had no signal (groups without advantage spread)
 */
public record Results(String checkpoint, double confidence, int resamples, long bootstrapSeed, List<Integer> seeds,
                      List<String> methods, List<String> splits, Map<String, List<String>> typesBySplit,
                      Map<String, Map<String, Cell>> table, List<Paired> paired, List<RunSummary> runs,
                      List<TaskComparison> taskComparisons, List<String> outcomesMissing, TimeBreakdown time,
                      List<LearningCurve> learningCurves, Rule rule, List<Skipped> skipped, List<String> warnings,
                      Coupling coupling, List<Signal> signal) {

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
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
        signal = List.copyOf(signal);
        java.util.Objects.requireNonNull(rule, "rule");
        java.util.Objects.requireNonNull(coupling, "coupling");
    }

    /** Value of {@link TaskComparison#kind()} for a {@code X+gcd} method against its baseline {@code X}. */
    public static final String KIND_GCD = "gcd";
    /** Value of {@link TaskComparison#kind()} for a method against the SFT start ({@code sft}). */
    public static final String KIND_SFT = "sft";
    /** Value of {@link TaskComparison#kind()} for any other pair of methods. */
    public static final String KIND_OTHER = "other";

    /** The verdict of a paired per-task comparison in words ({@link Verdict#text()}, decided by {@link #rule()}). */
    public String verdict(TaskComparison c) {
        return c.verdict().text();
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
     * @param ciLow   lower end of the percentile-bootstrap confidence interval of the mean; NaN with fewer seeds
     *                than {@link Rule#minSeeds()} (a bootstrap over 3 values is about their range, not a
     *                confidence interval: {@link #min()} and {@link #max()} describe those seeds instead)
     * @param ciHigh  upper end (NaN with fewer than {@link Rule#minSeeds()} seeds)
     * @param min     smallest per-seed value (NaN if n = 0)
     * @param max     largest per-seed value (NaN if n = 0)
     * @param perSeed seed to value
     */
    public record Estimate(int n, double mean, double sd, double ciLow, double ciHigh, double min, double max,
                           SortedMap<Integer, Double> perSeed) {
        /** Copies the per-seed map. */
        public Estimate {
            perSeed = Collections.unmodifiableSortedMap(new TreeMap<>(perSeed));
        }

        /** Whether {@link #ciLow()} and {@link #ciHigh()} hold a confidence interval (enough seeds). */
        public boolean hasInterval() {
            return Double.isFinite(ciLow) && Double.isFinite(ciHigh);
        }
    }

    /**
     * The significance rule of the whole report (decided in {@code experiment.SignificanceRule}): its parameters
     * and its statement in words, shown in captions and written to results.json.
     *
     * @param level    confidence level (0.95; the tests' alpha is {@code 1 - level})
     * @param minSeeds fewest seeds for a seed-level confidence interval and a seed-level verdict
     * @param text     the rule in one paragraph of plain text
     */
    public record Rule(double level, int minSeeds, String text) {
    }

    /**
     * A verdict on a difference between two methods, as {@link Rule} decides it.
     *
     * @param kind   {@link #SIGNIFICANT}, {@link #NOT_SIGNIFICANT} or {@link #NO_VERDICT}
     * @param text   the verdict in a few words ({@code "significant at 95%"}, {@code "not significant"},
     *               {@code "no verdict: 3 seeds"})
     * @param reason why, in one sentence (the numbers the rule looked at)
     */
    public record Verdict(String kind, String text, String reason) {
        /** {@link #kind()} of a significant difference. */
        public static final String SIGNIFICANT = "significant";
        /** {@link #kind()} of a difference the rule does not call significant. */
        public static final String NOT_SIGNIFICANT = "not_significant";
        /** {@link #kind()} when the evidence is too thin to test (few seeds, no per-task outcomes). */
        public static final String NO_VERDICT = "no_verdict";

        /** Checks the kind. */
        public Verdict {
            if (!List.of(SIGNIFICANT, NOT_SIGNIFICANT, NO_VERDICT).contains(kind)) {
                throw new IllegalArgumentException("unknown verdict kind '" + kind + "'");
            }
        }

        /** Whether the difference is significant. */
        public boolean significant() {
            return SIGNIFICANT.equals(kind);
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
     * @param verdict  the verdict of the comparison of the two methods on this split: the per-task comparison's
     *                 ({@link TaskComparison#verdict()}) when there is one, otherwise the rule's seed-level verdict
     */
    public record Paired(String method, String baseline, String split, Estimate overall, Map<String, Estimate> byType,
                         Verdict verdict) {
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
     * @param mde          the smallest difference a McNemar test over these pairs detects with 80% power at 5%
     *                     (PairedTasks.minimumDetectableEffect; NaN without discordant pairs)
     * @param perSeed      seed to its counts
     * @param seeds        the per-seed differences as a statistic over seeds (interval only with enough seeds)
     * @param verdict      the {@link Rule}'s verdict
     */
    public record TaskComparison(String first, String second, String kind, String split, int pairs, int tasks,
                                 int b, int c, double firstRate, double secondRate, double difference, double ciLow,
                                 double ciHigh, double pValue, double mde, SortedMap<Integer, SeedPairs> perSeed,
                                 Estimate seeds, Verdict verdict) {
        /** Copies the per-seed map. */
        public TaskComparison {
            perSeed = Collections.unmodifiableSortedMap(new TreeMap<>(perSeed));
        }

        /** Whether the rule calls the difference significant. */
        public boolean significant() {
            return verdict.significant();
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
     * @param ciLow       bootstrap interval of the mean over seeds (NaN with fewer than {@link Rule#minSeeds()})
     * @param ciHigh      upper end
     * @param min         lowest seed's success (NaN without seeds)
     * @param max         highest seed's success
     * @param n           seeds
     */
    public record CurvePoint(long iteration, String checkpoint, double wallSeconds, double mean, double ciLow,
                             double ciHigh, double min, double max, int n) {

        /** The band a chart draws: the confidence interval when there is one, else the seeds' range (NaN: one seed). */
        public double bandLow() {
            return Double.isFinite(ciLow) ? ciLow : n >= 2 ? min : Double.NaN;
        }

        /** Upper edge of {@link #bandLow()}'s band. */
        public double bandHigh() {
            return Double.isFinite(ciHigh) ? ciHigh : n >= 2 ? max : Double.NaN;
        }
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

    /**
     * A run directory (or file) the report could not read and left out of every number.
     *
     * @param dir     the directory relative to the experiment directory ({@code seed-1/gigpo}; {@code .} for the
     *                experiment directory itself)
     * @param method  the method its directory name stands for, or {@code null}
     * @param seed    the seed of its {@code seed-<k>} directory, or -1
     * @param reason  one line naming the file and what is wrong with it
     */
    public record Skipped(String dir, String method, int seed, String reason) {
    }

    /**
     * The seeds the coupling charts compare: only seeds on which every charted method measured coupling, so that
     * two lines never stand for different seeds.
     *
     * @param methods       methods whose runs measured coupling at least once, in table order
     * @param seeds         the seeds compared (every method measured on each); empty when no seed has all of them
     * @param measured      method to the seeds on which it measured coupling
     * @param leftOut       the (method, seed) runs without a measurement, each with its reason
     * @param successCurves learning curves over {@link #seeds()} only (all seeds when there is no common seed), for
     *                      the per-method coupling and success panels
     */
    public record Coupling(List<String> methods, List<Integer> seeds, Map<String, List<Integer>> measured,
                           List<LeftOut> leftOut, List<LearningCurve> successCurves) {
        /** Copies the collections. */
        public Coupling {
            methods = List.copyOf(methods);
            seeds = List.copyOf(seeds);
            Map<String, List<Integer>> m = new LinkedHashMap<>();
            measured.forEach((k, v) -> m.put(k, List.copyOf(v)));
            measured = Collections.unmodifiableMap(m);
            leftOut = List.copyOf(leftOut);
            successCurves = List.copyOf(successCurves);
        }

        /** No coupling measured anywhere. */
        public static Coupling none() {
            return new Coupling(List.of(), List.of(), Map.of(), List.of(), List.of());
        }

        /** Whether the charted methods were measured on different seeds with none in common. */
        public boolean disjoint() {
            return !methods.isEmpty() && seeds.isEmpty();
        }
    }

    /**
     * A run whose coupling measurement is missing from the coupling charts.
     *
     * @param method the method
     * @param seed   the seed
     * @param reason why, in words ({@code "its probe set had 0 steps with A != 0"}, {@code "no run"}, ...)
     */
    public record LeftOut(String method, int seed, String reason) {
    }

    /**
     * How often one method's RL update had no learning signal: iterations on which every task group's episodes
     * had the same reward ({@code adv/frac_zero_std_groups = 1}), and the mean share of such groups, over every
     * logged iteration of every run of the method.
     *
     * @param method               the method
     * @param runs                 runs that logged {@code adv/frac_zero_std_groups}
     * @param iterations           iterations with a value, over those runs
     * @param allUniformIterations iterations on which every group was uniform
     * @param meanZeroStdShare     mean of {@code adv/frac_zero_std_groups} over those iterations (NaN without any)
     * @param perSeed              seed to the same numbers of that seed's run
     * @param filter               dynamic sampling totals, or {@code null} when no run logged {@code filter/*}
     */
    public record Signal(String method, int runs, long iterations, long allUniformIterations, double meanZeroStdShare,
                         SortedMap<Integer, SeedSignal> perSeed, Filter filter) {
        /** Copies the map. */
        public Signal {
            perSeed = Collections.unmodifiableSortedMap(new TreeMap<>(perSeed));
        }

        /** {@link #allUniformIterations()} / {@link #iterations()} (NaN without iterations). */
        public double allUniformShare() {
            return iterations == 0 ? Double.NaN : allUniformIterations / (double) iterations;
        }
    }

    /**
     * One run's share of a {@link Signal}.
     *
     * @param iterations           iterations with a value
     * @param allUniformIterations iterations on which every group was uniform
     * @param meanZeroStdShare     mean of {@code adv/frac_zero_std_groups}
     */
    public record SeedSignal(long iterations, long allUniformIterations, double meanZeroStdShare) {
    }

    /**
     * Dynamic sampling ({@code rollout.filter_groups=true}) totals over a method's iterations that logged
     * {@code filter/*}.
     *
     * @param iterations            iterations with filter metrics
     * @param groupsDrawn           task groups played ({@code filter/groups_drawn} summed)
     * @param groupsKept            groups with signal the updates trained on
     * @param groupsDropped         groups without any non-zero advantage, dropped
     * @param iterationsWithoutKept iterations that kept no group at all
     */
    public record Filter(long iterations, long groupsDrawn, long groupsKept, long groupsDropped,
                         long iterationsWithoutKept) {

        /** {@link #groupsDropped()} / {@link #groupsDrawn()} (NaN when nothing was drawn). */
        public double droppedShare() {
            return groupsDrawn == 0 ? Double.NaN : groupsDropped / (double) groupsDrawn;
        }
    }
}
