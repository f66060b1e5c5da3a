package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.cli.Main;
import dev.untangle.report.EvalResults;
import dev.untangle.report.FakeExperiment;
import dev.untangle.report.JsonlMetricsSink;
import dev.untangle.report.MetricKeys;
import dev.untangle.report.RunDirectories;
import dev.untangle.report.RunInfo;
import dev.untangle.report.Xhtml;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issue 25, the report items: 6 (skipped runs and cut-short metrics lines in results.json), 11 and 12 (one
 * significance rule), 13 (coupling charts on the same seeds), 14 (iterations without learning signal), 15
 * (fitted success axes, start markers), 16 (each arm against its own start), 17 (headers, axes, subject,
 * colours).
 */
class ReportConsistencyTest {

    @TempDir
    Path tmp;

    private static final Bootstrap FAST = new Bootstrap(0.95, 2000, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 40;

    /** Outcomes of 40 tasks: the first {@code wins} won. */
    private static List<Integer> wins(int wins) {
        List<Integer> o = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            o.add(t < wins ? 1 : 0);
        }
        return o;
    }

    private static EvalResults.SplitEval split(List<Integer> outcomes) {
        double rate = outcomes.stream().mapToInt(Integer::intValue).sum() / (double) outcomes.size();
        return new EvalResults.SplitEval(rate, outcomes.size(), Map.of(), outcomes, 1.0);
    }

    /** A finished run whose sft and final checkpoints won the given numbers of tasks per split. */
    private static void run(Path exp, String method, int seed, Map<String, Integer> sftWins,
                            Map<String, Integer> finalWins) throws Exception {
        Path dir = Files.createDirectories(exp.resolve(dev.untangle.report.ExperimentLayout.runDir(seed, method)));
        RunDirectories.writeRunInfo(dir, new RunInfo(method, seed, "finished", "untangle test",
                method.startsWith("sft") ? 0 : 10, 10.0, Map.of()));
        Map<String, Map<String, EvalResults.SplitEval>> cps = new LinkedHashMap<>();
        Map<String, EvalResults.SplitEval> sft = new LinkedHashMap<>();
        sftWins.forEach((s, w) -> sft.put(s, split(wins(w))));
        Map<String, EvalResults.SplitEval> fin = new LinkedHashMap<>();
        finalWins.forEach((s, w) -> fin.put(s, split(wins(w))));
        cps.put("sft", sft);
        cps.put("final", fin);
        RunDirectories.writeEval(dir, new EvalResults(cps));
    }

    private JsonNode results(ReportJob.Outcome o) throws Exception {
        return JSON.readTree(o.results().toFile());
    }

    private static Document page(ReportJob.Outcome o) throws Exception {
        return Xhtml.parse(Files.readString(o.report(), StandardCharsets.UTF_8));
    }

