package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.cli.Main;
import dev.untangle.report.FakeExperiment;
import dev.untangle.report.Results;
import dev.untangle.report.Xhtml;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ReportJobTest {

    @TempDir
    Path tmp;

    private static final Bootstrap FAST = new Bootstrap(0.95, 2000, 1);
    private static final Set<String> ALL_CHARTS = Set.of("final-success", "gcd-difference", "success-l0",
            "success-l1", "success-l2", "success-wall-l0", "success-wall-l1", "success-wall-l2", "rollout-success",
            "coupling-index", "coupling-harmful-rate", "coupling-goodbad-cosine", "gcd-accuracy", "zero-signal",
            "coupling-vs-success-grpo", "coupling-vs-success-grpo-gcd");      // per method with coupling curves

    @Test
    void fakeExperimentBecomesAWellFormedEscapedReport() throws Exception {
        FakeExperiment.write(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        assertEquals(9, o.runs());
        assertEquals(8, o.complete());
        assertEquals(1, o.problems().size(), o.problems().toString());
        assertTrue(o.problems().get(0).startsWith("seed-1/gigpo/run.json: not valid JSON"), o.problems().get(0));

        String html = Files.readString(o.report(), StandardCharsets.UTF_8);
        Document d = Xhtml.parse(html);
        Set<String> charts = Xhtml.elements(d, "svg").stream().map(e -> e.getAttribute("data-chart"))
                .collect(Collectors.toSet());
        assertEquals(ALL_CHARTS, charts);
        for (Element svg : Xhtml.elements(d, "svg")) {
            if (!svg.getAttribute("data-chart").equals("final-success")) {
                assertFalse(svg.getTextContent().contains("no data"), svg.getAttribute("data-chart") + " is empty");
                assertFalse(Xhtml.elements(d, "polyline").isEmpty());
            }
        }
        // No script or external resource anywhere; the injected text is present as text only.
        assertTrue(Xhtml.elements(d, "script").isEmpty());
        assertFalse(html.contains("<script"));
        String noNamespaces = html.replace("http://www.w3.org/1999/xhtml", "").replace("http://www.w3.org/2000/svg", "");
        assertFalse(noNamespaces.contains("http:") || noNamespaces.contains("https:") || noNamespaces.contains("src="),
                "no external resource");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"));
        assertTrue(html.contains("heat&lt;script&gt;alert(1)&lt;/script&gt;&amp;cool"), "task type escaped");
        assertTrue(html.contains("--out a&amp;b"), "command escaped");
        assertTrue(html.contains("x &amp; y"), "experiment.json escaped");
        assertFalse(html.contains(">helps<") || html.contains(">hurts<"), "no reading besides the rule's verdicts");
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains(FakeExperiment.EVIL), "config value shown verbatim as text");
        assertTrue(text.contains(FakeExperiment.EVIL_TYPE));
        assertEquals(6, Xhtml.elements(d, "table").stream().filter(t -> t.getAttribute("class").equals("results")).count(),
                "overall, three per-type tables, paired by seed, paired per task");
    }

    @Test
    void resultsJsonHasTheDocumentedSchemaAndNumbers() throws Exception {
        FakeExperiment.write(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode r = new ObjectMapper().readTree(o.results().toFile());
        assertEquals(Results.SCHEMA, r.get("schema").asText());
        assertEquals("final", r.get("checkpoint").asText());
        assertEquals(0.95, r.at("/confidence_interval/level").asDouble());
        assertEquals(List.of("sft", "grpo", "grpo+gcd"), names(r.get("methods")));
        assertEquals(List.of("L0", "L1", "L2"), names(r.get("splits")));
        assertEquals(List.of("heat<script>alert(1)</script>&cool", "pick"), names(r.at("/task_types/L0")));
        // grpo L0 final success per seed = 0.5 + 0.05 k for k = 0, 1, 2.
        JsonNode cell = r.at("/table/grpo/L0/overall");
        assertEquals(3, cell.get("n").asInt());
        assertEquals(0.55, cell.get("mean").asDouble(), 1e-9);
        assertEquals(0.05, cell.get("sd").asDouble(), 1e-9);
        assertTrue(cell.get("ci_low").isNull() && cell.get("ci_high").isNull(), "3 seeds: no confidence interval");
        assertEquals(0.5, cell.get("min").asDouble(), 1e-9);
        assertEquals(0.6, cell.get("max").asDouble(), 1e-9);
        assertEquals(5, r.at("/confidence_interval/min_seeds").asInt());
        assertEquals(0.6, cell.at("/per_seed/2").asDouble(), 1e-9);
        assertEquals(120, r.at("/table/grpo/L0/episodes").asInt());
        // grpo+gcd seed 2 is still running: two seeds count.
        assertEquals(2, r.at("/table/grpo+gcd/L1/overall/n").asInt());
        JsonNode paired = r.get("paired_differences");
        assertEquals(3, paired.size());
        JsonNode p0 = paired.get(0);
        assertEquals("grpo+gcd", p0.get("method").asText());
        assertEquals("grpo", p0.get("baseline").asText());
        assertEquals("L0", p0.get("split").asText());
        assertEquals(2, p0.at("/difference/n").asInt());
        assertEquals(0.1, p0.at("/difference/mean").asDouble(), 1e-9, "0.6 - 0.5 on every seed");
        assertTrue(p0.at("/difference/ci_low").isNull());
        assertEquals(0.1, p0.at("/difference/min").asDouble(), 1e-9);
        assertEquals("significant at 95%", p0.get("verdict").asText(), "the per-task comparison's verdict");
        assertNotNull(p0.at("/by_type/pick/difference"));
        assertEquals(9, r.get("runs").size());
        for (JsonNode run : r.get("runs")) {
            assertEquals(run.get("status").asText().equals("finished"), run.get("included").asBoolean(), run.toString());
        }
        assertEquals(1, java.util.stream.StreamSupport.stream(r.get("runs").spliterator(), false)
                .filter(run -> run.get("status").asText().equals("running")).count());
    }

    @Test
    void reportCommandRebuildsAndFailsCleanlyOnAMissingDirectory() throws Exception {
        FakeExperiment.write(tmp);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), "report", "--json", "--resamples", "500",
                tmp.toString());
        assertEquals(0, rc, err.toString());
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertEquals(8, summary.get("complete").asInt());
        assertTrue(Files.isRegularFile(tmp.resolve("report.html")));
        assertTrue(Files.isRegularFile(tmp.resolve("results.json")));

        StringWriter err2 = new StringWriter();
        int rc2 = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err2), "report",
                tmp.resolve("nope").toString());
        assertEquals(2, rc2);
        assertTrue(err2.toString().startsWith("error: not a directory"), err2.toString());
        assertEquals(1, err2.toString().strip().lines().count());
    }

    @Test
    void emptyExperimentStillRendersEveryChart() throws Exception {
        Files.createDirectories(tmp.resolve("seed-0"));
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        assertEquals(0, o.runs());
        Document d = Xhtml.parse(Files.readString(o.report()));
        // every chart but the per-method coupling panels, which exist only for methods with coupling curves
        assertEquals(ALL_CHARTS.stream().filter(c -> !c.startsWith("coupling-vs-success")).count(),
                Xhtml.elements(d, "svg").size());
        JsonNode r = new ObjectMapper().readTree(o.results().toFile());
        assertEquals(0, r.get("methods").size());
    }

    @Test
    void hostileSplitAndMethodTextStaysWellFormed() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("seed-0/grpo"));
        Files.writeString(run.resolve("run.json"), "{\"method\": \"grpo\", \"seed\": 0, \"status\": \"finished\"}");
        Files.writeString(run.resolve("eval.json"), "{\"checkpoints\": {\"final\": {\"L<1>&\\u0000\": "
                + "{\"success_rate\": 0.5, \"episodes\": 4, \"by_type\": {\"]]><!--\": {\"success_rate\": 1}}}}}}");
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle <test> & co");
        String html = Files.readString(o.report());
        Document d = Xhtml.parse(html);
        Set<String> charts = Xhtml.elements(d, "svg").stream().map(e -> e.getAttribute("data-chart"))
                .collect(Collectors.toSet());
        assertTrue(charts.contains("success-l-1"), charts.toString());
        assertTrue(charts.stream().allMatch(c -> c.matches("[a-z0-9-]+")), charts.toString());
        assertTrue(d.getDocumentElement().getTextContent().contains("L<1>&\uFFFD"));
        assertTrue(d.getDocumentElement().getTextContent().contains("]]><!--"));
        assertTrue(html.contains("untangle &lt;test&gt; &amp; co"));
    }

    @Test
    void pairedPerTaskStatisticsAreInResultsJsonAndTheReport() throws Exception {
        FakeExperiment.write(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode pt = new ObjectMapper().readTree(o.results().toFile()).get("paired_tasks");
        assertEquals(0.95, pt.get("level").asDouble());
        assertEquals(0, pt.get("missing_task_outcomes").size());
        // Per split: grpo+gcd vs grpo (gcd), grpo vs sft and grpo+gcd vs sft (sft); no other pair.
        assertEquals(9, pt.get("comparisons").size());
        JsonNode l0 = comparison(pt, "grpo+gcd", "grpo", "L0");
        assertEquals("gcd", l0.get("kind").asText());
        assertEquals(List.of("0", "1"), names(l0.get("seeds")), "seed 2 of grpo+gcd is still running");
        // Seed 0: 20 vs 24 tasks won of 40; seed 1: 22 vs 26 of 40 with task 39 of grpo an environment failure.
        int[] rank = FakeExperiment.rank("L0");
        int failureDiscordant = rank[39] >= 22 && rank[39] < 26 ? 1 : 0;
        int b = 4 + 4 - failureDiscordant;
        assertEquals(79, l0.get("pairs").asInt());
        assertEquals(b, l0.get("b").asInt());
        assertEquals(0, l0.get("c").asInt(), "the better policy wins a superset of the tasks");
        assertEquals(b / 79.0, l0.get("difference").asDouble(), 1e-12);
        assertEquals(PairedTasks.mcnemarExactP(b, 0), l0.get("mcnemar_p").asDouble(), 1e-15);
        assertTrue(l0.get("ci_low").asDouble() > 0 && l0.get("ci_high").asDouble() > l0.get("difference").asDouble());
        assertTrue(l0.get("significant").asBoolean());
        assertEquals("significant at 95%", l0.get("verdict").asText());
        assertEquals(4, l0.at("/per_seed/0/b").asInt());
        assertEquals(40, l0.at("/per_seed/0/pairs").asInt());
        JsonNode l2 = comparison(pt, "grpo+gcd", "grpo", "L2");
        assertTrue(l2.get("mcnemar_p").asDouble() >= 0.05, l2.toString());
        assertEquals("not significant", l2.get("verdict").asText());
        assertEquals("sft", comparison(pt, "grpo", "sft", "L1").get("kind").asText());
        double mde = l2.get("mde_80").asDouble();       // issue 24 item 4: each verdict says what it could detect
        assertEquals(PairedTasks.minimumDetectableEffect(l2.get("pairs").asInt(), l2.get("b").asInt(),
                l2.get("c").asInt()), mde, 1e-9);
        assertTrue(mde > 0 && mde < 1, "mde " + mde);

        Document d = Xhtml.parse(Files.readString(o.report()));
        Element table = Xhtml.elements(d, "table").stream().filter(t -> t.getAttribute("data-table").equals("paired-tasks"))
                .findFirst().orElseThrow();
        assertEquals(1 + 9, Xhtml.elements(table, "tr").size());
        Element verdictL2 = Xhtml.elements(d, "p").stream().filter(p -> p.getAttribute("data-split").equals("L2"))
                .findFirst().orElseThrow();
        String sentence = verdictL2.getTextContent();
        assertTrue(sentence.startsWith("On L2, significant at 95%: grpo vs sft"), sentence);
        assertTrue(sentence.contains("Not significant: grpo+gcd vs grpo"), sentence);
        assertTrue(Xhtml.elements(d, "p").stream().filter(p -> p.getAttribute("data-split").equals("L0"))
                .findFirst().orElseThrow().getTextContent().contains("significant at 95%: grpo+gcd vs grpo"));
        Element diff = chart(d, "gcd-difference");
        assertEquals(3, Xhtml.elements(diff, "circle").stream().filter(c -> c.getAttribute("class").equals("estimate")).count());
        assertEquals(6, Xhtml.elements(diff, "circle").stream().filter(c -> c.getAttribute("class").equals("seed")).count(),
                "two paired seeds on three splits");
    }

    @Test
    void olderEvalFilesWithoutTaskOutcomesStillGiveAReportThatSaysSo() throws Exception {
        FakeExperiment.writeLegacy(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode r = new ObjectMapper().readTree(o.results().toFile());
        assertEquals(0, r.at("/paired_tasks/comparisons").size());
        assertEquals(24, r.at("/paired_tasks/missing_task_outcomes").size(), "8 complete runs x 3 splits");
        assertEquals(3, r.get("paired_differences").size());
        Document d = Xhtml.parse(Files.readString(o.report()));
        assertTrue(Xhtml.elements(d, "p").stream().anyMatch(p -> p.getAttribute("data-note").equals("no-task-outcomes")
                && p.getTextContent().contains("lack task_outcomes")));
        assertTrue(Xhtml.elements(d, "p").stream().anyMatch(p -> p.getAttribute("data-note").equals("no-time-metrics")));
        Element diff = chart(d, "gcd-difference");
        assertFalse(diff.getTextContent().contains("no data"), "falls back to the per-seed differences");
        assertEquals(3, Xhtml.elements(diff, "circle").stream().filter(c -> c.getAttribute("class").equals("estimate")).count());
        assertEquals(ALL_CHARTS.size(), Xhtml.elements(d, "svg").size());
    }

    @Test
    void learningCurvesStartAtSftEndAtFinalAndHaveWallTimes() throws Exception {
        FakeExperiment.write(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode curves = new ObjectMapper().readTree(o.results().toFile()).get("learning_curves");
        JsonNode grpo = null;
        for (JsonNode c : curves) {
            if (c.get("method").asText().equals("grpo") && c.get("split").asText().equals("L0")) {
                grpo = c.get("points");
            }
        }
        assertNotNull(grpo);
        double sftWall = 10 * FakeExperiment.SFT_EPOCH_S + 3 * FakeExperiment.EVAL_S;   // epochs + sft evaluation
        JsonNode first = grpo.get(0);
        assertEquals(0, first.get("iteration").asLong());
        assertEquals("sft", first.get("checkpoint").asText());
        assertEquals(0.3, first.get("mean").asDouble(), 1e-9);
        assertEquals(sftWall, first.get("wall_seconds").asDouble(), 1e-9);
        assertEquals(3, first.get("n").asInt());
        JsonNode iter20 = null;
        for (JsonNode p : grpo) {
            if (p.get("iteration").asLong() == 20) {
                iter20 = p;
            }
        }
        assertEquals("iter-000020", iter20.get("checkpoint").asText());
        assertEquals(sftWall + 20 * FakeExperiment.ITERATION_S, iter20.get("wall_seconds").asDouble(), 1e-9);
        assertEquals((0.3 + 0.55) / 2, iter20.get("mean").asDouble(), 1e-9);
        JsonNode last = grpo.get(grpo.size() - 1);
        assertEquals(40, last.get("iteration").asLong());
        assertEquals("final", last.get("checkpoint").asText());
        assertEquals(0.55, last.get("mean").asDouble(), 1e-9);
        assertEquals(sftWall + 40 * FakeExperiment.ITERATION_S + 3 * FakeExperiment.EVAL_S,
                last.get("wall_seconds").asDouble(), 1e-9);

        Document d = Xhtml.parse(Files.readString(o.report()));
        for (String id : List.of("success-l0", "success-wall-l0")) {
            Element svg = chart(d, id);
            assertFalse(svg.getTextContent().contains("no data"), id);
            assertTrue(Xhtml.elements(svg, "text").stream().anyMatch(t -> t.getTextContent().equals("grpo (3 seeds)")), id);
        }
        assertTrue(Xhtml.elements(chart(d, "success-l0"), "text").stream().anyMatch(t -> t.getTextContent().equals("40")));
        assertTrue(Xhtml.elements(chart(d, "success-wall-l0"), "text").stream()
                .anyMatch(t -> t.getTextContent().startsWith("wall minutes")));

        // TensorBoard: one event file per method, replaced (not added to) on every rebuild.
        ReportJob.rebuild(tmp, FAST, "untangle test");
        Path dir = tmp.resolve("tensorboard-curves/grpo");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.toList();
        }
        assertEquals(1, files.size(), files.toString());
        java.util.Map<String, java.util.Map<Long, Float>> scalars = new java.util.HashMap<>();
        for (dev.untangle.report.TensorBoardEvent e : dev.untangle.report.TensorBoardSink.read(files.get(0))) {
            e.scalars().forEach((tag, v) -> scalars.computeIfAbsent(tag, k -> new java.util.TreeMap<>()).put(e.step(), v));
        }
        assertEquals(0.3f, scalars.get("curve/L0/success_by_iteration").get(0L), 1e-6);
        assertEquals(0.55f, scalars.get("curve/L0/success_by_iteration").get(40L), 1e-6);
        assertEquals(0.55f, scalars.get("curve/L0/success_by_wall_seconds").get(102L), 1e-6);
        assertEquals(0.3f, scalars.get("curve/L2/success_by_wall_seconds").get(36L) / 0.6f, 1e-6);
        assertTrue(Files.isDirectory(tmp.resolve("tensorboard-curves/grpo-gcd")));
    }

    @Test
    void theClockCountsOverlappingRunsOnce() {
        // [0, 10] and [5, 20] overlap, [8, 9] lies inside, [30, 31] stands apart: 20 + 1 seconds
        assertEquals(21, Timelines.unionSeconds(List.of(new double[] {30, 31}, new double[] {5, 20},
                new double[] {0, 10}, new double[] {8, 9})), 1e-12);
        assertEquals(4, Timelines.unionSeconds(List.of(new double[] {0, 2}, new double[] {2, 4})), 1e-12,
                "touching intervals join");
        assertTrue(Double.isNaN(Timelines.unionSeconds(List.of())));
    }

    @Test
    void timeBreakdownSumsTheRunsPartsAndShowsThemInTheHeader() throws Exception {
        FakeExperiment.write(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        JsonNode t = new ObjectMapper().readTree(o.results().toFile()).get("time_breakdown");
        assertEquals(8, t.get("runs").asInt(), "the running run is left out");
        assertEquals(8 * 75.5, t.get("wall_seconds").asDouble(), 1e-9);
        // three seeds whose runs go side by side for 75.5 s, 24.5 s apart: the clock counts each stretch once
        assertEquals(3 * 75.5, t.get("clock_seconds").asDouble(), 1e-9);
        java.util.Map<String, Double> parts = new java.util.LinkedHashMap<>();
        t.get("parts").forEach(p -> parts.put(p.get("key").asText(), p.get("seconds").asDouble()));
        assertEquals(List.of("sft_training", "rollout", "advantage", "update", "evaluation", "diagnostics",
                "checkpoints", "other"), List.copyOf(parts.keySet()));
        assertEquals(3 * 10 * FakeExperiment.SFT_EPOCH_S, parts.get("sft_training"), 1e-9);
        assertEquals(5 * 40 * 0.8, parts.get("rollout"), 1e-9);
        assertEquals(5 * 40 * 0.4, parts.get("update"), 1e-9);
        // sft runs: their sft evaluation once (no RL iteration: `final` is the same evaluation recorded again);
        // RL runs: final only (their sft evaluation is the sft run's).
        assertEquals(3 * 3 * FakeExperiment.EVAL_S + 5 * 3 * FakeExperiment.EVAL_S, parts.get("evaluation"), 1e-9);
        assertEquals(5 * 4 * 0.1, parts.get("diagnostics"), 1e-9);
        assertEquals(5 * 40 * 0.05, parts.get("checkpoints"), 1e-9);
        double known = parts.values().stream().mapToDouble(Double::doubleValue).sum() - parts.get("other");
        assertEquals(8 * 75.5 - known, parts.get("other"), 1e-9);
        Document d = Xhtml.parse(Files.readString(o.report()));
        Element table = Xhtml.elements(d, "table").stream().filter(x -> x.getAttribute("data-table").equals("time"))
                .findFirst().orElseThrow();
        String rollout = Xhtml.elements(table, "tr").stream().filter(r -> r.getAttribute("data-part").equals("rollout"))
                .findFirst().orElseThrow().getTextContent();
        assertTrue(rollout.contains("160.0") && rollout.contains("26.5%"), rollout);
        String clock = Xhtml.elements(d, "p").stream().filter(p -> p.getAttribute("data-note").equals("clock"))
                .findFirst().orElseThrow().getTextContent();
        assertTrue(clock.contains("(227 s;"), clock);
        assertTrue(Files.readString(o.report()).indexOf("data-table=\"time\"")
                < Files.readString(o.report()).indexOf("id=\"results\""), "in the header, before the results");
    }

    @Test
    void finalSuccessBarsUsePairColoursAndSayWhereTheAxisStarts() throws Exception {
        FakeExperiment.write(tmp);
        ReportJob.Outcome o = ReportJob.rebuild(tmp, FAST, "untangle test");
        String html = Files.readString(o.report());
        Document d = Xhtml.parse(html);
        Element bars = chart(d, "final-success");
        Set<String> fills = Xhtml.elements(bars, "rect").stream().filter(r -> r.getAttribute("class").equals("bar"))
                .map(r -> r.getAttribute("fill")).collect(Collectors.toSet());
        assertEquals(Set.of("#777777", "#0072B2", "#00446B"), fills, "grpo+gcd is a darker grpo blue");
        String caption = Xhtml.elements(d, "p").stream().filter(p -> p.getAttribute("data-caption").equals("final-success"))
                .findFirst().orElseThrow().getTextContent();
        assertTrue(caption.contains("The y axis starts at 0.10, not at 0"), caption);
        assertTrue(Xhtml.elements(bars, "text").stream().anyMatch(t -> t.getTextContent().equals("0.1")), "lowest tick");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("svg \\.[a-z]+\\{font-size:(\\d+)px").matcher(html);
        int rules = 0;
        while (m.find()) {
            rules++;
            assertTrue(Integer.parseInt(m.group(1)) >= 12, m.group());
        }
        assertTrue(rules >= 4);
        assertTrue(bars.getAttribute("class").contains("wide"), "drawn at full size, so 12px stays 12px");
    }

    private static Element chart(Document d, String id) {
        return Xhtml.elements(d, "svg").stream().filter(e -> e.getAttribute("data-chart").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart " + id));
    }

    private static JsonNode comparison(JsonNode pairedTasks, String first, String second, String split) {
        for (JsonNode c : pairedTasks.get("comparisons")) {
            if (c.get("first").asText().equals(first) && c.get("second").asText().equals(second)
                    && c.get("split").asText().equals(split)) {
                return c;
            }
        }
        throw new AssertionError("no comparison " + first + " vs " + second + " on " + split);
    }

    private static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
