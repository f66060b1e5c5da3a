package dev.untangle.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Renders an experiment as one self-contained HTML page: no script, no external style sheet, font or image
 * (a Content-Security-Policy forbids them), plots as inline SVG. The markup is XHTML-compatible (every
 * element closed, attributes quoted, only XML's predefined entities), so the page parses with an XML
 * parser. Every text that comes from a run, config or environment is escaped with {@link Html#text} and
 * bounded.
 *
 * <p>Sections: header with the time breakdown; results table (overall per split, per task type, paired GCD
 * differences by seed, bar chart); paired per-task statistics (table, one verdict sentence per split, GCD
 * difference chart); success over training per split against iterations done and wall minutes; coupling
 * diagnostics; GCD classifier accuracy; runs; commands and configs. Every chart is always present (saying
 * "no data" when nothing was logged), with a stable {@code data-chart} id: {@code final-success},
 * {@code gcd-difference}, {@code success-<split>}, {@code success-wall-<split>}, {@code rollout-success},
 * {@code coupling-index}, {@code coupling-harmful-rate}, {@code coupling-goodbad-cosine}, {@code gcd-accuracy},
 * {@code zero-signal}. Every verdict, colour and sentence about a difference reads the verdict the
 * significance rule gave it ({@link Results#rule()}, {@link Results.Verdict}); nothing here decides one.
 */
public final class HtmlReport {

    /** Splits charted when the data names none. */
    public static final List<String> DEFAULT_SPLITS = List.of("L0", "L1", "L2");
    /** The x-axis label of every chart against training iterations. */
    public static final String ITERATIONS_DONE = "RL iterations done";
    /** Most runs whose command and config are shown in full. */
    public static final int MAX_RUN_DETAILS = 200;

    /** How chart text and lines look, in the report and in chart files written alone ({@link #standaloneSvg}). */
    private static final String SVG_CSS = String.join("\n",
            "svg .t{font-size:15px;font-weight:600;fill:#1f2328}svg .tick{font-size:12px;fill:#57606a}",
            "svg .label{font-size:13px;fill:#1f2328}svg .legend{font-size:13px;fill:#1f2328}",
            "svg .nodata{font-size:14px;fill:#8c959f}svg .grid{stroke:#eaeef2;stroke-width:1}",
            "svg .axis{stroke:#57606a;stroke-width:1}svg .line{stroke-width:2}svg .band{fill-opacity:0.18}",
            "svg .err{stroke:#1f2328;stroke-width:1.2;fill:none}svg .note{font-size:12px;fill:#57606a}",
            "svg .mark{font-size:12px;font-weight:600;fill:#1f2328}");

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}",
            "main{max-width:1100px;margin:0 auto;padding:24px 28px 60px;background:#fff}",
            "h1{font-size:26px;margin:8px 0 4px}h2{font-size:20px;margin:34px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}",
            "h3{font-size:16px;margin:20px 0 6px}p.sub,p.note{color:#57606a;font-size:13px;margin:4px 0 10px}",
            "p.purpose{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;font-size:14px}",
            "nav a{margin-right:14px;font-size:14px;color:#0969da;text-decoration:none}",
            "table{border-collapse:collapse;margin:8px 0 14px;font-size:13px}",
            "th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:right;vertical-align:top}",
            "th{background:#f6f8fa}td.m,th.m{text-align:left;font-weight:600}td.l{text-align:left}",
            "td.best{background:#dafbe1}span.ci{color:#57606a;font-size:12px;display:block}",
            "td.up{color:#1a7f37}td.down{color:#cf222e}",
            "div.charts{display:flex;flex-wrap:wrap;gap:12px}svg.chart{width:100%;max-width:528px;height:auto;border:1px solid #eaeef2}",
            "svg.wide{max-width:720px}table.time td,table.time th{padding:2px 8px}p.verdict{font-size:14px;margin:6px 0}",
            SVG_CSS,
            "pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow:auto;font-size:12px;white-space:pre-wrap;word-break:break-all}",
            "details{margin:6px 0}summary{cursor:pointer;font-size:13px}ul.problems li{color:#9a6700;font-size:13px}");

    private HtmlReport() {
    }

    /**
     * The page.
     *
     * @param data      the experiment as read from disk
     * @param results   the aggregated table
     * @param curves    the aggregated training curves
     * @param generator the program and version that wrote the page (shown in the header)
     */
    public static String render(ExperimentData data, Results results, List<Curve> curves, String generator) {
        Colors colors = new Colors(results.methods());
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; img-src data:\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>untangle report: ").append(Html.safe(data.location(), 200)).append("</title>\n")
                .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n<main>\n");
        long complete = results.runs().stream().filter(Results.RunSummary::included).count();
        sb.append("<h1>untangle experiment report</h1>\n<p class=\"sub\" data-note=\"subject\">Directory <code>")
                .append(Html.safe(data.location(), 200)).append("</code> \u00b7 ").append(results.runs().size())
                .append(" runs, ").append(complete).append(" complete \u00b7 seeds ")
                .append(Html.text(results.seeds().toString())).append(" \u00b7 generated by ")
                .append(Html.safe(generator, 100)).append("</p>\n");
        String purpose = data.experiment().getOrDefault("purpose", "");
        if (!purpose.isBlank()) {                         // the preset says what its numbers are for (a smoke test)
            sb.append("<p class=\"purpose\" data-note=\"purpose\"><strong>What this preset is for:</strong> ")
                    .append(Html.safe(purpose, 400)).append("</p>\n");
        }
        timeBreakdown(sb, results.time());
        sb.append("<nav><a href=\"#results\">Results</a><a href=\"#paired-tasks\">Per-task statistics</a>"
                + "<a href=\"#training\">Success over training</a>"
                + "<a href=\"#coupling\">Gradient coupling</a><a href=\"#gcd\">GCD classifier</a>"
                + "<a href=\"#runs\">Runs</a><a href=\"#commands\">Commands and configs</a></nav>\n");

        results(sb, results, colors);
        double maxIteration = maxIteration(results, curves);
        training(sb, results, curves, colors, maxIteration);
        coupling(sb, results, curves, colors, maxIteration);
        couplingAgainstSuccess(sb, results, curves, maxIteration);
        gcd(sb, curves, colors, maxIteration);
        runs(sb, data, results);
        commands(sb, data);
        sb.append("</main>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void results(StringBuilder sb, Results r, Colors colors) {
        sb.append("<section id=\"results\">\n<h2>Results</h2>\n<p class=\"note\" data-note=\"results\">Success rate of"
                        + " each method's <code>").append(Html.text(r.checkpoint())).append("</code> checkpoint: mean over"
                        + " seeds, and below it, with ").append(r.rule().minSeeds()).append(" or more seeds, the ")
                .append(Results.percent(r.confidence())).append(" percentile-bootstrap confidence interval of the mean (")
                .append(r.resamples()).append(" resamples); with fewer seeds the <em>range</em> of the seeds (lowest"
                        + " to highest), which describes those seeds and is not a confidence interval. Hover a cell for"
                        + " the standard deviation. The best mean per column is shaded.</p>\n");
        if (r.splits().isEmpty()) {
            sb.append("<p class=\"note\">No complete run yet: no final evaluation to tabulate.</p>\n");
        } else {
            sb.append("<table class=\"results\" data-table=\"overall\">\n<tr><th class=\"m\">Method</th><th>seeds</th>");
            for (String s : r.splits()) {
                sb.append("<th>").append(Html.safe(s, 40)).append("</th>");
            }
            sb.append("</tr>\n");
            Map<String, Double> best = new LinkedHashMap<>();
            for (String s : r.splits()) {
                best.put(s, bestMean(r, s, null));
            }
            for (String m : r.methods()) {
                int n = 0;
                for (String s : r.splits()) {
                    Results.Cell c = r.cell(m, s);
                    n = Math.max(n, c == null ? 0 : c.overall().n());
                }
                sb.append("<tr><td class=\"m\">").append(Html.safe(m, 60)).append("</td><td>").append(n).append("</td>");
                for (String s : r.splits()) {
                    Results.Cell c = r.cell(m, s);
                    cell(sb, c == null ? null : c.overall(), best.get(s));
                }
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
            if (gradedReturn(r)) {
                envReturnTable(sb, r);
            }
        }
        List<String> cats = r.splits().isEmpty() ? DEFAULT_SPLITS : r.splits();
        List<BarChart.Series> bars = new ArrayList<>();
        boolean anyRange = false;
        boolean anyInterval = false;
        for (String m : r.methods()) {
            double[] v = new double[cats.size()];
            double[] lo = new double[cats.size()];
            double[] hi = new double[cats.size()];
            for (int i = 0; i < cats.size(); i++) {
                Results.Cell c = r.cell(m, cats.get(i));
                Results.Estimate e = c == null ? null : c.overall();
                v[i] = e == null ? Double.NaN : e.mean();
                lo[i] = e == null ? Double.NaN : whiskerLow(e);
                hi[i] = e == null ? Double.NaN : whiskerHigh(e);
                anyInterval |= e != null && e.hasInterval();
                anyRange |= e != null && !e.hasInterval() && e.n() >= 2;
            }
            bars.add(new BarChart.Series(m, colors.of(m), v, lo, hi));
        }
        double[] axis = barAxis(bars);
        String whiskers = anyInterval && anyRange ? Results.percent(r.confidence()) + " CI or range"
                : anyInterval ? Results.percent(r.confidence()) + " CI" : "range of seeds";
        sb.append("<div class=\"charts\">")
                .append(new BarChart("final-success", "Final success rate per split (mean, " + whiskers + ")",
                        "success rate", axis[0], axis[1], false, cats, bars).toSvg())
                .append("</div>\n<p class=\"note\" data-caption=\"final-success\">Bars: mean final success over"
                        + " seeds; whiskers: ").append(whiskerText(r))
                .append(" Each baseline method has a hue and its <code>+gcd</code> variant a darker shade of it. ");
        if (axis[0] > 0) {
            sb.append("<strong>The y axis starts at ").append(Html.number(axis[0], 2))
                    .append(", not at 0</strong>, so that differences between methods are visible; compare bar"
                            + " tops, not bar lengths.");
        } else {
            sb.append("The y axis starts at 0.");
        }
        sb.append("</p>\n");

        for (String s : r.splits()) {
            List<String> types = r.typesBySplit().getOrDefault(s, List.of());
            if (types.isEmpty()) {
                continue;
            }
            sb.append("<h3>").append(Html.safe(s, 40)).append(" by task type</h3>\n<table class=\"results\" data-table=\"types-")
                    .append(chartId(s)).append("\">\n<tr><th class=\"m\">Method</th><th>all</th>");
            for (String t : types) {
                sb.append("<th>").append(Html.safe(t, 40)).append("</th>");
            }
            sb.append("</tr>\n");
            for (String m : r.methods()) {
                Results.Cell c = r.cell(m, s);
                sb.append("<tr><td class=\"m\">").append(Html.safe(m, 60)).append("</td>");
                cell(sb, c == null ? null : c.overall(), bestMean(r, s, null));
                for (String t : types) {
                    cell(sb, c == null ? null : c.byType().get(t), bestMean(r, s, t));
                }
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }

        sb.append("<h3>GCD against its baseline (paired by seed)</h3>\n");
        if (r.paired().isEmpty()) {
            sb.append("<p class=\"note\">No method with a <code>+gcd</code> variant and its baseline both present.</p>\n");
        } else {
            sb.append("<p class=\"note\" data-note=\"paired\">Difference in success rate, +GCD minus baseline, computed"
                    + " per seed and then averaged. Over seeds: with ").append(r.rule().minSeeds()).append(" or more paired"
                    + " seeds the ").append(Results.percent(r.confidence())).append(" bootstrap interval of that mean;"
                    + " with fewer, only the range of the seeds, which is not a confidence interval. The verdict is the"
                    + " report's one significance rule (stated under Per-task statistics), the same verdict as the per-task"
                    + " statistics give this pair.</p>\n");
            sb.append("<table class=\"results\" data-table=\"paired\">\n<tr><th class=\"m\">Method</th><th class=\"m\">"
                    + "Baseline</th><th>Split</th><th>\u0394 mean</th><th>over seeds</th><th>seeds</th>"
                    + "<th class=\"m\">per seed</th><th class=\"m\">verdict</th></tr>\n");
            for (Results.Paired p : r.paired()) {
                Results.Estimate e = p.overall();
                String cls = verdictClass(p.verdict(), e.mean());
                sb.append("<tr><td class=\"m\">").append(Html.safe(p.method(), 60)).append("</td><td class=\"m\">")
                        .append(Html.safe(p.baseline(), 60)).append("</td><td>").append(Html.safe(p.split(), 40))
                        .append("</td><td").append(cls).append(">").append(signed(e.mean())).append("</td><td>")
                        .append(seedInterval(e, r)).append("</td><td>").append(e.n()).append("</td><td class=\"l\">");
                List<String> per = new ArrayList<>();
                e.perSeed().forEach((seed, v) -> per.add(seed + ": " + signed(v)));
                sb.append(Html.text(String.join(", ", per))).append("</td>");
                verdictCell(sb, p.verdict(), cls);
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("</section>\n");
        pairedTasks(sb, r, colors);
    }

    private static void pairedTasks(StringBuilder sb, Results r, Colors colors) {
        String level = Results.percent(r.confidence());
        sb.append("<section id=\"paired-tasks\">\n<h2>Per-task statistics (paired)</h2>\n<p class=\"note\">Every"
                + " evaluation plays the same tasks in the same order, so two methods' <code>final</code> checkpoints"
                + " can be compared task by task: the (seed, task) pairs where both have an outcome are pooled over"
                + " the seeds both have. \u0394 = first minus second success rate over those pairs; <em>b</em> = tasks"
                + " only the first won, <em>c</em> = tasks only the second won. Interval: ").append(level)
                .append(" paired bootstrap (").append(r.resamples()).append(" resamples, seed ").append(r.bootstrapSeed())
                .append(") that resamples task ids, keeping each task's pairs in every seed together. p: exact"
                        + " two-sided McNemar test on b and c. Each method is compared with its own cold start:"
                        + " <code>sft</code>, and for the <code>+gcd</code> arms <code>sft+critic</code> when the"
                        + " experiment trained it (their critic-data SFT).</p>\n<p class=\"note\" data-note=\"rule\">"
                        + "<strong>Significance rule</strong> (every verdict, colour and sentence of this report): ")
                .append(Html.text(r.rule().text())).append("</p>\n");
        if (r.taskComparisons().isEmpty()) {
            sb.append("<p class=\"note\" data-note=\"no-task-outcomes\">No per-task statistics: ")
                    .append(r.outcomesMissing().isEmpty() ? "no two complete methods share a split."
                            : "the final evaluations in <code>eval.json</code> lack <code>task_outcomes</code>"
                                    + " (written by an older version); re-evaluate the checkpoints to get them.")
                    .append("</p>\n");
        } else {
            if (!r.outcomesMissing().isEmpty()) {
                sb.append("<p class=\"note\">Left out for lack of <code>task_outcomes</code>: ")
                        .append(Html.safe(String.join(", ", r.outcomesMissing()), 2000)).append(".</p>\n");
            }
            List<Results.TaskComparison> main = r.taskComparisons().stream()
                    .filter(c -> !c.kind().equals(Results.KIND_OTHER)).toList();
            List<Results.TaskComparison> other = r.taskComparisons().stream()
                    .filter(c -> c.kind().equals(Results.KIND_OTHER)).toList();
            verdicts(sb, r, main, "verdicts");
            taskTable(sb, r, main, "paired-tasks");
            if (!other.isEmpty()) {
                sb.append("<details><summary>Every other pair of methods (").append(other.size())
                        .append(" comparisons)</summary>\n");
                verdicts(sb, r, other, "verdicts-other");
                taskTable(sb, r, other, "paired-tasks-other");
                sb.append("</details>\n");
            }
        }
        gcdDifferenceChart(sb, r, colors);
        sb.append("</section>\n");
    }

    /** One sentence per split: which comparisons are significant and which are not. */
    private static void verdicts(StringBuilder sb, Results r, List<Results.TaskComparison> list, String id) {
        Set<String> splits = new LinkedHashSet<>();
        list.forEach(c -> splits.add(c.split()));
        sb.append("<div data-verdicts=\"").append(id).append("\">\n");
        for (String split : splits) {
            List<String> yes = new ArrayList<>();
            List<String> no = new ArrayList<>();
            List<String> none = new ArrayList<>();
            for (Results.TaskComparison c : list) {
                if (c.split().equals(split)) {
                    String text = Html.safe(c.first(), 60) + " vs " + Html.safe(c.second(), 60) + " ("
                            + signed(c.difference()) + ", [" + signed(c.ciLow()) + ", " + signed(c.ciHigh())
                            + "], " + pText(c.pValue()) + ")";
                    (c.significant() ? yes : c.verdict().kind().equals(Results.Verdict.NO_VERDICT) ? none : no)
                            .add(text);
                }
            }
            sb.append("<p class=\"verdict\" data-split=\"").append(Html.safe(split, 40)).append("\">On <strong>")
                    .append(Html.safe(split, 40)).append("</strong>, ");
            if (yes.isEmpty()) {
                sb.append("no difference is significant at ").append(Results.percent(r.confidence()));
            } else {
                sb.append("significant at ").append(Results.percent(r.confidence())).append(": ")
                        .append(String.join("; ", yes));
            }
            if (!no.isEmpty()) {
                sb.append(yes.isEmpty() ? ": " : ". Not significant: ").append(String.join("; ", no));
            }
            if (!none.isEmpty()) {
                sb.append(". No verdict (too little evidence): ").append(String.join("; ", none));
            }
            sb.append(".</p>\n");
        }
        sb.append("</div>\n");
    }

    private static void taskTable(StringBuilder sb, Results r, List<Results.TaskComparison> list, String id) {
        boolean seedLevel = list.stream().anyMatch(c -> c.seeds().hasInterval());   // enough seeds to count
        sb.append("<table class=\"results\" data-table=\"").append(id).append("\">\n<tr><th class=\"m\">first method</th>"
                + "<th class=\"m\">second method</th><th>split</th><th>seeds</th><th>pairs</th><th>first success</th>"
                + "<th>second success</th><th>\u0394</th><th>").append(Results.percent(r.confidence()))
                .append(" CI (tasks)</th><th>b</th><th>c</th><th>McNemar p</th>"
                        + "<th title=\"smallest |\u0394| a McNemar test over these pairs detects with 80% power at "
                        + "5% (Connor 1987)\">MDE</th>")
                .append(seedLevel ? "<th>over seeds</th>" : "")
                .append("<th class=\"m\">verdict</th><th class=\"m\">per seed \u0394 (b/c)</th></tr>\n");
        for (Results.TaskComparison c : list) {
            String cls = verdictClass(c.verdict(), c.difference());
            List<String> per = new ArrayList<>();
            c.perSeed().forEach((seed, sp) -> per.add(seed + ": " + signed(sp.difference()) + " (" + sp.b() + "/"
                    + sp.c() + ")"));
            sb.append("<tr><td class=\"m\">").append(Html.safe(c.first(), 60)).append("</td><td class=\"m\">")
                    .append(Html.safe(c.second(), 60)).append("</td><td>").append(Html.safe(c.split(), 40))
                    .append("</td><td>").append(c.perSeed().size()).append("</td><td>").append(c.pairs())
                    .append("</td><td>").append(Html.number(c.firstRate(), 3)).append("</td><td>")
                    .append(Html.number(c.secondRate(), 3)).append("</td><td").append(cls).append(">")
                    .append(signed(c.difference())).append("</td><td>[").append(signed(c.ciLow())).append(", ")
                    .append(signed(c.ciHigh())).append("]</td><td>").append(c.b()).append("</td><td>").append(c.c())
                    .append("</td><td>").append(pValue(c.pValue())).append("</td><td>")
                    .append(Html.number(c.mde(), 3)).append("</td>");
            if (seedLevel) {
                sb.append("<td>").append(seedInterval(c.seeds(), r)).append("</td>");
            }
            verdictCell(sb, c.verdict(), cls);
            sb.append("<td class=\"l\">").append(Html.text(String.join(", ", per))).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    /**
     * The {@code gcd-difference} chart: per split, each {@code X+gcd} minus {@code X} with its interval, the
     * per-seed differences and the verdict above it; per-task statistics when they exist, otherwise the per-seed
     * paired differences (whose whisker is the seeds' range below the rule's seed count).
     */
    private static void gcdDifferenceChart(StringBuilder sb, Results r, Colors colors) {
        List<String> cats = r.splits().isEmpty() ? DEFAULT_SPLITS : r.splits();
        Map<String, String> pairs = new LinkedHashMap<>();
        r.paired().forEach(p -> pairs.putIfAbsent(p.method(), p.baseline()));
        r.taskComparisons().stream().filter(c -> c.kind().equals(Results.KIND_GCD))
                .forEach(c -> pairs.putIfAbsent(c.first(), c.second()));
        boolean perTask = r.taskComparisons().stream().anyMatch(c -> c.kind().equals(Results.KIND_GCD));
        boolean seedRange = false;
        List<DifferenceChart.Series> series = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            String method = pair.getKey();
            double[] v = new double[cats.size()];
            double[] lo = new double[cats.size()];
            double[] hi = new double[cats.size()];
            List<double[]> seeds = new ArrayList<>();
            List<String> marks = new ArrayList<>();
            for (int i = 0; i < cats.size(); i++) {
                String split = cats.get(i);
                v[i] = Double.NaN;
                lo[i] = Double.NaN;
                hi[i] = Double.NaN;
                double[] per = new double[0];
                Results.Verdict verdict = null;
                if (perTask) {
                    for (Results.TaskComparison c : r.taskComparisons()) {
                        if (c.kind().equals(Results.KIND_GCD) && c.first().equals(method) && c.split().equals(split)) {
                            v[i] = c.difference();
                            lo[i] = c.ciLow();
                            hi[i] = c.ciHigh();
                            per = c.perSeed().values().stream().mapToDouble(Results.SeedPairs::difference).toArray();
                            verdict = c.verdict();
                        }
                    }
                } else {
                    for (Results.Paired p : r.paired()) {
                        if (p.method().equals(method) && p.split().equals(split)) {
                            v[i] = p.overall().mean();
                            lo[i] = whiskerLow(p.overall());
                            hi[i] = whiskerHigh(p.overall());
                            seedRange |= !p.overall().hasInterval();
                            per = p.overall().perSeed().values().stream().mapToDouble(Double::doubleValue).toArray();
                            verdict = p.verdict();
                        }
                    }
                }
                seeds.add(per);
                marks.add(verdict == null ? null : mark(verdict));
            }
            series.add(new DifferenceChart.Series(method + " \u2212 " + pair.getValue(), colors.of(method), v, lo, hi,
                    seeds, marks));
        }
        sb.append("<h3>GCD against its baseline: difference per split</h3>\n<div class=\"charts\">")
                .append(new DifferenceChart("gcd-difference", "+GCD minus baseline: final success difference",
                        "difference in success rate", cats, series).toSvg())
                .append("</div>\n<p class=\"note\" data-caption=\"gcd-difference\">Filled dot: ")
                .append(perTask ? "the pooled per-task difference with its " + Results.percent(r.confidence())
                        + " paired bootstrap interval (tasks resampled); hollow dots: the difference on each seed's tasks."
                        : "the mean over seeds of the per-seed difference with "
                        + (seedRange ? "the range of the seeds (too few seeds for a confidence interval)"
                        : "its " + Results.percent(r.confidence()) + " bootstrap interval over seeds")
                        + " (no <code>task_outcomes</code>, so no per-task interval); hollow dots: each seed's difference.")
                .append(" Above each whisker, the verdict of the report's significance rule: <strong>sig.</strong>"
                        + " significant, <strong>n.s.</strong> not significant, <strong>\u2013</strong> no verdict. The"
                        + " dashed line is 0; an interval that misses 0 is not by itself a significant difference: the"
                        + " verdict also needs McNemar p &lt; ").append(Html.number(1 - r.confidence(), 2))
                .append(" (the significance rule above the per-task table).</p>\n");
    }

    /** The short verdict mark of the difference chart. */
    private static String mark(Results.Verdict v) {
        return v.significant() ? "sig." : v.kind().equals(Results.Verdict.NO_VERDICT) ? "\u2013" : "n.s.";
    }

    /** The CSS class of a difference's cell: coloured only when the rule calls it significant. */
    private static String verdictClass(Results.Verdict v, double difference) {
        return !v.significant() ? "" : difference > 0 ? " class=\"up\"" : " class=\"down\"";
    }

    /** A verdict cell: the verdict in words, its reason on hover. */
    private static void verdictCell(StringBuilder sb, Results.Verdict v, String cls) {
        String c = cls.isEmpty() ? " class=\"l\"" : cls.replace("class=\"", "class=\"l ");
        sb.append("<td").append(c).append(" data-verdict=\"").append(Html.text(v.kind())).append("\" title=\"")
                .append(Html.safe(v.reason(), 600)).append("\">").append(Html.text(v.text())).append("</td>");
    }

    /**
     * A seed-level interval as text: {@code 95% CI [a, b]} with enough seeds, {@code range of 3 seeds [a, b]} with
     * fewer, {@code 1 seed} or a dash.
     */
    private static String seedInterval(Results.Estimate e, Results r) {
        if (e == null || e.n() == 0) {
            return "\u2013";
        }
        if (e.hasInterval()) {
            return Results.percent(r.confidence()) + " CI [" + signed(e.ciLow()) + ", " + signed(e.ciHigh()) + "]";
        }
        if (e.n() == 1) {
            return "1 seed";
        }
        return "range of " + e.n() + " seeds [" + signed(e.min()) + ", " + signed(e.max()) + "]";
    }

    /** Lower whisker of a seed-level estimate: its confidence interval, else the seeds' range (NaN for one seed). */
    private static double whiskerLow(Results.Estimate e) {
        return e.hasInterval() ? e.ciLow() : e.n() >= 2 ? e.min() : Double.NaN;
    }

    private static double whiskerHigh(Results.Estimate e) {
        return e.hasInterval() ? e.ciHigh() : e.n() >= 2 ? e.max() : Double.NaN;
    }

    /** What the final-success whiskers are, in a sentence. */
    private static String whiskerText(Results r) {
        return "with " + r.rule().minSeeds() + " or more seeds the " + Results.percent(r.confidence())
                + " bootstrap confidence interval over seeds; with fewer, the range of the seeds (lowest to highest),"
                + " which is not a confidence interval.";
    }

    /** The band of seed-level curves, in a sentence. */
    private static String bandText(Results r) {
        return "shaded bands, where two or more seeds have the point, the " + Results.percent(r.confidence())
                + " bootstrap interval over seeds with " + r.rule().minSeeds() + " or more seeds, otherwise the range"
                + " of the seeds (lowest to highest)";
    }

    /** The last iteration any chart against iterations shows (0 without data). */
    private static double maxIteration(Results r, List<Curve> curves) {
        double max = 0;
        for (Results.LearningCurve c : r.learningCurves()) {
            for (Results.CurvePoint p : c.points()) {
                max = Math.max(max, p.iteration());
            }
        }
        for (Curve c : curves) {
            for (double x : c.x()) {
                if (Double.isFinite(x)) {
                    max = Math.max(max, x);
                }
            }
        }
        return max;
    }

    /**
     * The y axis of a success chart: fitted to the values and bands on a 0.05 grid within [0, 1] (as the bar
     * chart's, {@link #barAxis}), and its label, which says when the axis does not run from 0 to 1.
     */
    static Object[] successAxis(List<LineChart.Series> series) {
        List<BarChart.Series> asBars = new ArrayList<>();
        for (LineChart.Series s : series) {
            asBars.add(new BarChart.Series(s.name(), s.color(), s.y(), s.lower() == null ? null : s.lower(),
                    s.upper() == null ? null : s.upper()));
        }
        double[] axis = barAxis(asBars);
        String label = axis[0] == 0 && axis[1] == 1 ? "success rate"
                : "success (axis " + Html.number(axis[0], 2) + "\u2013" + Html.number(axis[1], 2) + ")";
        return new Object[] {axis[0], axis[1], label};
    }

    private static void training(StringBuilder sb, Results r, List<Curve> curves, Colors colors, double maxIteration) {
        sb.append("<section id=\"training\">\n<h2>Success over training</h2>\n<p class=\"note\">Success on each"
                + " evaluation split against RL iterations done (left) and wall-clock minutes (right): the SFT start"
                + " (<code>sft</code> checkpoint) at iteration 0, the periodic evaluations (<code>iter-NNNNNN</code> at"
                + " iteration NNNNNN), and <code>final</code> at the last iteration. Lines are means over seeds; ")
                .append(bandText(r)).append(". The cold starts (<code>sft</code>, <code>sft+critic</code>) are"
                        + " single points, drawn as hollow markers on top of the lines. The y axis of each chart is"
                        + " fitted to its data (its label says so when it does not run from 0 to 1). Wall minutes run"
                        + " from the start of the seed's SFT: SFT epochs and the <code>sft</code> evaluation, then the"
                        + " <code>time/iteration_s</code> of every iteration done, plus the final evaluation for"
                        + " <code>final</code>. The same curves are in <code>results.json</code>"
                        + " (<code>learning_curves</code>) and in TensorBoard under <code>"
                        + ExperimentLayout.TENSORBOARD_CURVES + "/</code>.</p>\n<div class=\"charts\">");
        Set<String> splits = new TreeSet<>();
        r.learningCurves().forEach(c -> splits.add(c.split()));
        splits.addAll(r.splits());
        if (splits.isEmpty()) {
            splits.addAll(DEFAULT_SPLITS);
        }
        Set<String> used = new HashSet<>();
        for (String s : splits) {
            String id = chartId(s);
            while (!used.add(id)) {
                id = id + "-x";
            }
            List<LineChart.Series> byIt = new ArrayList<>();
            List<LineChart.Series> byWall = new ArrayList<>();
            for (Results.LearningCurve c : r.learningCurves()) {
                if (!c.split().equals(s)) {
                    continue;
                }
                int seeds = c.points().stream().mapToInt(Results.CurvePoint::n).max().orElse(0);
                String name = c.method() + (seeds > 1 ? " (" + seeds + " seeds)" : "");
                boolean start = ExperimentLayout.isColdStart(c.method());
                byIt.add(learningSeries(c, name, colors.of(c.method()), false, false, start));
                byWall.add(learningSeries(c, name, colors.of(c.method()), false, true, start));
            }
            Object[] axis = successAxis(byIt);
            LineChart.Builder it = LineChart.builder("success-" + id).title("Success on " + s + " by iteration")
                    .xLabel(ITERATIONS_DONE).yLabel((String) axis[2]).yRange((double) axis[0], (double) axis[1]);
            LineChart.Builder wall = LineChart.builder("success-wall-" + id).title("Success on " + s + " by wall time")
                    .xLabel("wall minutes from the start of SFT").yLabel((String) axis[2])
                    .yRange((double) axis[0], (double) axis[1]);
            byIt.forEach(it::add);
            byWall.forEach(wall::add);
            sb.append(it.build().toSvg()).append(wall.build().toSvg());
        }
        sb.append(lineChart("rollout-success", "Training rollout success", "success rate", true,
                MetricKeys.ROLLOUT_SUCCESS, curves, colors, maxIteration, null));
        sb.append(zeroSignalChart(r, curves, colors, maxIteration));
        sb.append("</div>\n");
        signal(sb, r);
        sb.append("</section>\n");
    }

    /**
     * The {@code zero-signal} chart: per method the share of an iteration's task groups without advantage spread
     * (solid), and with dynamic sampling the share of drawn groups it dropped (dashed).
     */
    private static String zeroSignalChart(Results r, List<Curve> curves, Colors colors, double maxIteration) {
        LineChart.Builder b = LineChart.builder("zero-signal").title("Groups without learning signal")
                .xLabel(ITERATIONS_DONE).yLabel("share of task groups").yRange(0, 1).xRange(0, maxIteration);
        for (Curve c : curves) {
            if (c.key().equals(MetricKeys.ADV_FRAC_ZERO_STD_GROUPS)) {
                b.add(new LineChart.Series(c.method() + seedsSuffix(c), colors.of(c.method()), false, c.x(),
                        c.mean(), c.low(), c.high()));
            }
        }
        for (Curve c : curves) {
            if (c.key().equals(MetricKeys.FILTER_DROPPED_SHARE)) {
                b.add(new LineChart.Series(c.method() + " dropped", colors.of(c.method()), true, c.x(), c.mean(),
                        null, null));
            }
        }
        return b.build().toSvg();
    }

    /** The "no learning signal" summary table per method, or a note when no run logged the key. */
    private static void signal(StringBuilder sb, Results r) {
        sb.append("<p class=\"note\" data-caption=\"zero-signal\">Groups without learning signal: per RL iteration,"
                + " <code>").append(MetricKeys.ADV_FRAC_ZERO_STD_GROUPS).append("</code>, the share of task groups whose"
                + " episodes all earned the same reward (mean over seeds; ").append(bandText(r)).append("). A group like"
                + " that has zero advantage spread, so GRPO learns nothing from it; at 1 the whole iteration has no"
                + " policy-gradient signal. Dashed (only with <code>rollout.filter_groups=true</code>): the share of the"
                + " groups dynamic sampling drew that it dropped for having no non-zero advantage"
                + " (<code>filter/groups_dropped</code> / <code>filter/groups_drawn</code>); with the filter on,"
                + " <code>adv/*</code> describe only the kept groups.</p>\n");
        if (r.signal().isEmpty()) {
            sb.append("<p class=\"note\" data-note=\"no-signal-metrics\">No run logged <code>")
                    .append(MetricKeys.ADV_FRAC_ZERO_STD_GROUPS).append("</code>.</p>\n");
            return;
        }
        boolean filter = r.signal().stream().anyMatch(s -> s.filter() != null);
        sb.append("<table class=\"signal\" data-table=\"signal\">\n<tr><th class=\"m\">Method</th><th>runs</th>"
                + "<th>iterations</th><th>every group uniform</th><th>mean share of uniform groups</th>");
        if (filter) {
            sb.append("<th>groups drawn</th><th>kept</th><th>dropped</th><th>iterations with no group kept</th>");
        }
        sb.append("</tr>\n");
        for (Results.Signal s : r.signal()) {
            sb.append("<tr><td class=\"m\">").append(Html.safe(s.method(), 60)).append("</td><td>").append(s.runs())
                    .append("</td><td>").append(s.iterations()).append("</td><td>").append(s.allUniformIterations())
                    .append(" (").append(Html.number(100 * s.allUniformShare(), 0)).append("%)</td><td>")
                    .append(Html.number(s.meanZeroStdShare(), 3)).append("</td>");
            if (filter) {
                Results.Filter f = s.filter();
                if (f == null) {
                    sb.append("<td>\u2013</td><td>\u2013</td><td>\u2013</td><td>\u2013</td>");
                } else {
                    sb.append("<td>").append(f.groupsDrawn()).append("</td><td>").append(f.groupsKept())
                            .append("</td><td>").append(f.groupsDropped()).append(" (")
                            .append(Html.number(100 * f.droppedShare(), 0)).append("%)</td><td>")
                            .append(f.iterationsWithoutKept()).append("</td>");
                }
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    /** {@code " (seeds 0\u20132)"}, {@code " (seeds 1, 3)"}, {@code " (seed 1)"}, or nothing without seeds. */
    private static String seedsSuffix(Curve c) {
        return c.seedIds().isEmpty() ? "" : " (" + seedList(c.seedIds()) + ")";
    }

    /** Seeds in words, runs of consecutive seeds joined: {@code seeds 0\u20132, 5}; {@code seed 1}. */
    static String seedList(List<Integer> seeds) {
        List<String> parts = new ArrayList<>();
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(seeds));
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            parts.add(j - i >= 2 ? sorted.get(i) + "\u2013" + sorted.get(j)
                    : j == i ? String.valueOf(sorted.get(i)) : sorted.get(i) + ", " + sorted.get(j));
            i = j + 1;
        }
        return (sorted.size() == 1 ? "seed " : "seeds ") + String.join(", ", parts);
    }

    /**
     * The coupling charts' note: which seeds the lines stand for and, for every seed left out, which method has
     * no measurement there and why; {@code null} when every method measured every seed.
     */
    static String couplingNote(Results.Coupling c) {
        if (c.methods().isEmpty()) {
            return null;
        }
        Map<Integer, List<String>> bySeed = new java.util.TreeMap<>();
        for (Results.LeftOut l : c.leftOut()) {
            bySeed.computeIfAbsent(l.seed(), k -> new ArrayList<>()).add(l.method() + ": " + l.reason());
        }
        if (bySeed.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (c.disjoint()) {
            sb.append("No seed has a measurement of every method, so these lines stand for different seeds (in the"
                    + " legend) and do not compare like with like. ");
        } else {
            sb.append("Every line is over the same ").append(seedList(c.seeds())).append(". ");
        }
        List<String> parts = new ArrayList<>();
        bySeed.forEach((seed, why) -> parts.add("seed " + seed + (c.disjoint() ? " lacks " : " left out: ")
                + String.join("; ", why)));
        sb.append(String.join(". ", parts)).append('.');
        return sb.toString();
    }

    private static void coupling(StringBuilder sb, Results r, List<Curve> curves, Colors colors, double maxIteration) {
        String note = couplingNote(r.coupling());
        sb.append("<section id=\"coupling\">\n<h2>Gradient coupling</h2>\n<p class=\"note\">Coupling index: mean cosine"
                + " of per-sample gradients over similar-state pairs with opposite-sign advantages. Harmful coupling"
                + " rate: fraction of probe actions whose probability moved against their advantage after an update."
                + " Good/bad similarity: cosine of good and bad action embeddings within similar states. Lower is"
                + " better for all three. Each is measured on the policy with the given number of RL iterations done,"
                + " before that iteration's update, on the same axis as the success charts. Methods are compared on"
                + " the same seeds only: a seed on which one method has no measurement is left out of every line,"
                + " and each chart says which and why. Lines are means over those seeds; ")
                .append(bandText(r)).append(".</p>\n");
        if (note != null) {
            sb.append("<p class=\"note\" data-note=\"coupling-seeds\">").append(Html.text(note)).append("</p>\n");
        }
        sb.append("<div class=\"charts\">");
        sb.append(lineChart("coupling-index", "Coupling index", "gradient cosine", false,
                MetricKeys.COUPLING_INDEX, curves, colors, maxIteration, note));
        sb.append(lineChart("coupling-harmful-rate", "Harmful coupling rate", "fraction", true,
                MetricKeys.COUPLING_HARMFUL_RATE, curves, colors, maxIteration, note));
        sb.append(lineChart("coupling-goodbad-cosine", "Good/bad embedding similarity", "cosine", false,
                MetricKeys.COUPLING_GOODBAD_COSINE, curves, colors, maxIteration, note));
        sb.append("</div>\n</section>\n");
    }

    /**
     * A learning curve as a chart series: x is RL iterations done, or wall minutes from the start of SFT when
     * {@code byWall}; y the mean over seeds with its band ({@link Results.CurvePoint#bandLow()}).
     */
    private static LineChart.Series learningSeries(Results.LearningCurve c, String name, String color, boolean dashed,
                                                   boolean byWall, boolean marker) {
        int n = c.points().size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            Results.CurvePoint p = c.points().get(i);
            x[i] = byWall ? p.wallSeconds() / 60 : p.iteration();
            mean[i] = p.mean();
            lo[i] = p.bandLow();
            hi[i] = p.bandHigh();
        }
        return new LineChart.Series(name, color, dashed, x, mean, lo, hi, marker);
    }

    /** Colours of the per-method coupling panels: one per quantity, the same in every method's chart. */
    private static final List<String> PANEL_COLORS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#000000");

    /**
     * Per method, on one RL-iteration axis: the coupling index, the harmful coupling rate and the good/bad
     * similarity (means over seeds, solid) with the success on every split other than the first (the
     * out-of-domain ones: L1, L2; dashed), all over the coupling charts' seeds ({@link Results.Coupling}), so a
     * reader sees whether coupling and out-of-domain success move together.
     */
    private static void couplingAgainstSuccess(StringBuilder sb, Results r, List<Curve> curves, double maxIteration) {
        List<String> keys = MetricKeys.COUPLING_KEYS;
        List<String> labels = List.of("coupling index", "harmful coupling rate", "good/bad similarity");
        List<String> methods = new ArrayList<>();
        for (Curve c : curves) {
            if (keys.contains(c.key()) && !methods.contains(c.method())) {
                methods.add(c.method());
            }
        }
        if (methods.isEmpty()) {
            return;
        }
        String note = couplingNote(r.coupling());
        List<String> splits = new ArrayList<>(r.splits());
        List<String> outOfDomain = splits.size() > 1 ? splits.subList(1, splits.size()) : splits;
        List<Results.LearningCurve> success = r.coupling().successCurves().isEmpty() ? r.learningCurves()
                : r.coupling().successCurves();
        sb.append("<section id=\"coupling-vs-success\">\n<h2>Coupling and out-of-domain success, per method</h2>\n"
                + "<p class=\"note\">For each method, against RL iterations done: the coupling diagnostics of the"
                + " section above (solid lines, means over seeds) and the greedy success on ")
                .append(Html.safe(String.join(", ", outOfDomain), 80))
                .append(" (dashed, means over the same seeds, from the SFT start at iteration 0 to <code>final</code>). If"
                        + " coupling is what costs generalization, out-of-domain success should fall where coupling"
                        + " rises.</p>\n<div class=\"charts\">");
        for (String m : methods) {
            List<Integer> seeds = r.coupling().seeds().isEmpty() ? r.coupling().measured().getOrDefault(m, List.of())
                    : r.coupling().seeds();
            LineChart.Builder b = LineChart.builder("coupling-vs-success-" + chartId(m))
                    .title(m + ": coupling and out-of-domain success" + (seeds.isEmpty() ? "" : ", " + seedList(seeds)))
                    .xLabel(ITERATIONS_DONE).yLabel("cosine / rate / success").xRange(0, maxIteration).note(note);
            int color = 0;
            for (int k = 0; k < keys.size(); k++) {
                for (Curve c : curves) {
                    if (c.method().equals(m) && c.key().equals(keys.get(k))) {
                        b.add(new LineChart.Series(labels.get(k), PANEL_COLORS.get(color % PANEL_COLORS.size()), false,
                                c.x(), c.mean(), c.low(), c.high()));
                    }
                }
                color++;
            }
            for (String s : outOfDomain) {
                for (Results.LearningCurve c : success) {
                    if (!c.method().equals(m) || !c.split().equals(s)) {
                        continue;
                    }
                    b.add(learningSeries(c, s + " success", PANEL_COLORS.get(color % PANEL_COLORS.size()), true,
                            false, false));
                }
                color++;
            }
            sb.append(b.build().toSvg());
        }
        sb.append("</div>\n</section>\n");
    }

    private static void gcd(StringBuilder sb, List<Curve> curves, Colors colors, double maxIteration) {
        sb.append("<section id=\"gcd\">\n<h2>GCD classifier</h2>\n<p class=\"note\">Accuracy of the generative"
                + " good/bad classifier that GCD trains (<code>gcd/accuracy</code>), for the +GCD runs.</p>\n"
                + "<div class=\"charts\">");
        sb.append(lineChart("gcd-accuracy", "GCD classifier accuracy", "accuracy", true,
                MetricKeys.GCD_ACCURACY, curves, colors, maxIteration, null));
        sb.append("</div>\n</section>\n");
    }

    private static void runs(StringBuilder sb, ExperimentData data, Results r) {
        sb.append("<section id=\"runs\">\n<h2>Runs</h2>\n<p class=\"note\">Each run directory holds <code>run.json</code>,"
                + " <code>config.yaml</code>, <code>metrics.jsonl</code>, <code>eval.json</code> and TensorBoard event"
                + " files under <code>tensorboard/</code>: <code data-note=\"tensorboard\">tensorboard --logdir ")
                .append(Html.safe(data.location(), 200)).append("</code> shows every run's scalars.</p>\n");
        sb.append("<table data-table=\"runs\">\n<tr><th class=\"m\">Directory</th>"
                + "<th class=\"m\">Method</th><th>Seed</th><th class=\"m\">Status</th><th>In table</th><th>Iterations</th>"
                + "<th>Wall time</th></tr>\n");
        for (Results.RunSummary s : r.runs()) {
            sb.append("<tr><td class=\"l\"><code>").append(Html.safe(s.dir(), 200)).append("</code></td><td class=\"m\">")
                    .append(Html.safe(s.method(), 60)).append("</td><td>").append(s.seed()).append("</td><td class=\"l\">")
                    .append(Html.safe(s.status(), 40)).append("</td><td>").append(s.included() ? "yes" : "no")
                    .append("</td><td>").append(s.iterations() < 0 ? "\u2013" : String.valueOf(s.iterations()))
                    .append("</td><td>").append(duration(s.wallSeconds())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (!r.skipped().isEmpty()) {
            sb.append("<h3>Skipped</h3>\n<p class=\"note\">Left out of every number (and listed in"
                    + " <code>results.json</code> under <code>skipped</code>):</p>\n<ul class=\"problems\" data-list=\"skipped\">\n");
            r.skipped().stream().limit(200).forEach(p ->
                    sb.append("<li>").append(Html.safe(p.reason(), 500)).append("</li>\n"));
            if (r.skipped().size() > 200) {
                sb.append("<li>\u2026 and ").append(r.skipped().size() - 200).append(" more</li>\n");
            }
            sb.append("</ul>\n");
        }
        if (!r.warnings().isEmpty()) {
            sb.append("<h3>Read with warnings</h3>\n<p class=\"note\">Counted, but worth a look (also in"
                    + " <code>results.json</code> under <code>warnings</code>):</p>\n<ul class=\"problems\" data-list=\"warnings\">\n");
            r.warnings().stream().limit(200).forEach(p ->
                    sb.append("<li>").append(Html.safe(p, 500)).append("</li>\n"));
            if (r.warnings().size() > 200) {
                sb.append("<li>\u2026 and ").append(r.warnings().size() - 200).append(" more</li>\n");
            }
            sb.append("</ul>\n");
        }
        sb.append("</section>\n");
    }

    private static void commands(StringBuilder sb, ExperimentData data) {
        sb.append("<section id=\"commands\">\n<h2>Commands and configs</h2>\n");
        if (!data.experiment().isEmpty()) {
            sb.append("<h3>Experiment</h3>\n<table data-table=\"experiment\">\n");
            data.experiment().forEach((k, v) -> sb.append("<tr><th class=\"m\">").append(Html.safe(k, 100))
                    .append("</th><td class=\"l\"><pre>").append(Html.text(v)).append("</pre></td></tr>\n"));
            sb.append("</table>\n");
        }
        sb.append("<h3>Per run</h3>\n");
        int shown = 0;
        for (RunData run : data.runs()) {
            if (shown++ >= MAX_RUN_DETAILS) {
                sb.append("<p class=\"note\">").append(data.runs().size() - MAX_RUN_DETAILS)
                        .append(" more runs not shown.</p>\n");
                break;
            }
            sb.append("<details><summary><code>").append(Html.safe(run.relDir(), 200)).append("</code> \u2014 ")
                    .append(Html.safe(run.info().method(), 60)).append(", seed ").append(run.info().seed())
                    .append(", ").append(Html.safe(run.info().status(), 40)).append("</summary>\n");
            sb.append("<p class=\"note\">Command</p><pre class=\"command\">")
                    .append(run.info().command().isEmpty() ? "(not recorded)" : Html.text(run.info().command()))
                    .append("</pre>\n");
            if (!run.info().extra().isEmpty()) {
                sb.append("<table>\n");
                run.info().extra().forEach((k, v) -> sb.append("<tr><th class=\"m\">").append(Html.safe(k, 100))
                        .append("</th><td class=\"l\">").append(Html.text(v)).append("</td></tr>\n"));
                sb.append("</table>\n");
            }
            sb.append("<p class=\"note\">").append(ExperimentLayout.CONFIG).append("</p><pre class=\"config\">")
                    .append(run.config().isEmpty() ? "(no config.yaml)" : Html.text(run.config()))
                    .append("</pre>\n</details>\n");
        }
        sb.append("</section>\n");
    }

    /**
     * The y axis of the final-success bar chart: fitted to the means and interval ends on a 0.05 grid within
     * [0, 1], starting at 0 unless the lowest value is above 0.15 (then the axis starts below it).
     */
    static double[] barAxis(List<BarChart.Series> bars) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (BarChart.Series s : bars) {
            for (int i = 0; i < s.values().length; i++) {
                double[] vs = s.low() == null ? new double[] {s.values()[i]}
                        : new double[] {s.values()[i], s.low()[i], s.high()[i]};
                for (double v : vs) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!Double.isFinite(lo)) {
            return new double[] {0, 1};
        }
        double pad = Math.max(0.02, 0.1 * (hi - lo));
        double min = Math.max(0, Math.floor((lo - pad) / 0.05 + 1e-9) * 0.05);
        double max = Math.min(1, Math.ceil((hi + pad) / 0.05 - 1e-9) * 0.05);
        if (min < 0.1) {
            min = 0;
        }
        if (max <= min) {
            max = Math.min(1, min + 0.1);
        }
        return new double[] {Math.round(min * 100) / 100.0, Math.round(max * 100) / 100.0};
    }

    private static void timeBreakdown(StringBuilder sb, Results.TimeBreakdown t) {
        sb.append("<h3 id=\"time\">Where the time went</h3>\n");
        if (t.runs() == 0) {
            sb.append("<p class=\"note\">No run reports its wall time yet.</p>\n");
            return;
        }
        if (Double.isFinite(t.clockSeconds())) {
            sb.append("<p data-note=\"clock\">Wall clock while runs were going: <strong>")
                    .append(duration(t.clockSeconds())).append("</strong> (")
                    .append(Html.number(t.clockSeconds(), 0)).append(" s; the union of the finished runs' start-to-finish"
                            + " intervals: runs side by side count once, a pause between invocations only inside a run"
                            + " resumed across it). The table sums each run's own time.</p>\n");
        }
        sb.append("<table class=\"time\" data-table=\"time\">\n<tr><th class=\"m\">part</th><th>time</th>"
                + "<th>seconds</th><th>share</th></tr>\n");
        for (Results.TimePart p : t.parts()) {
            sb.append("<tr data-part=\"").append(Html.text(p.key())).append("\"><td class=\"l\">")
                    .append(Html.text(p.label())).append("</td><td>").append(duration(p.seconds())).append("</td><td>")
                    .append(Html.number(p.seconds(), 1)).append("</td><td>")
                    .append(Html.number(100 * t.share(p), 1)).append("%</td></tr>\n");
        }
        sb.append("<tr><th class=\"m\">total, summed over runs</th><th>").append(duration(t.wallSeconds()))
                .append("</th><th>")
                .append(Html.number(t.wallSeconds(), 1)).append("</th><th>100%</th></tr>\n</table>\n");
        if (t.parts().stream().filter(p -> !p.key().equals("other")).allMatch(p -> p.seconds() == 0)) {
            sb.append("<p class=\"note\" data-note=\"no-time-metrics\">These runs recorded no <code>time/*</code>"
                    + " metrics or evaluation <code>seconds</code> (older versions): all of their time shows as"
                    + " <em>other</em>.</p>\n");
        }
        sb.append("<p class=\"note\">Summed over ").append(t.runs()).append(" runs (every seed and method that"
                + " finished or failed; runs in progress are left out) from <code>metrics.jsonl</code>"
                + " <code>time/*</code> keys, the SFT epochs' <code>time/sft_epoch_s</code> and the <code>seconds</code>"
                + " of each run's own <code>sft</code>/<code>final</code> evaluations; <em>other</em> is"
                + " <code>wall_seconds</code> minus the parts (start-up, model loading, between phases).</p>\n");
    }

    /**
     * A chart of one metric against RL iterations done, a line per method named with its seeds, the x axis
     * running at least to {@code maxIteration} (as the success charts' do) and {@code note} drawn inside it.
     */
    private static String lineChart(String id, String title, String yLabel, boolean unitRange, String key,
                                    List<Curve> curves, Colors colors, double maxIteration, String note) {
        LineChart.Builder b = LineChart.builder(id).title(title).yLabel(yLabel).xLabel(ITERATIONS_DONE)
                .xRange(0, maxIteration).note(note);
        if (unitRange) {
            b.yRange(0, 1);
        }
        for (Curve c : curves) {
            if (c.key().equals(key)) {
                b.add(new LineChart.Series(c.method() + seedsSuffix(c), colors.of(c.method()), false, c.x(),
                        c.mean(), c.low(), c.high()));
            }
        }
        return b.build().toSvg();
    }

    private static void cell(StringBuilder sb, Results.Estimate e, Double best) {
        if (e == null || e.n() == 0) {
            sb.append("<td>\u2013</td>");
            return;
        }
        boolean isBest = best != null && Double.isFinite(best) && Math.abs(e.mean() - best) < 1e-12;
        sb.append("<td").append(isBest ? " class=\"best\"" : "").append(" title=\"sd ")
                .append(Html.number(e.sd(), 3)).append(", n ").append(e.n()).append("\">")
                .append(Html.number(e.mean(), 3));
        if (e.hasInterval()) {
            sb.append("<span class=\"ci\">CI [").append(Html.number(e.ciLow(), 3)).append(", ")
                    .append(Html.number(e.ciHigh(), 3)).append("]</span>");
        } else if (e.n() >= 2) {
            sb.append("<span class=\"ci\">range ").append(Html.number(e.min(), 3)).append("\u2013")
                    .append(Html.number(e.max(), 3)).append("</span>");
        } else {
            sb.append("<span class=\"ci\">(1 seed)</span>");
        }
        sb.append("</td>");
    }

    /**
     * Whether any cell's environment return differs from its success rate (a graded world such as science; in the
     * household world the return of an episode is its success, and the table would repeat the one above).
     */
    public static boolean gradedReturn(Results r) {
        for (String m : r.methods()) {
            for (String s : r.splits()) {
                Results.Cell c = r.cell(m, s);
                if (c != null && c.envReturn() != null && c.envReturn().n() > 0
                        && Math.abs(c.envReturn().mean() - c.overall().mean()) > 1e-9) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The mean environment return per method and split, laid out as the success table. */
    private static void envReturnTable(StringBuilder sb, Results r) {
        sb.append("<p class=\"note\">Mean environment return of the same evaluations: the world's rewards summed "
                + "over an episode and averaged over episodes, mean over seeds (science: the 0-100 score / 100, so "
                + "partial progress counts).</p>\n");
        sb.append("<table class=\"results\" data-table=\"env-return\">\n<tr><th class=\"m\">Method</th>");
        for (String s : r.splits()) {
            sb.append("<th>").append(Html.safe(s, 40)).append("</th>");
        }
        sb.append("</tr>\n");
        Map<String, Double> best = new LinkedHashMap<>();
        for (String s : r.splits()) {
            best.put(s, best(r, s, Results.Cell::envReturn));
        }
        for (String m : r.methods()) {
            sb.append("<tr><td class=\"m\">").append(Html.safe(m, 60)).append("</td>");
            for (String s : r.splits()) {
                Results.Cell c = r.cell(m, s);
                cell(sb, c == null ? null : c.envReturn(), best.get(s));
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    private static double bestMean(Results r, String split, String type) {
        return best(r, split, c -> type == null ? c.overall() : c.byType().get(type));
    }

    /** The largest mean over methods of the estimate {@code pick} reads from each method's cell (NaN: none). */
    private static double best(Results r, String split, Function<Results.Cell, Results.Estimate> pick) {
        double best = Double.NaN;
        for (String m : r.methods()) {
            Results.Cell c = r.cell(m, split);
            Results.Estimate e = c == null ? null : pick.apply(c);
            if (e != null && e.n() > 0 && (Double.isNaN(best) || e.mean() > best)) {
                best = e.mean();
            }
        }
        return best;
    }

    private static String pText(double p) {
        String v = pValue(p);
        return v.startsWith("&lt;") ? "p " + v : "p = " + v;
    }

    private static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "\u2013";
        }
        return p < 1e-4 ? "&lt; 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.3f", v) : "\u2013";
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "\u2013";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
    }

    /** A chart-id fragment for an untrusted name: lower case, [a-z0-9-] only, at most 24 characters. */
    static String chartId(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty()) {
            s = "x";
        }
        return s.substring(0, Math.min(24, s.length()));
    }

    /**
     * A stable colour per method: a hue per baseline method (fixed ones for the paper's methods, the palette in
     * order for others) and, for a {@code X+gcd} method whose baseline {@code X} is present, a darker shade of
     * X's hue, so that each pair reads as one family. Darker rather than lighter: a shade halfway to white falls
     * below 3:1 contrast against the white plot and two such pastels (blue, green) are hard to tell apart.
     */
    static final class Colors {
        private static final Map<String, String> FIXED = Map.of("sft", "#777777", "grpo", "#0072B2",
                "gigpo", "#009E73");
        private static final List<String> OTHERS = List.of("#D55E00", "#CC79A7", "#E69F00", "#56B4E9", "#000000");
        /** How far toward black a {@code +gcd} variant's shade is. */
        static final double DARKER = 0.4;
        private final Map<String, String> byMethod = new LinkedHashMap<>();
        private int next;

        Colors(List<String> methods) {
            for (String m : methods) {
                String base = ExperimentLayout.baselineOf(m);
                if (base == null || !methods.contains(base)) {
                    byMethod.put(m, FIXED.containsKey(m) ? FIXED.get(m) : OTHERS.get(next++ % OTHERS.size()));
                }
            }
            for (String m : methods) {
                String base = ExperimentLayout.baselineOf(m);
                if (base != null && methods.contains(base)) {
                    byMethod.put(m, Svg.darker(of(base), DARKER));
                }
            }
        }

        String of(String method) {
            return byMethod.computeIfAbsent(method, m -> OTHERS.get(next++ % OTHERS.size()));
        }
    }

    /**
     * A chart as a file of its own (for example {@code untangle diagnose}'s plots): the chart with the report's
     * chart style and font embedded, so it looks the same opened alone as inside the report.
     */
    public static String standaloneSvg(String svg) {
        int close = svg.indexOf('>');
        if (!svg.startsWith("<svg") || close < 0) {
            throw new IllegalArgumentException("not an <svg> element");
        }
        return svg.substring(0, close + 1) + "<style>svg text{font-family:system-ui,-apple-system,'Segoe UI',"
                + "Roboto,Helvetica,Arial,sans-serif}\n" + SVG_CSS + "</style>" + svg.substring(close + 1);
    }
}