    private static Element table(Document d, String id) {
        return Xhtml.elements(d, "table").stream().filter(t -> t.getAttribute("data-table").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + id));
    }

    private static Element chart(Document d, String id) {
        return Xhtml.elements(d, "svg").stream().filter(e -> e.getAttribute("data-chart").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart " + id));
    }

    private static List<String> cells(Element row) {
        List<String> out = new ArrayList<>();
        for (Element c : Xhtml.elements(row, "td")) {
            out.add(c.getTextContent());
        }
        return out;
    }

    private static List<String> texts(Element svg, String cls) {
        return Xhtml.elements(svg, "text").stream().filter(t -> cls == null || t.getAttribute("class").equals(cls))
                .map(Element::getTextContent).toList();
    }

    /** Rewrites every line of a run's metrics.jsonl. */
    private static void editMetrics(Path run, Consumer<ObjectNode> edit) throws Exception {
        Path file = run.resolve("metrics.jsonl");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            edit.accept(n);
            sb.append(JSON.writeValueAsString(n)).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    // ---- item 6 ----

    @Test
    void resultsJsonListsSkippedRunsAndSaysWhenAMetricsLineIsCutShort() throws Exception {
        FakeExperiment.write(tmp);
        Files.writeString(tmp.resolve("seed-0/grpo/eval.json"), "{\"checkpoints\": {\"final\": ");      // damaged
        Files.writeString(tmp.resolve("seed-1/grpo/metrics.jsonl"), "{\"iteration\": 40, \"rollout/succ",
                StandardOpenOption.APPEND);                                                             // killed mid-line
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode r = results(o);
        Map<String, JsonNode> skipped = new LinkedHashMap<>();
        r.get("skipped").forEach(s -> skipped.put(s.get("dir").asText(), s));
        assertEquals(Set.of("seed-0/grpo", "seed-1/gigpo"), skipped.keySet(), r.get("skipped").toString());
        JsonNode eval = skipped.get("seed-0/grpo");
        assertEquals("grpo", eval.get("method").asText());
        assertEquals(0, eval.get("seed").asInt());
        assertTrue(eval.get("reason").asText().startsWith("seed-0/grpo/eval.json: not valid JSON"), eval.toString());
        assertEquals("gigpo", skipped.get("seed-1/gigpo").get("method").asText());
        for (JsonNode run : r.get("runs")) {
            assertFalse(run.get("dir").asText().equals("seed-0/grpo"), "a skipped run is not counted");
        }
        assertEquals(1, r.get("warnings").size(), r.get("warnings").toString());
        String warning = r.get("warnings").get(0).asText();
        assertTrue(warning.startsWith("seed-1/grpo/metrics.jsonl: the last line (line 41, 31 bytes) is cut short"),
                warning);
        assertTrue(warning.contains("left out"), warning);
        assertEquals(List.of(warning), o.warnings());
        assertEquals(2, r.at("/table/grpo/L0/overall/n").asInt(), "seed 1's grpo still counts; seed 0's does not");

        Document d = page(o);
        Element warnings = Xhtml.elements(d, "ul").stream().filter(u -> u.getAttribute("data-list").equals("warnings"))
                .findFirst().orElseThrow();
        assertTrue(warnings.getTextContent().contains("seed-1/grpo/metrics.jsonl: the last line"));
        Element skippedList = Xhtml.elements(d, "ul").stream().filter(u -> u.getAttribute("data-list").equals("skipped"))
                .findFirst().orElseThrow();
        assertEquals(2, Xhtml.elements(skippedList, "li").size());

        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "report", "--resamples",
                "200", tmp.toString()));
        assertTrue(out.toString().contains("warning: seed-1/grpo/metrics.jsonl: the last line"), out.toString());
    }

    // ---- items 11 and 12 ----

    /**
     * Three seeds; on L0 grpo+gcd wins one task more than grpo on every seed (+0.025 each: the old seed table read
     * that as "helps", McNemar p = 0.25); on L1 ten more (+0.25, p far below 0.05).
     */
    private void oneTaskApart() throws Exception {
        for (int seed = 0; seed < 3; seed++) {
            Map<String, Integer> start = Map.of("L0", 15, "L1", 10);
            run(tmp, "sft", seed, start, start);
            run(tmp, "grpo", seed, start, Map.of("L0", 20, "L1", 12));
            run(tmp, "grpo+gcd", seed, start, Map.of("L0", 21, "L1", 22));
        }
    }

    @Test
    void tablesSentencesAndColoursFollowOneSignificanceRule() throws Exception {
        oneTaskApart();
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode r = results(o);
        assertEquals(5, r.at("/significance_rule/min_seeds").asInt());
        assertTrue(r.at("/significance_rule/text").asText().contains("McNemar"));
        Map<String, String> taskVerdicts = new LinkedHashMap<>();
        for (JsonNode c : r.at("/paired_tasks/comparisons")) {
            taskVerdicts.put(c.get("first").asText() + "|" + c.get("second").asText() + "|" + c.get("split").asText(),
                    c.get("verdict").asText());
            assertEquals(c.get("significant").asBoolean(), c.get("verdict_kind").asText().equals("significant"));
            assertTrue(c.at("/seed_level/ci_low").isNull(), "3 seeds: no seed-level confidence interval");
        }
        assertEquals("not significant", taskVerdicts.get("grpo+gcd|grpo|L0"));
        assertEquals("significant at 95%", taskVerdicts.get("grpo+gcd|grpo|L1"));
        for (JsonNode p : r.get("paired_differences")) {
            String key = p.get("method").asText() + "|" + p.get("baseline").asText() + "|" + p.get("split").asText();
            assertEquals(taskVerdicts.get(key), p.get("verdict").asText(), "the same verdict in both tables: " + key);
            assertTrue(p.at("/difference/ci_low").isNull(), "3 seeds give a range, not a confidence interval");
            assertEquals(3, p.at("/difference/n").asInt());
        }

        Document d = page(o);
        String html = Files.readString(o.report());
        assertFalse(html.contains(">helps<") || html.contains(">hurts<"));
        Map<String, String> pairedRows = new LinkedHashMap<>();
        for (Element row : Xhtml.elements(table(d, "paired"), "tr").subList(1, 3)) {
            List<String> c = cells(row);
            pairedRows.put(c.get(2), c.get(7));
            assertTrue(c.get(4).startsWith("range of 3 seeds ["), c.get(4));
            boolean green = Xhtml.elements(row, "td").stream().anyMatch(td -> td.getAttribute("class").contains("up"));
            assertEquals(c.get(7).equals("significant at 95%"), green, "coloured only when significant: " + c);
        }
        assertEquals(Map.of("L0", "not significant", "L1", "significant at 95%"), pairedRows);
        for (Element row : Xhtml.elements(table(d, "paired-tasks"), "tr")) {
            List<String> c = cells(row);
            if (!c.isEmpty() && c.get(0).equals("grpo+gcd") && c.get(1).equals("grpo")) {
                assertEquals(pairedRows.get(c.get(2)), c.get(13), "per-task table agrees: " + c);   // after MDE
            }
        }
        String l0 = Xhtml.elements(d, "p").stream().filter(p -> p.getAttribute("data-split").equals("L0")).findFirst()
                .orElseThrow().getTextContent();
        assertTrue(l0.contains("Not significant: grpo+gcd vs grpo"), l0);
        assertFalse(l0.contains("significant at 95%: grpo+gcd vs grpo"), l0);
        // the overall table's cells show the seeds' range, labelled as such
        String cell = cells(Xhtml.elements(table(d, "overall"), "tr").get(2)).get(2);
        assertTrue(cell.contains("range 0.500\u20130.500"), cell);
        String rule = Xhtml.elements(d, "p").stream().filter(p -> p.getAttribute("data-note").equals("rule"))
                .findFirst().orElseThrow().getTextContent();
        assertTrue(rule.contains(r.at("/significance_rule/text").asText()), rule);
    }

    @Test
    void theDifferenceChartMarksVerdictsAndDoesNotReadAMissedZeroAsSignificant() throws Exception {
        FakeExperiment.write(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode l2 = null;
        for (JsonNode c : results(o).at("/paired_tasks/comparisons")) {
            if (c.get("first").asText().equals("grpo+gcd") && c.get("second").asText().equals("grpo")
                    && c.get("split").asText().equals("L2")) {
                l2 = c;
            }
        }
        assertNotNull(l2);
        assertTrue(l2.get("ci_low").asDouble() > 0, "the L2 interval misses 0: " + l2);
        assertEquals("not significant", l2.get("verdict").asText(), "p = " + l2.get("mcnemar_p"));
        Document d = page(o);
        assertEquals(List.of("sig.", "sig.", "n.s."), texts(chart(d, "gcd-difference"), "mark"));
        String caption = Xhtml.elements(d, "p").stream().filter(p -> p.getAttribute("data-caption")
                .equals("gcd-difference")).findFirst().orElseThrow().getTextContent();
        assertFalse(caption.contains("crossing it is not a clear difference"), caption);
        assertTrue(caption.contains("an interval that misses 0 is not by itself a significant difference"), caption);
    }

    // ---- item 13 ----

    @Test
    void couplingChartsCompareMethodsOnTheSameSeedsAndSayWhichAreMissing() throws Exception {
        FakeExperiment.write(tmp);
        // grpo seed 2 and grpo+gcd seed 0 measured nothing: their probe sets had 0 and 1 steps with A != 0
        Consumer<ObjectNode> none0 = n -> dropCoupling(n, 0);
        Consumer<ObjectNode> none1 = n -> dropCoupling(n, 1);
        editMetrics(tmp.resolve("seed-2/grpo"), none0);
        editMetrics(tmp.resolve("seed-0/grpo-gcd"), none1);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode c = results(o).get("coupling");
        assertEquals(List.of(1), ints(c.get("seeds")));
        assertEquals(List.of(0, 1), ints(c.at("/measured/grpo")));
        assertEquals(List.of(1, 2), ints(c.at("/measured/grpo+gcd")));
        Map<String, String> why = new LinkedHashMap<>();
        c.get("left_out").forEach(l -> why.put(l.get("method").asText() + " " + l.get("seed").asInt(),
                l.get("reason").asText()));
        assertEquals(Map.of("grpo+gcd 0", "its probe set had 1 step with A != 0 (2 are needed)",
                "grpo 2", "its probe set had 0 steps with A != 0 (2 are needed)"), why);

        Document d = page(o);
        for (String id : List.of("coupling-index", "coupling-harmful-rate", "coupling-goodbad-cosine")) {
            Element svg = chart(d, id);
            assertEquals(List.of("grpo (seed 1)", "grpo+gcd (seed 1)"), texts(svg, "legend"), id);
            String note = String.join(" ", texts(svg, "note"));
            assertTrue(note.contains("Every line is over the same seed 1."), note);
            assertTrue(note.contains("seed 0 left out: grpo+gcd: its probe set had 1 step with A != 0"), note);
            assertTrue(note.contains("seed 2 left out: grpo: its probe set had 0 steps with A != 0"), note);
        }
        Element panel = chart(d, "coupling-vs-success-grpo");
        assertTrue(texts(panel, "t").get(0).endsWith("seed 1"), texts(panel, "t").toString());
        assertFalse(String.join(" ", texts(panel, "note")).isEmpty());
        for (dev.untangle.report.Curve curve : Aggregation.curves(
                dev.untangle.report.RunDirectories.readExperiment(tmp, MetricKeys::read), FAST)) {
            if (MetricKeys.COUPLING_KEYS.contains(curve.key())) {
                assertEquals(List.of(1), curve.seedIds(), curve.key() + " " + curve.method());
            }
        }
    }

    private static void dropCoupling(ObjectNode n, int probes) {
        if (n.has(MetricKeys.COUPLING_INDEX)) {
            MetricKeys.COUPLING_KEYS.forEach(n::remove);
            n.put(MetricKeys.COUPLING_PROBE_SAMPLES, probes);
        }
    }

    private static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asInt()));
        return out;
    }

    // ---- item 14 ----

    @Test
    void iterationsWithoutLearningSignalAreChartedAndSummarised() throws Exception {
        FakeExperiment.write(tmp);
        // seed 0 of grpo+gcd used dynamic sampling: 12 groups drawn, 8 kept, 4 dropped per iteration; none kept at 5
        editMetrics(tmp.resolve("seed-0/grpo-gcd"), n -> {
            int it = n.get("iteration").asInt();
            n.put(MetricKeys.FILTER_GROUPS_DRAWN, 12);
            n.put(MetricKeys.FILTER_GROUPS_KEPT, it == 5 ? 0 : 8);
            n.put(MetricKeys.FILTER_GROUPS_DROPPED, it == 5 ? 12 : 4);
        });
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode s = results(o).get("no_signal");
        assertEquals("adv/frac_zero_std_groups", s.get("key").asText());
        Map<String, JsonNode> byMethod = new LinkedHashMap<>();
        s.get("methods").forEach(m -> byMethod.put(m.get("method").asText(), m));
        assertEquals(List.of("grpo", "grpo+gcd"), List.copyOf(byMethod.keySet()), "sft has no RL iteration");
        JsonNode grpo = byMethod.get("grpo");
        assertEquals(3, grpo.get("runs").asInt());
        assertEquals(120, grpo.get("iterations").asInt());
        assertEquals(30, grpo.get("all_uniform_iterations").asInt(), "iterations 0, 4, ..., 36 of 3 runs");
        assertEquals(0.25, grpo.get("all_uniform_share").asDouble(), 1e-12);
        assertEquals((10 + 30 * 0.25) / 40, grpo.get("mean_frac_zero_std_groups").asDouble(), 1e-12);
        assertEquals(10, grpo.at("/per_seed/1/all_uniform_iterations").asInt());
        assertTrue(grpo.get("filter").isNull());
        JsonNode gcd = byMethod.get("grpo+gcd");
        assertEquals(15, gcd.get("all_uniform_iterations").asInt());
        assertEquals((5 + 35 * 0.5) / 40, gcd.get("mean_frac_zero_std_groups").asDouble(), 1e-12);
        assertEquals(40, gcd.at("/filter/iterations").asInt());
        assertEquals(480, gcd.at("/filter/groups_drawn").asInt());
        assertEquals(39 * 8, gcd.at("/filter/groups_kept").asInt());
        assertEquals(39 * 4 + 12, gcd.at("/filter/groups_dropped").asInt());
        assertEquals((39 * 4 + 12) / 480.0, gcd.at("/filter/dropped_share").asDouble(), 1e-12);
        assertEquals(1, gcd.at("/filter/iterations_without_kept_group").asInt());

        Document d = page(o);
        Element svg = chart(d, "zero-signal");
        assertFalse(svg.getTextContent().contains("no data"));
        assertEquals(List.of("grpo (seeds 0\u20132)", "grpo+gcd (seeds 0\u20132)", "grpo+gcd dropped"),
                texts(svg, "legend"));
        Element t = table(d, "signal");
        List<String> row = cells(Xhtml.elements(t, "tr").get(1));
        assertEquals(List.of("grpo", "3", "120", "30 (25%)", "0.438", "\u2013", "\u2013", "\u2013", "\u2013"), row);
    }

    // ---- item 15 ----

    @Test
    void successAxesFitTheDataAndStartPointsAreMarkersOnTop() throws Exception {
        FakeExperiment.write(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        Document d = page(o);
        for (String id : List.of("success-l0", "success-wall-l0")) {
            Element svg = chart(d, id);
            if (id.equals("success-l0")) {                   // (the wall chart's x ticks include 1.0 minutes)
                List<String> ticks = texts(svg, "tick");
                assertFalse(ticks.contains("1.0") || ticks.contains("0.0"), id + " is fitted: " + ticks);
            }
            String yLabel = texts(svg, "label").stream().filter(l -> l.startsWith("success")).findFirst().orElseThrow();
            assertEquals("success (axis 0.20\u20130.75)", yLabel, id);
            List<Element> starts = Xhtml.elements(svg, "path").stream()
                    .filter(p -> p.getAttribute("class").equals("start")).toList();
            assertEquals(2, starts.size(), id + ": the sft point and its legend marker");
            String markup = Files.readString(o.report());
            int at = markup.indexOf("data-chart=\"" + id + "\"");
            String one = markup.substring(at, markup.indexOf("</svg>", at));
            assertTrue(one.lastIndexOf("class=\"line\" fill=\"none\"") < one.indexOf("class=\"start\""),
                    id + ": markers are drawn after (on top of) every line");
        }
    }

    // ---- item 16 ----

    @Test
    void eachArmIsComparedWithItsOwnStartInTheMainTable() throws Exception {
        for (int seed = 0; seed < 2; seed++) {
            run(tmp, "sft", seed, Map.of("L0", 20), Map.of("L0", 20));
            run(tmp, "sft+critic", seed, Map.of("L0", 16), Map.of("L0", 16));
            run(tmp, "grpo", seed, Map.of("L0", 20), Map.of("L0", 25));
            run(tmp, "grpo+gcd", seed, Map.of("L0", 16), Map.of("L0", 24));
        }
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        Map<String, JsonNode> byPair = new LinkedHashMap<>();
        for (JsonNode c : results(o).at("/paired_tasks/comparisons")) {
            byPair.put(c.get("first").asText() + " vs " + c.get("second").asText(), c);
        }
        assertEquals("sft", byPair.get("grpo+gcd vs sft+critic").get("kind").asText(), "its own start");
        assertEquals(8 / 40.0, byPair.get("grpo+gcd vs sft+critic").get("difference").asDouble(), 1e-12);
        assertEquals("other", byPair.get("grpo+gcd vs sft").get("kind").asText());
        assertEquals("sft", byPair.get("grpo vs sft").get("kind").asText());
        assertEquals("sft", byPair.get("sft+critic vs sft").get("kind").asText());
        Document d = page(o);
        Set<String> main = new HashSet<>();
        for (Element row : Xhtml.elements(table(d, "paired-tasks"), "tr")) {
            List<String> c = cells(row);
            if (!c.isEmpty()) {
                main.add(c.get(0) + " vs " + c.get(1));
            }
        }
        assertTrue(main.contains("grpo+gcd vs sft+critic"), main.toString());
        assertFalse(main.contains("grpo+gcd vs sft"), main.toString());
    }

    // ---- item 17 ----

    @Test
    void headersAxesSubjectAndCommandsAreUnambiguous() throws Exception {
        Path exp = tmp.resolve("runs/experiment");
        FakeExperiment.write(exp);
        ReportJob.Outcome o = ReportJob.rebuild(exp, FAST, "untangle test");
        Document d = page(o);
        List<String> headers = Xhtml.elements(Xhtml.elements(table(d, "paired-tasks"), "tr").get(0), "th").stream()
                .map(Element::getTextContent).toList();
        assertEquals(headers.size(), new HashSet<>(headers).size(), "no duplicate column header: " + headers);
        assertTrue(headers.containsAll(List.of("first method", "second method", "first success", "second success")));
        String subject = Xhtml.elements(d, "p").stream().filter(p -> p.getAttribute("data-note").equals("subject"))
                .findFirst().orElseThrow().getTextContent();
        assertTrue(subject.startsWith("Directory " + exp + " \u00b7"), subject);
        assertFalse(d.getDocumentElement().getTextContent().contains("Experiment experiment"));
        String tb = Xhtml.elements(d, "code").stream().filter(c -> c.getAttribute("data-note").equals("tensorboard"))
                .findFirst().orElseThrow().getTextContent();
        assertEquals("tensorboard --logdir " + exp, tb, "what the experiment command printed");
        List<String> successTicks = texts(chart(d, "success-l0"), "tick");
        for (String id : List.of("coupling-index", "coupling-harmful-rate", "coupling-goodbad-cosine", "gcd-accuracy",
                "rollout-success", "zero-signal", "coupling-vs-success-grpo")) {
            Element svg = chart(d, id);
            assertTrue(texts(svg, "label").contains("RL iterations done"), id + ": " + texts(svg, "label"));
            assertTrue(texts(svg, "tick").contains("40"), id + " runs to 40 like the success charts: "
                    + texts(svg, "tick"));
        }
        assertTrue(successTicks.contains("40"));
    }
}
