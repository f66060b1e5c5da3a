package dev.untangle.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTokenizerTest {

    @Test
    void commandsRoundTripExactly() {
        WordTokenizer tok = TinyPolicies.tokenizer();
        for (String c : List.of("move apple 1 to countertop 2", "put apple 1 in/on fridge 1",
                "take apple 1 from countertop 1", "go to cabinet 1", "look")) {
            int[] ids = tok.encode(c);
            for (int id : ids) {
                assertTrue(id != tok.unkId(), c);
            }
            assertEquals(c, tok.decode(ids));
        }
        assertEquals("on the countertop 1, you see a apple 1, and a bread 2.",
                tok.decode(tok.encode("On the countertop 1, you see a apple 1, and a bread 2.")));
    }

    @Test
    void splitsPunctuationAndLowerCases() {
        assertEquals(List.of("on", "the", "desk", "1", ",", "you", "see", "."),
                WordTokenizer.split("On the desk 1, you SEE."));
        assertEquals(List.of("in", "/", "on"), WordTokenizer.split("in/on"));
    }

    @Test
    void vocabularyDoesNotDependOnTextOrder() {
        List<String> shuffled = new ArrayList<>(TinyPolicies.CORPUS);
        Collections.shuffle(shuffled, new java.util.Random(3));
        assertEquals(TinyPolicies.tokenizer().words(), WordTokenizer.build(shuffled).words());
        WordTokenizer tok = TinyPolicies.tokenizer();
        assertEquals(WordTokenizer.SPECIALS, tok.words().subList(0, WordTokenizer.SPECIALS.size()));
        assertEquals(11, tok.id("good"));
        assertEquals(12, tok.id("bad"));
    }

    @Test
    void unknownWordsAndSpecialSpellingsMapToUnk() {
        WordTokenizer tok = TinyPolicies.tokenizer();
        int[] ids = tok.encode("go to zeppelin 1");
        assertEquals(tok.unkId(), ids[2]);
        assertEquals("go to 1", tok.decode(ids));
        assertEquals(tok.unkId(), tok.id("<eoa>"));
        for (int id : tok.encode("<eoa> <obs>")) {
            assertTrue(id == tok.unkId() || !tok.isSpecial(id), "specials cannot be encoded from text");
        }
    }

    @Test
    void saveLoadRoundTrip(@TempDir Path dir) throws IOException {
        WordTokenizer tok = TinyPolicies.tokenizer();
        Path f = dir.resolve("tokenizer.json");
        tok.save(f);
        WordTokenizer back = WordTokenizer.load(f);
        assertEquals(tok, back);
        assertArrayEquals(tok.encode("move apple 1 to countertop 2"), back.encode("move apple 1 to countertop 2"));
        Files.writeString(f, "{\"format\":\"other\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordTokenizer.load(f));
        assertTrue(e.getMessage().contains("tokenizer.json"));
    }

    @Test
    void theCharacterFallbackSpellsWordsOutsideTheVocabularyAndReadsThemBack() {
        WordTokenizer plain = WordTokenizer.build(List.of("get 1 oak log", "inventory"));
        WordTokenizer open = WordTokenizer.build(List.of("get 1 oak log", "inventory"), true);
        assertTrue(open.charFallback());
        assertTrue(!plain.charFallback());
        // written in decode's spacing (a space after ':', none before '%' is not kept: the word split loses spacing)
        String text = "get 9 emerald, craft 4 oak planks using 1 oak log; inventory: [minecraft: stick] (x2) 64 %";
        int[] ids = open.encode(text);
        for (int id : ids) {
            assertTrue(id != open.unkId(), "every ASCII character has a piece");
        }
        assertEquals(text.toLowerCase(java.util.Locale.ROOT), open.decode(ids));
        assertEquals(List.of("#e", "##m", "##e", "##r", "##a", "##l", "##d"),
                java.util.Arrays.stream(open.encode("emerald")).mapToObj(open::word).toList());
        assertEquals(open.id("oak"), open.encode("oak")[0], "known words stay one token");
        assertEquals(plain.unkId(), plain.encode("emerald")[0], "without the fallback an unknown word is <unk>");
        assertEquals("caf", open.decode(open.encode("café")), "a character outside the set is <unk>");
        assertEquals(open.unkId(), open.encode("café")[3]);
    }

    @Test
    void piecesNeverCollideWithWordsAndTheFallbackSurvivesSaving(@TempDir Path dir) {
        WordTokenizer open = WordTokenizer.build(List.of("a # ## b"), true);
        assertEquals(List.of("a", "#", "#", "#", "b"),
                java.util.Arrays.stream(open.encode("a # ## b")).mapToObj(open::word).toList(),
                "the corpus's '#' is a word of its own, never the piece '#'");
        Path f = dir.resolve("tokenizer.json");
        open.save(f);
        WordTokenizer back = WordTokenizer.load(f);
        assertEquals(open, back);
        assertTrue(back.charFallback());
        assertEquals(open.vocabSize(), WordTokenizer.build(List.of("b a", "#"), true).vocabSize(),
                "the pieces are fixed: the size depends only on the declared words");
    }
}
