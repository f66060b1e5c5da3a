package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `untangle report` says what it found: nothing at all, or only runs it had to skip. */
class ReportCommandTest {

    private static String[] run(String... args) {
        return CliHarness.main(args);
    }

    @Test
    void anEmptyDirectoryAndADirectoryOfUnreadableRunsAreToldApart(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String[] e = run("report", empty.toString());
        assertEquals("2", e[0], e[2]);
        assertTrue(e[2].contains("no run directories under"), e[2]);

        Path broken = Files.createDirectories(dir.resolve("broken/seed-0/grpo"));
        Files.writeString(broken.resolve("run.json"), "{\"method\": ");
        String[] b = run("report", dir.resolve("broken").toString());
        assertEquals("2", b[0], b[2]);
        assertTrue(b[2].contains("no readable run under") && b[2].contains("1 run directory was skipped")
                && b[2].contains("seed-0/grpo"), b[2]);
        assertTrue(b[1].contains("skipped: "), b[1]);
    }
}
