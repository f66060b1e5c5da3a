package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    private static String[] run(String... args) {
        return CliHarness.main(args);
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

    @Test
    void unknownCommandsAreNamedAndOnlyLookAlikesSuggested() {
        String[] far = run("frobnicate");
        assertEquals("2", far[0]);
        assertTrue(far[2].startsWith("error: unknown command 'frobnicate'\n"), far[2]);
        assertFalse(far[2].contains("did you mean"), far[2]);
        String[] near = run("trian");
        assertEquals("2", near[0]);
        assertTrue(near[2].contains("did you mean train?"), near[2]);
        assertEquals(0, dev.untangle.config.ConfigTree.editDistance("train", "train"));
        assertEquals(2, dev.untangle.config.ConfigTree.editDistance("trian", "train"));
        assertEquals(3, dev.untangle.config.ConfigTree.editDistance("kitten", "sitting"));
    }

    @Test
    void aMissingCheckpointDirectoryIsNamedWithTheCheckpointsThatExist(@org.junit.jupiter.api.io.TempDir
                                                                      java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("checkpoints/sft/policy"));
        java.nio.file.Files.createDirectories(dir.resolve("checkpoints/final/policy"));
        String missing = dir.resolve("checkpoints/iter-99").toString();
        String[] r = run("eval", "--checkpoint", missing, "--split", "L0");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("error: checkpoint directory " + missing + " does not exist; checkpoints in "),
                r[2]);
        assertTrue(r[2].contains(": final, sft"), r[2]);
        assertFalse(r[2].contains("Exception"), r[2]);
    }
}
