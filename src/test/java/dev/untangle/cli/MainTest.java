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

    /**
     * A model command prints no DJL start-up INFO lines ("PyTorch graph executor optimizer is enabled ...", thread
     * counts, platform) unless {@code --verbose} asks for them. Run in a fresh JVM each, as a user runs it (a
     * logger's level is fixed when it is first created).
     */
    @Test
    void djlStartUpLinesAreQuietUnlessVerbose(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path cfg = dir.resolve("one.yaml");
        java.nio.file.Files.writeString(cfg, String.join("\n",
                "env: {name: household, options: {scene_size: tiny, train_size: 8}}",
                "model: {layers: 1, width: 16, heads: 2, context_length: 96}",
                "prompt: {history: window, window: 1, admissible: false, max_tokens: 80, max_text_tokens: 24}",
                "sft: {enabled: false}",
                "rollout: {group_size: 2, groups: 1, max_steps: 2, max_action_tokens: 6}",
                "algorithm: {iterations: 1}",
                "eval: {splits: [L0], episodes: 1, max_steps: 2}", ""));
        String quiet = childJvm("train", "--config", cfg.toString(), "--out", dir.resolve("a").toString(),
                "--no-progress");
        assertTrue(quiet.contains("trained 1 iterations"), quiet);
        assertFalse(quiet.contains("ai.djl"), "DJL INFO lines without --verbose:\n" + quiet);
        String verbose = childJvm("train", "--config", cfg.toString(), "--out", dir.resolve("b").toString(),
                "--no-progress", "--verbose");
        assertTrue(verbose.contains("PyTorch graph executor optimizer is enabled"), verbose);
        assertTrue(verbose.contains("trained 1 iterations"), verbose);
    }

    /** Runs the command line in a new JVM (this test's Java and class path); its output and errors together. */
    private static String childJvm(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss4m",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
