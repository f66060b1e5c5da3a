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
        assertEquals(Set.of("final-success", "success-l0", "success-l1", "success-l2", "rollout-success",
                "coupling-index", "coupling-harmful-rate", "coupling-goodbad-cosine", "gcd-accuracy"), charts);
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
        assertTrue(html.contains(">too few seeds to tell<") && !html.contains(">helps<"),
                "two paired seeds are not read as a difference");
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains(FakeExperiment.EVIL), "config value shown verbatim as text");
        assertTrue(text.contains(FakeExperiment.EVIL_TYPE));
        assertEquals(5, Xhtml.elements(d, "table").stream().filter(t -> t.getAttribute("class").equals("results")).count(),
                "overall, three per-type tables, paired");
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
        assertTrue(cell.get("ci_low").asDouble() >= 0.5 - 1e-9 && cell.get("ci_high").asDouble() <= 0.6 + 1e-9);
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
        assertEquals(0.1, p0.at("/difference/ci_low").asDouble(), 1e-9);
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
        assertEquals(9, Xhtml.elements(d, "svg").size());
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

    private static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
