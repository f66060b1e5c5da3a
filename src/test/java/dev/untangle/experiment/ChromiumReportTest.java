package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.untangle.report.FakeExperiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in Debian's headless Chromium and checks that it renders every chart without a console
 * message (script error, blocked resource, CSP violation). Runs only where /usr/bin/chromium exists;
 * .ci/run installs it.
 */
class ChromiumReportTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> CHARTS = List.of("final-success", "gcd-difference", "success-l0", "success-l1",
            "success-l2", "success-wall-l0", "rollout-success", "coupling-index", "coupling-harmful-rate", "coupling-goodbad-cosine", "gcd-accuracy", "zero-signal");

    @TempDir
    Path tmp;

    @BeforeEach
    void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is not installed (apt-get install -y chromium; .ci/run does this)");
    }

    /** The page's DOM after rendering, and Chromium's console log lines. */
    private record Rendered(String dom, List<String> console) {
    }

    private Rendered render(Path page, String name) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(tmp.resolve("profile-" + name));
        Path out = tmp.resolve(name + ".dom");
        Path err = tmp.resolve(name + ".err");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                page.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish rendering " + page + " within 180 s");
        }
        assertEquals(0, p.exitValue(), "chromium exit status; stderr:\n" + Files.readString(err));
        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(":CONSOLE")).toList();
        return new Rendered(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    @Test
    void reportRendersEveryChartWithoutConsoleMessages() throws Exception {
        Path exp = tmp.resolve("exp");
        FakeExperiment.write(exp);
        ReportJob.Outcome o = ReportJob.rebuild(exp, new Bootstrap(0.95, 1000, 1), "untangle test");
        Rendered r = render(o.report(), "report");
        assertEquals(List.of(), r.console(), "console messages while rendering the report");
        for (String chart : CHARTS) {
            assertTrue(r.dom().contains("data-chart=\"" + chart + "\""), "chart " + chart + " in the rendered DOM");
        }
        assertFalse(r.dom().contains("<script"), "no script element in the rendered DOM");
        assertTrue(r.dom().contains("heat&lt;script&gt;alert(1)&lt;/script&gt;&amp;cool"),
                "injected task type rendered as text");
        // the success curves start at the SFT evaluation (iteration 0) and end at the final one (iteration 40)
        for (String chart : List.of("success-l0", "success-l1", "success-l2")) {
            int start = r.dom().indexOf("data-chart=\"" + chart + "\"");
            String svg = r.dom().substring(start, r.dom().indexOf("</svg>", start));
            java.util.regex.Matcher cx = java.util.regex.Pattern.compile("<circle[^>]* cx=\"([0-9.]+)\"").matcher(svg);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            while (cx.find()) {
                min = Math.min(min, Double.parseDouble(cx.group(1)));
                max = Math.max(max, Double.parseDouble(cx.group(1)));
            }
            assertEquals(tickX(svg, "0"), min, 0.5, chart + ": first point at iteration 0 (SFT)");
            assertEquals(tickX(svg, "40"), max, 0.5, chart + ": last point at iteration 40 (final)");
        }
    }

    /** The x of the x-axis tick label {@code label} in a chart's markup. */
    private static double tickX(String svg, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<text x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"middle\" class=\"tick\">" + label + "</text>")
                .matcher(svg);
        assertTrue(m.find(), "x tick " + label + " in " + svg.substring(0, Math.min(200, svg.length())));
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aScriptErrorWouldBeDetected() throws Exception {
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p>"
                + "<script>throw new Error('deliberate');</script></body></html>");
        Rendered r = render(bad, "bad");
        assertTrue(r.console().stream().anyMatch(l -> l.contains("deliberate")), r.console().toString());
    }

    /**
     * Measures, in Chromium's own layout, whether any two axis texts (tick labels, category labels) of a chart
     * overlap; the result is written into the page as {@code <pre id="layout">}. Only the test's copy of a page
     * carries this script (the report forbids scripts).
     */
    private static final String MEASURE = "(function(){var out=[];"
            + "document.querySelectorAll('svg[data-chart]').forEach(function(svg){"
            + "var ts=[].slice.call(svg.querySelectorAll('text.tick, text.label')).filter(function(t){"
            + "return !t.getAttribute('transform');}).map(function(t){var b=t.getBBox();"
            + "return {x:b.x,y:b.y,w:b.width,h:b.height,s:t.textContent};});"
            + "for(var i=0;i<ts.length;i++){for(var j=i+1;j<ts.length;j++){var a=ts[i],b=ts[j];"
            + "var ox=Math.min(a.x+a.w,b.x+b.w)-Math.max(a.x,b.x);var oy=Math.min(a.y+a.h,b.y+b.h)-Math.max(a.y,b.y);"
            + "if(ox>1&&oy>1){out.push(svg.getAttribute('data-chart')+': '+a.s+' | '+b.s);}}}});"
            + "var pre=document.createElement('pre');pre.id='layout';"
            + "pre.textContent=out.length?out.join('\\n'):'no overlaps';document.body.appendChild(pre);})();";

    private String overlaps(Path page, String name) throws Exception {
        String html = Files.readString(page, StandardCharsets.UTF_8)
                .replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", "<script>" + MEASURE + "</script></body>");
        Path copy = tmp.resolve(name + "-measured.html");
        Files.writeString(copy, html, StandardCharsets.UTF_8);
        Rendered r = render(copy, name + "-measured");
        String dom = r.dom();
        int at = dom.indexOf("<pre id=\"layout\">");
        assertTrue(at >= 0, "the measuring script ran: " + r.console());
        return dom.substring(at + "<pre id=\"layout\">".length(), dom.indexOf("</pre>", at));
    }

    /**
     * What Chromium's layout says about the charts' own texts and markers (issue 25 items 12, 13, 15, 17): every
     * text lies inside its chart (no legend, note or title cut off at the edge), no verdict mark or note overlaps
     * another text, and each start marker is the topmost element at its own centre (not hidden under a line).
     * Written into the page as {@code <pre id="layout">}; only the test's copy carries the script.
     */
    private static final String MEASURE_MARKS = "(function(){var out=[];"
            + "document.querySelectorAll('svg[data-chart]').forEach(function(svg){"
            + "var id=svg.getAttribute('data-chart');var vb=svg.viewBox.baseVal;"
            + "var ts=[].slice.call(svg.querySelectorAll('text')).filter(function(t){"
            + "return !t.getAttribute('transform');}).map(function(t){var b=t.getBBox();"
            + "return {x:b.x,y:b.y,w:b.width,h:b.height,s:t.textContent,c:t.getAttribute('class')};});"
            + "ts.forEach(function(a){if(a.x<-0.5||a.y<-0.5||a.x+a.w>vb.width+0.5||a.y+a.h>vb.height+0.5){"
            + "out.push(id+': cut off: '+a.s);}});"
            + "for(var i=0;i<ts.length;i++){for(var j=i+1;j<ts.length;j++){var a=ts[i],b=ts[j];"
            + "if(a.c!=='note'&&a.c!=='mark'&&b.c!=='note'&&b.c!=='mark'){continue;}"
            + "var ox=Math.min(a.x+a.w,b.x+b.w)-Math.max(a.x,b.x);var oy=Math.min(a.y+a.h,b.y+b.h)-Math.max(a.y,b.y);"
            + "if(ox>1&&oy>1){out.push(id+': overlap: '+a.s+' | '+b.s);}}}"
            + "svg.querySelectorAll('path.start').forEach(function(p){p.scrollIntoView({block:'center'});"
            + "var r=p.getBoundingClientRect();var e=document.elementFromPoint(r.left+r.width/2,r.top+r.height/2);"
            + "if(e!==p){out.push(id+': start marker under '+(e?e.tagName+'.'+(e.getAttribute('class')||''):'nothing'));}"
            + "});});"
            + "var pre=document.createElement('pre');pre.id='layout';"
            + "pre.textContent=out.length?out.join('\\n'):'all visible';document.body.appendChild(pre);})();";

    @Test
    void startMarkersNotesAndVerdictMarksAreVisible() throws Exception {
        Path exp = tmp.resolve("exp-marks");
        FakeExperiment.write(exp);
        // grpo seed 2 measured no coupling, so the coupling charts carry a note saying so
        Path metrics = exp.resolve("seed-2/grpo/metrics.jsonl");
        StringBuilder sb = new StringBuilder();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(metrics)) {
            com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) json
                    .readTree(line);
            if (n.has("coupling/index")) {
                List.of("coupling/index", "coupling/harmful_rate", "coupling/goodbad_cosine").forEach(n::remove);
                n.put("coupling/probe_samples", 0);
            }
            sb.append(json.writeValueAsString(n)).append('\n');
        }
        Files.writeString(metrics, sb.toString());
        ReportJob.Outcome o = ReportJob.rebuild(exp, new Bootstrap(0.95, 1000, 1), "untangle test");
        String html = Files.readString(o.report(), StandardCharsets.UTF_8);
        assertTrue(html.contains("class=\"start\"") && html.contains("class=\"mark\"") && html.contains("class=\"note\""),
                "the page has start markers, verdict marks and chart notes to check");
        String page = html.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", "<script>" + MEASURE_MARKS + "</script></body>");
        Path copy = tmp.resolve("marks-measured.html");
        Files.writeString(copy, page, StandardCharsets.UTF_8);
        Rendered r = render(copy, "marks-measured");
        int at = r.dom().indexOf("<pre id=\"layout\">");
        assertTrue(at >= 0, "the measuring script ran: " + r.console());
        assertEquals("all visible", r.dom().substring(at + "<pre id=\"layout\">".length(), r.dom().indexOf("</pre>", at)));
    }

    /** No two axis texts of any chart overlap: the report's charts and a 21-bin histogram of diagnose. */
    @Test
    void noChartHasOverlappingAxisText() throws Exception {
        Path exp = tmp.resolve("exp-layout");
        FakeExperiment.write(exp);
        ReportJob.Outcome o = ReportJob.rebuild(exp, new Bootstrap(0.95, 1000, 1), "untangle test");
        assertEquals("no overlaps", overlaps(o.report(), "report"));

        List<String> bins = new java.util.ArrayList<>();
        double[] share = new double[21];
        for (int b = 0; b < 21; b++) {
            bins.add(String.format(java.util.Locale.ROOT, "%.2f", -1 + 0.1 * b));
            share[b] = 1.0 / 21;
        }
        String hist = new dev.untangle.report.BarChart("hist", "State similarity", "share of pairs", 0, Double.NaN,
                bins, List.of(new dev.untangle.report.BarChart.Series("pairs", "#0072B2", share, null, null))).toSvg();
        String pairs = new dev.untangle.report.BarChart("pairs", "Cosine by pair type", "cosine", 0, Double.NaN,
                List.of("same state, opposite sign", "similar state, opposite sign", "similar state, same sign",
                        "other state, opposite sign", "other state, same sign"),
                List.of(new dev.untangle.report.BarChart.Series("probe pairs", "#0072B2",
                        new double[] {0.9, 0.7, 0.6, 0.2, 0.1}, null, null))).toSvg();
        Path page = tmp.resolve("diagnose.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/></head><body>"
                + dev.untangle.report.HtmlReport.standaloneSvg(hist) + dev.untangle.report.HtmlReport.standaloneSvg(pairs)
                + "</body></html>", StandardCharsets.UTF_8);   // as diagnose writes its plots: style embedded
        assertEquals("no overlaps", overlaps(page, "diagnose"));
    }
}
