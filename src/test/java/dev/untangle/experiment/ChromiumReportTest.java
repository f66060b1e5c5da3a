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
            "success-l2", "success-wall-l0", "rollout-success", "coupling-index", "coupling-harmful-rate", "coupling-goodbad-cosine", "gcd-accuracy");

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
    }

    @Test
    void aScriptErrorWouldBeDetected() throws Exception {
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p>"
                + "<script>throw new Error('deliberate');</script></body></html>");
        Rendered r = render(bad, "bad");
        assertTrue(r.console().stream().anyMatch(l -> l.contains("deliberate")), r.console().toString());
    }
}
