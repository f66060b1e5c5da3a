package dev.untangle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code mvn verify} names every skipped test and why (it printed only "Skipped: 7"): {@link SkippedTestsReport}
 * is registered for the JUnit Platform and prints, at the end of the run, each test disabled by a condition or
 * aborted by an assumption, grouped by class and reason.
 */
class SkippedTestsReportTest {

    @Test
    void everySkippedTestIsPrintedWithItsReason() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());     // only the listener under test
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(Sample.class), selectClass(OptIn.class)).build(),
                new SkippedTestsReport(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = out.strip().split("\n");
        assertEquals("[skipped] 5 tests, and why:", lines[0], out);
        assertTrue(out.contains("  SkippedTestsReportTest$Sample (2: needsChromium, needsChromiumToo): "
                + "/usr/bin/chromium is not installed\n"), out);
        assertTrue(out.contains("  SkippedTestsReportTest$Sample (1: broken): flaky on CI\n"), out);
        assertTrue(out.contains("  SkippedTestsReportTest$OptIn (1: all tests): ") && out.contains(
                "opt-in: -Dsample.bench=true\n"), out);
        assertEquals(4, lines.length, out);

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Passing.class)).build(),
                new SkippedTestsReport(new PrintStream(none, true, StandardCharsets.UTF_8)));
        assertEquals("", none.toString(StandardCharsets.UTF_8), "nothing skipped, nothing printed");
    }

    /** Two tests aborted by an assumption, one disabled, one that runs (not part of the build's own tests). */
    static final class Sample {
        @Test
        void needsChromium() {
            Assumptions.assumeTrue(false, "/usr/bin/chromium is not installed");
        }

        @Test
        void needsChromiumToo() {
            Assumptions.assumeTrue(false, "/usr/bin/chromium is not installed");
        }

        @Test
        @Disabled("flaky on CI")
        void broken() {
        }

        @Test
        void runs() {
        }
    }

    /** A class disabled as a whole by a condition: its two tests count. */
    @EnabledIfSystemProperty(named = "sample.bench", matches = "true", disabledReason = "opt-in: -Dsample.bench=true")
    static final class OptIn {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    /** Nothing skipped. */
    static final class Passing {
        @Test
        void runs() {
        }
    }
}
