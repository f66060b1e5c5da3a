package dev.untangle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the README promises a newcomer: every time it quotes names the machine it was measured on (a bare "about 28
 * minutes" said nothing about where), and it names the system packages that enable the tests {@code mvn verify}
 * skips without them, which {@code .ci/run} installs.
 */
class ReadmeTest {

    private static final Path README = Path.of("README.md");
    /** A quoted duration: "28 minutes", "18 to 28 minutes", "about two minutes", "a few minutes", "25 s". */
    private static final Pattern DURATION = Pattern.compile(
            "\\b(\\d+(\\.\\d+)?|two|three|a few|several)\\s+(minutes?|seconds?|hours?|min|s)\\b");

    @Test
    void everyQuotedDurationNamesTheMachine() throws Exception {
        List<String> unnamed = new ArrayList<>();
        int durations = 0;
        for (String paragraph : Files.readString(README).split("\\n\\s*\\n")) {
            if (paragraph.startsWith("```") || !DURATION.matcher(paragraph).find()) {
                continue;
            }
            durations++;
            if (!paragraph.contains("AMD EPYC")) {
                unnamed.add(paragraph.strip().lines().findFirst().orElse(""));
            }
        }
        assertTrue(durations >= 2, "the README quotes the experiment's and the demo's times");
        assertTrue(unnamed.isEmpty(), "durations without the machine they were measured on, in paragraphs starting: "
                + unnamed);
    }

    @Test
    void theSkippedTestsPrerequisitesAreNamedAndInstalledByTheCiScript() throws Exception {
        String readme = Files.readString(README);
        String ci = Files.readString(Path.of(".ci", "run"));
        for (String[] test : new String[][] {{"ChromiumReportTest", "chromium"},
                {"HfPythonReferenceTest", "python3-torch"}}) {
            assertTrue(readme.contains(test[0]) && readme.contains("`" + test[1] + "`"),
                    "README names " + test[0] + " and the package " + test[1]);
            assertTrue(ci.contains("apt-get install -y -q " + test[1]), ".ci/run installs " + test[1]);
        }
        assertTrue(readme.contains("-Duntangle.bench=true"), "the opt-in benchmark's switch");
        assertFalse(readme.contains("about 28\nminutes for its 3 seeds on 2 CPU cores"));
    }
}
