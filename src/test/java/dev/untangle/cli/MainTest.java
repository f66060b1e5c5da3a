package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(rc), out.toString(), err.toString()};
    }

    @Test
    void versionAndHelp() {
        String[] v = run("--version");
        assertEquals("0", v[0]);
        assertTrue(v[1].startsWith("untangle "), v[1]);
        String[] h = run("--help");
        assertEquals("0", h[0]);
        assertTrue(h[1].contains("Usage: untangle"), h[1]);
    }

    @Test
    void everySubcommandHasHelp() {
        for (var sub : Main.commandLine().getSubcommands().entrySet()) {
            String[] h = run(sub.getKey(), "--help");
            assertEquals("0", h[0], sub.getKey() + ": " + h[2]);
            assertTrue(h[1].contains("Usage:"), sub.getKey());
            for (var sub2 : sub.getValue().getSubcommands().keySet()) {
                String[] h2 = run(sub.getKey(), sub2, "--help");
                assertEquals("0", h2[0], sub.getKey() + " " + sub2 + ": " + h2[2]);
            }
        }
    }

    @Test
    void unknownOptionFails() {
        assertNotEquals("0", run("--no-such-option")[0]);
    }
}
