package dev.untangle.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@link Results} as {@code results.json} (schema in docs/OUTPUTS.md); NaN becomes null. */
public final class ResultsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /** The JSON text of {@code results}, ending in a newline. */
    public static String write(Results r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", Results.SCHEMA);
        root.put("checkpoint", r.checkpoint());
        Map<String, Object> ci = new LinkedHashMap<>();
        ci.put("level", r.confidence());
        ci.put("method", "percentile bootstrap of the mean over seeds, given only with at least min_seeds seeds"
                + " (with fewer: null, and min/max give the seeds' range)");
        ci.put("resamples", r.resamples());
        ci.put("seed", r.bootstrapSeed());
        ci.put("min_seeds", r.rule().minSeeds());
        root.put("confidence_interval", ci);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("level", r.rule().level());
        rule.put("min_seeds", r.rule().minSeeds());
        rule.put("text", r.rule().text());
        root.put("significance_rule", rule);
        root.put("seeds", r.seeds());
        root.put("methods", r.methods());
        root.put("splits", r.splits());
        root.put("task_types", r.typesBySplit());
        Map<String, Object> table = new LinkedHashMap<>();
        r.table().forEach((method, splits) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            splits.forEach((split, cell) -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("overall", estimate(cell.overall()));
                c.put("episodes", cell.episodes());
                if (cell.envReturn() != null) {
                    c.put("mean_env_return", estimate(cell.envReturn()));
                }
                Map<String, Object> types = new LinkedHashMap<>();
                cell.byType().forEach((t, e) -> types.put(t, estimate(e)));
                c.put("by_type", types);
                m.put(split, c);
            });
            table.put(method, m);
        });
        root.put("table", table);
        List<Object> paired = new ArrayList<>();
        for (Results.Paired p : r.paired()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", p.method());
            m.put("baseline", p.baseline());
            m.put("split", p.split());
            m.put("difference", estimate(p.overall()));
            Map<String, Object> types = new LinkedHashMap<>();
            p.byType().forEach((t, e) -> types.put(t, estimate(e)));
            m.put("by_type", types);
            verdict(m, p.verdict());
            paired.add(m);
        }
        root.put("paired_differences", paired);
        List<Object> runs = new ArrayList<>();
        for (Results.RunSummary s : r.runs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dir", s.dir());
            m.put("method", s.method());
            m.put("seed", s.seed());
            m.put("status", s.status());
            m.put("included", s.included());
            m.put("iterations", s.iterations() < 0 ? null : s.iterations());
            m.put("wall_seconds", num(s.wallSeconds()));
            runs.add(m);
        }
        root.put("runs", runs);
        List<Object> skipped = new ArrayList<>();
        for (Results.Skipped k : r.skipped()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dir", k.dir());
            m.put("method", k.method());
            m.put("seed", k.seed() < 0 ? null : k.seed());
            m.put("reason", k.reason());
            skipped.add(m);
        }
        root.put("skipped", skipped);
        root.put("warnings", r.warnings());
        root.put("paired_tasks", pairedTasks(r));
        root.put("time_breakdown", time(r.time()));
        List<Object> curves = new ArrayList<>();
        for (Results.LearningCurve c : r.learningCurves()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", c.method());
            m.put("split", c.split());
            List<Object> points = new ArrayList<>();
            for (Results.CurvePoint p : c.points()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("iteration", p.iteration());
                pm.put("checkpoint", p.checkpoint());
                pm.put("wall_seconds", num(p.wallSeconds()));
                pm.put("mean", num(p.mean()));
                pm.put("ci_low", num(p.ciLow()));
                pm.put("ci_high", num(p.ciHigh()));
                pm.put("min", num(p.min()));
                pm.put("max", num(p.max()));
                pm.put("n", p.n());
                points.add(pm);
            }
            m.put("points", points);
            curves.add(m);
        }
        root.put("learning_curves", curves);
        root.put("no_signal", signal(r));
        root.put("coupling", coupling(r.coupling()));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write results.json: " + e.getMessage(), e);
        }
    }

    /** Text of {@code paired_tasks.method}. */
    public static final String PAIRED_TASKS_METHOD = "paired cluster bootstrap over task ids (tasks resampled,"
            + " seeds and pairing fixed) of the pooled difference; exact two-sided McNemar test on the discordant pairs";

    private static Map<String, Object> pairedTasks(Results r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("checkpoint", r.checkpoint());
        root.put("level", r.confidence());
        root.put("method", PAIRED_TASKS_METHOD);
        root.put("resamples", r.resamples());
        root.put("seed", r.bootstrapSeed());
        List<Object> list = new ArrayList<>();
        for (Results.TaskComparison c : r.taskComparisons()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("first", c.first());
            m.put("second", c.second());
            m.put("kind", c.kind());
            m.put("split", c.split());
            m.put("pairs", c.pairs());
            m.put("tasks", c.tasks());
            m.put("seeds", List.copyOf(c.perSeed().keySet()));
            m.put("first_success", num(c.firstRate()));
            m.put("second_success", num(c.secondRate()));
            m.put("difference", num(c.difference()));
            m.put("ci_low", num(c.ciLow()));
            m.put("ci_high", num(c.ciHigh()));
            m.put("b", c.b());
            m.put("c", c.c());
            m.put("mcnemar_p", num(c.pValue()));
            m.put("mde_80", num(c.mde()));
            m.put("significant", c.significant());
            verdict(m, c.verdict());
            m.put("seed_level", estimate(c.seeds()));
            Map<String, Object> per = new LinkedHashMap<>();
            c.perSeed().forEach((seed, sp) -> {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("pairs", sp.pairs());
                pm.put("b", sp.b());
                pm.put("c", sp.c());
                pm.put("difference", num(sp.difference()));
                per.put(String.valueOf(seed), pm);
            });
            m.put("per_seed", per);
            list.add(m);
        }
        root.put("comparisons", list);
        root.put("missing_task_outcomes", r.outcomesMissing());
        return root;
    }

    private static Map<String, Object> time(Results.TimeBreakdown t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", t.runs());
        m.put("wall_seconds", num(t.wallSeconds()));
        m.put("clock_seconds", num(t.clockSeconds()));
        List<Object> parts = new ArrayList<>();
        for (Results.TimePart p : t.parts()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("key", p.key());
            pm.put("label", p.label());
            pm.put("seconds", num(p.seconds()));
            pm.put("share", num(t.share(p)));
            parts.add(pm);
        }
        m.put("parts", parts);
        return m;
    }

    private static void verdict(Map<String, Object> m, Results.Verdict v) {
        m.put("verdict", v.text());
        m.put("verdict_kind", v.kind());
        m.put("verdict_reason", v.reason());
    }

    /** Text of {@code no_signal.definition}. */
    public static final String NO_SIGNAL_DEFINITION = "adv/frac_zero_std_groups is the share of an iteration's"
            + " task groups whose episodes all earned the same reward (no advantage spread); an iteration with every"
            + " group uniform (the value 1) gives the policy gradient no signal";

    private static Map<String, Object> signal(Results r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("key", MetricKeys.ADV_FRAC_ZERO_STD_GROUPS);
        root.put("definition", NO_SIGNAL_DEFINITION);
        List<Object> list = new ArrayList<>();
        for (Results.Signal s : r.signal()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", s.method());
            m.put("runs", s.runs());
            m.put("iterations", s.iterations());
            m.put("all_uniform_iterations", s.allUniformIterations());
            m.put("all_uniform_share", num(s.allUniformShare()));
            m.put("mean_frac_zero_std_groups", num(s.meanZeroStdShare()));
            Map<String, Object> per = new LinkedHashMap<>();
            s.perSeed().forEach((seed, x) -> {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("iterations", x.iterations());
                pm.put("all_uniform_iterations", x.allUniformIterations());
                pm.put("mean_frac_zero_std_groups", num(x.meanZeroStdShare()));
                per.put(String.valueOf(seed), pm);
            });
            m.put("per_seed", per);
            if (s.filter() == null) {
                m.put("filter", null);
            } else {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("iterations", s.filter().iterations());
                f.put("groups_drawn", s.filter().groupsDrawn());
                f.put("groups_kept", s.filter().groupsKept());
                f.put("groups_dropped", s.filter().groupsDropped());
                f.put("dropped_share", num(s.filter().droppedShare()));
                f.put("iterations_without_kept_group", s.filter().iterationsWithoutKept());
                m.put("filter", f);
            }
            list.add(m);
        }
        root.put("methods", list);
        return root;
    }

    private static Map<String, Object> coupling(Results.Coupling c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("methods", c.methods());
        m.put("seeds", c.seeds());
        m.put("measured", c.measured());
        List<Object> left = new ArrayList<>();
        for (Results.LeftOut l : c.leftOut()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("method", l.method());
            lm.put("seed", l.seed());
            lm.put("reason", l.reason());
            left.add(lm);
        }
        m.put("left_out", left);
        return m;
    }

    private static Map<String, Object> estimate(Results.Estimate e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", e.n());
        m.put("mean", num(e.mean()));
        m.put("sd", num(e.sd()));
        m.put("ci_low", num(e.ciLow()));
        m.put("ci_high", num(e.ciHigh()));
        m.put("min", num(e.min()));
        m.put("max", num(e.max()));
        Map<String, Object> per = new LinkedHashMap<>();
        e.perSeed().forEach((seed, v) -> per.put(String.valueOf(seed), num(v)));
        m.put("per_seed", per);
        return m;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
