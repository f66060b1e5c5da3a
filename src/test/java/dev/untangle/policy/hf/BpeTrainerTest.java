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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A byte-level BPE trained on the household corpus, loaded by Hugging Face's tokenizers library. */
class BpeTrainerTest {

    private static final List<String> SPECIALS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    @TempDir
    static Path tmp;

    private static List<String> corpus;
    private static int size;

    @BeforeAll
    static void trainOnTheHouseholdCorpus() throws IOException {
        corpus = Environments.create("household", Map.of()).corpus();
        size = BpeTrainer.write(tmp.resolve(HfTokenizer.FILE), corpus, 1024, SPECIALS).size();
        Files.writeString(tmp.resolve(HfTokenizer.CONFIG_FILE), "{\"eos_token\": \"<|im_end|>\"}");
    }

    @Test
    void encodeThenDecodeRoundTripsAnyText() {
        try (HfTokenizer t = HfTokenizer.load(tmp)) {
            for (String text : List.of("go to fridge 1", "heat some egg and put it in garbagecan.",
                    "You arrive at countertop 2. On the countertop 2, you see a knife 3, and a mug 1.",
                    "zyxwvut qqq frobnicate", "12345 678.9 -42", "what's it?! (yes) [no] {maybe} #hash @at",
                    "  leading and trailing spaces  ", "tabs\tand\nnewlines\n\n", "Ünïcödé: 日本語テキスト, emoji 🙂!",
                    "", " ", "a")) {
                assertEquals(text, t.decode(t.encode(text), false), "round trip of '" + text + "'");
            }
        }
    }

    @Test
    void specialTokensHaveTheFirstIds() {
        try (HfTokenizer t = HfTokenizer.load(tmp)) {
            for (int i = 0; i < SPECIALS.size(); i++) {
                assertEquals(i, t.tokenId(SPECIALS.get(i)));
            }
            int[] ids = t.encode("<|im_start|>user\ngo to fridge 1<|im_end|>");
            assertEquals(1, ids[0]);
            assertEquals(2, ids[ids.length - 1]);
            assertEquals("user\ngo to fridge 1", t.decode(ids, true));
        }
    }

    @Test
    void frequentWordsAreWholeTokensAndCommandsAreSubwords() {
        try (HfTokenizer t = HfTokenizer.load(tmp)) {
            assertEquals(1, t.encode(" fridge").length, "' fridge' is one token");
            assertEquals(1, t.encode(" countertop").length, "' countertop' is one token");
            assertTrue(t.encode("garbagecan").length < "garbagecan".length(), "subwords of a rarer word");
            int[] command = t.encode("go to fridge 1");
            assertTrue(command.length >= 3 && command.length < "go to fridge 1".length(),
                    "several subword tokens, fewer than bytes: " + command.length);
            for (int id : command) {
                assertTrue(id >= SPECIALS.size() && id < size, "id " + id);
            }
        }
    }

    @Test
    void theSameInputGivesTheSameFile() throws IOException {
        Path again = tmp.resolve("again.json");
        BpeTrainer.Result r = BpeTrainer.write(again, corpus, 1024, SPECIALS);
        assertArrayEquals(Files.readAllBytes(tmp.resolve(HfTokenizer.FILE)), Files.readAllBytes(again));
        assertTrue(r.size() > 400 && r.size() <= 1024, "the household corpus runs out of repeated pairs: "
                + r.size());
        assertTrue(r.merges().size() >= r.size() - 259, "merges may repeat a symbol, never fewer than new tokens");
        assertEquals("Ġ", r.vocab().get(SPECIALS.size() + ' '));
    }

    @Test
    void trainingStopsWhenNoPairRepeats() {
        BpeTrainer.Result r = BpeTrainer.train(List.of("abab abab"), 5000, List.of());
        assertEquals(256 + r.merges().size(), r.size(), "every merge made a new symbol here");
        assertTrue(r.size() < 270, "a tiny corpus stops early: " + r.size());
        assertEquals("a b", r.merges().get(0));
    }

    @Test
    void preTokenizationFollowsGpt2() {
        assertEquals(List.of("go", " to", " fridge", " 1"), BpeTrainer.preTokenize("go to fridge 1"));
        assertEquals(List.of("it", "'s", " 42", "!!", "  ", " x", " "), BpeTrainer.preTokenize("it's 42!!   x "));
        assertEquals(256, BpeTrainer.byteSymbolTable().stream().distinct().count());
    }

    @Test
    void badSizesAndSpecialTokensAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train(List.of("x"), 258, SPECIALS));
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train(List.of("x"), 300, List.of("a", "a")));
    }
}
