package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.Environments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random Hugging Face model directories: they load, their tokenizer fits the model, the seed fixes the files. */
class RandomCheckpointTest {

    @TempDir
    Path tmp;

    private static List<String> corpus() {
        return Environments.create("household", Map.of()).corpus();
    }

    @Test
    void theTinyCheckpointLoadsWithItsTokenizer() {
        Path dir = tmp.resolve("tiny");
        RandomCheckpoint.Written w = RandomCheckpoint.write(dir, RandomCheckpoint.Preset.TINY, corpus(), 1024, 1,
                TensorDtype.F32);
        assertEquals(5, w.files().size());
        HfConfig c = HfConfig.load(dir);
        assertEquals(64, c.hiddenSize());
        assertEquals(2, c.kvHeads());
        assertTrue(c.tieWordEmbeddings());
        assertTrue(w.tokenizerSize() > 400 && w.tokenizerSize() <= 1024, "size " + w.tokenizerSize());
        assertEquals((w.tokenizerSize() + 63) / 64 * 64, c.vocabSize(), "rounded up to a multiple of 64");
        long expected = c.vocabSize() * 64L + 2 * (64 + 64 * 64 + 2 * 32 * 64 + 64 * 64 + 64 + 3 * 172 * 64) + 64;
        assertEquals(expected, w.parameters());
        try (HfDecoder d = HfDecoder.load(dir, Tuning.full()); HfTokenizer t = HfTokenizer.load(dir)) {
            assertEquals(c.vocabSize(), d.config().vocabSize());
            for (int id : t.encode("<|im_start|>user\nheat some egg and put it in garbagecan.<|im_end|>\n")) {
                assertTrue(id >= 0 && id < c.vocabSize());
            }
            assertEquals(RandomCheckpoint.CHAT_TEMPLATE, t.chatTemplate());
            assertEquals("<|im_end|>", t.eosToken());
            assertEquals("<|endoftext|>", t.padToken());
            assertEquals(null, t.bosToken());
            assertEquals(2, t.tokenId(t.eosToken()));
        }
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOtherWeights() throws IOException {
        List<String> corpus = corpus();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        RandomCheckpoint.write(a, RandomCheckpoint.Preset.TINY, corpus, 512, 7, TensorDtype.BF16);
        RandomCheckpoint.write(b, RandomCheckpoint.Preset.TINY, corpus, 512, 7, TensorDtype.BF16);
        RandomCheckpoint.write(c, RandomCheckpoint.Preset.TINY, corpus, 512, 8, TensorDtype.BF16);
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "generation_config.json")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(a.resolve("model.safetensors")),
                Files.readAllBytes(c.resolve("model.safetensors"))));
        assertEquals("bfloat16", HfConfig.load(a).torchDtype());
        try (var files = Files.list(a)) {
            assertEquals(5, files.count(), "no temporary files are left");
        }
    }

    @Test
    void presetsAreNamed() {
        assertEquals(RandomCheckpoint.Preset.SMOLLM2_135M, RandomCheckpoint.Preset.of("smollm2-135m"));
        assertEquals(49152, RandomCheckpoint.Preset.SMOLLM2_135M.vocabSize(1024));
        assertEquals(1088, RandomCheckpoint.Preset.TINY.vocabSize(1025));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomCheckpoint.Preset.of("huge"));
        assertTrue(e.getMessage().contains("tiny"), e.getMessage());
    }
}
