package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.policy.hf.HfConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code untangle hf random}, run through Main.run into a temporary directory. */
class HfCommandTest {

    @TempDir
    Path tmp;

    @Test
    void randomWritesALoadableTinyCheckpoint() {
        Path out = tmp.resolve("tiny");
        String[] r = CliHarness.main("hf", "random", "--out", out.toString(), "--env", "science", "--vocab", "600",
                "--seed", "3", "--dtype", "bfloat16");
        assertEquals("0", r[0], r[2]);
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
            assertTrue(r[1].contains(f), r[1]);
        }
        assertTrue(r[1].contains("parameters: "), r[1]);
        assertTrue(r[1].contains("tokenizer: "), r[1]);
        HfConfig c = HfConfig.load(out);
        assertEquals(64, c.hiddenSize());
        assertEquals("bfloat16", c.torchDtype());
        assertTrue(c.vocabSize() <= 640, "a 600-token tokenizer rounds up to at most 640: " + c.vocabSize());
    }

    @Test
    void badInputIsAUserError() throws IOException {
        String[] shape = CliHarness.main("hf", "random", "--out", tmp.resolve("x").toString(), "--shape", "huge");
        assertEquals("2", shape[0]);
        assertTrue(shape[2].contains("unknown shape 'huge'") && shape[2].contains("smollm2-135m"), shape[2]);

        Path busy = tmp.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("notes.txt"), "keep me");
        String[] full = CliHarness.main("hf", "random", "--out", busy.toString());
        assertEquals("2", full[0]);
        assertTrue(full[2].contains("not empty") && full[2].contains("--force"), full[2]);
        assertEquals("keep me", Files.readString(busy.resolve("notes.txt")));

        String[] dtype = CliHarness.main("hf", "random", "--out", tmp.resolve("y").toString(), "--dtype", "int8");
        assertEquals("2", dtype[0]);
        assertTrue(dtype[2].contains("--dtype"), dtype[2]);

        String[] help = CliHarness.main("hf");
        assertEquals("0", help[0]);
        assertTrue(help[1].contains("random"), help[1]);
    }
}
