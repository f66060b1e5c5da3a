package dev.untangle.experiment;

import dev.untangle.report.Results;
import java.util.Locale;

/**
 * The report's one significance rule (docs/OUTPUTS.md, "Significance rule"). Every verdict, colour, caption
 * and sentence of the report and of results.json comes from here, so a table cannot call "helps" what a
 * sentence calls "not significant".
 *
 * <ol>
 *   <li><b>Per task.</b> With per-task outcomes, two methods' (seed, task) pairs pooled over the seeds both have
 *       are tested ({@link PairedTasks}): the difference is significant at level L (0.95) only when the exact
 *       two-sided McNemar p-value is below {@code alpha = 1 - L} <em>and</em> the paired bootstrap interval over
 *       tasks excludes 0.</li>
 *   <li><b>Over seeds.</b> A seed-level interval needs at least {@link #minSeeds()} (5) paired seeds. With that
 *       many, the percentile bootstrap interval of the per-seed differences must also exclude 0, on the same
 *       side as the difference. With fewer, seeds neither add to nor take from the verdict, and a seed-level
 *       interval is never shown as a confidence interval: a bootstrap over 3 values is about their range, so
 *       the range of the seeds (min to max) is shown instead and labelled as such.</li>
 *   <li><b>Without per-task outcomes</b> (older eval.json files) only the seed-level interval can decide, and
 *       only with at least {@link #minSeeds()} seeds; otherwise there is no verdict.</li>
 * </ol>
 *
 * @param level    confidence level in (0, 1) of every interval; {@code alpha = 1 - level}
 * @param minSeeds fewest seeds for a seed-level confidence interval and verdict (at least 2)
 */
public record SignificanceRule(double level, int minSeeds) {

    /** Fewest seeds for a seed-level confidence interval and a seed-level verdict. */
    public static final int MIN_SEEDS = 5;

    /** Validates the parameters. */
    public SignificanceRule {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("significance level must be in (0, 1), got " + level);
        }
        if (minSeeds < 2) {
            throw new IllegalArgumentException("a seed-level interval needs at least 2 seeds, got " + minSeeds);
        }
    }

    /** The rule at the bootstrap's level with {@link #MIN_SEEDS}. */
    public static SignificanceRule of(Bootstrap bootstrap) {
        return new SignificanceRule(bootstrap.level(), MIN_SEEDS);
    }

    /** The tests' alpha, {@code 1 - level}. */
    public double alpha() {
        return 1 - level;
    }

    /**
     * The seed-level confidence interval of the mean of per-seed values: the percentile bootstrap interval with
     * at least {@link #minSeeds()} values, otherwise {@link Bootstrap.Interval#UNDEFINED} (the values' range
     * describes them instead).
     */
    public Bootstrap.Interval seedInterval(double[] values, Bootstrap bootstrap) {
        return values.length >= minSeeds ? bootstrap.meanInterval(values) : Bootstrap.Interval.UNDEFINED;
    }

    /**
     * The verdict on a difference between two methods on one split.
     *
     * @param tasks the paired per-task comparison, or {@code null} when there are no per-task outcomes
     * @param seeds the per-seed differences (first minus second) as an estimate over seeds, or {@code null}
     */
    public Results.Verdict verdict(PairedTasks.Comparison tasks, Results.Estimate seeds) {
        String pct = percent();
        int n = seeds == null ? 0 : seeds.n();
        boolean seedTest = n >= minSeeds && seeds.hasInterval();
        if (tasks == null || tasks.pairs() == 0) {
            if (!seedTest) {
                return new Results.Verdict(Results.Verdict.NO_VERDICT, "no verdict: " + n + " seed" + (n == 1 ? "" : "s"),
                        "no per-task outcomes, and a seed-level test needs at least " + minSeeds + " seeds (" + n
                                + " paired)");
            }
            boolean sig = seeds.ciLow() > 0 || seeds.ciHigh() < 0;
            String why = "no per-task outcomes; the " + pct + " bootstrap interval over " + n + " seeds "
                    + interval(seeds.ciLow(), seeds.ciHigh()) + (sig ? " excludes 0" : " includes 0");
            return sig ? significant(why) : notSignificant(why);
        }
        double p = tasks.pValue();
        boolean pOk = p < alpha();
        boolean intervalOk = tasks.ciLow() > 0 || tasks.ciHigh() < 0;
        String taskWhy = "McNemar p = " + p(p) + (pOk ? " < " : " >= ") + num(alpha()) + ", per-task interval "
                + interval(tasks.ciLow(), tasks.ciHigh()) + (intervalOk ? " excludes 0" : " includes 0");
        if (!pOk || !intervalOk) {
            return notSignificant(taskWhy + (seedTest ? "" : seedsNote(n)));
        }
        if (!seedTest) {
            return significant(taskWhy + seedsNote(n));
        }
        boolean sameSide = tasks.difference() > 0 ? seeds.ciLow() > 0 : seeds.ciHigh() < 0;
        String seedWhy = "; the " + pct + " bootstrap interval over " + n + " seeds "
                + interval(seeds.ciLow(), seeds.ciHigh()) + (sameSide ? " excludes 0 on the same side"
                : " does not exclude 0 on the same side");
        return sameSide ? significant(taskWhy + seedWhy) : notSignificant(taskWhy + seedWhy);
    }

    /** The rule's statement for the report's captions and results.json. */
    public Results.Rule describe() {
        String pct = percent();
        String text = "A difference between two methods is significant at " + pct + " when the exact two-sided"
                + " McNemar test on their per-task outcomes, pooled over the seeds both have, gives p < " + num(alpha())
                + " and the paired bootstrap interval over tasks excludes 0; with " + minSeeds + " or more paired seeds,"
                + " the " + pct + " bootstrap interval of the per-seed differences must also exclude 0 on the same"
                + " side. Without per-task outcomes only that seed-level interval decides, and only with " + minSeeds
                + " or more seeds (otherwise: no verdict). With fewer than " + minSeeds + " seeds no seed-level"
                + " confidence interval is given: the range (min to max) of the seeds is shown instead, which"
                + " describes those seeds and is not a confidence interval.";
        return new Results.Rule(level, minSeeds, text);
    }

    private String seedsNote(int n) {
        return n >= minSeeds ? "" : "; " + n + " seed" + (n == 1 ? "" : "s") + ", fewer than " + minSeeds
                + ": not tested over seeds";
    }

    private String percent() {
        return Results.percent(level);
    }

    private Results.Verdict significant(String why) {
        return new Results.Verdict(Results.Verdict.SIGNIFICANT, "significant at " + percent(), why);
    }

    private static Results.Verdict notSignificant(String why) {
        return new Results.Verdict(Results.Verdict.NOT_SIGNIFICANT, "not significant", why);
    }

    private static String interval(double lo, double hi) {
        return "[" + signed(lo) + ", " + signed(hi) + "]";
    }

    private static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.3f", v) : "undefined";
    }

    private static String num(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String p(double p) {
        return !Double.isFinite(p) ? "undefined" : p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.4f", p);
    }
}
