package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face's tokenizers library, loaded offline from its jar, and what tokenizer_config.json adds. */
class HfTokenizerTest {

    @TempDir
    Path tmp;

    private static final List<String> WORDS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "[UNK]", "go",
            "to", "fridge", "1", "open", "cool", "apple");
    private static final String TEMPLATE = "{% for m in messages %}<|im_start|>{{ m.role }} {{ m.content }}<|im_end|>"
            + "{% endfor %}";

    /** A word-level tokenizer.json with three special tokens. */
    private void writeTokenizer() throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < WORDS.size(); i++) {
            vocab.put(WORDS.get(i), i);
        }
        List<Map<String, Object>> added = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            added.add(Map.of("id", i, "content", WORDS.get(i), "single_word", false, "lstrip", false, "rstrip", false,
                    "normalized", false, "special", true));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", "1.0");
        doc.put("truncation", null);
        doc.put("padding", null);
        doc.put("added_tokens", added);
        doc.put("normalizer", null);
        doc.put("pre_tokenizer", Map.of("type", "Whitespace"));
        doc.put("post_processor", null);
        doc.put("decoder", null);
        doc.put("model", Map.of("type", "WordLevel", "vocab", vocab, "unk_token", "[UNK]"));
        Files.writeString(tmp.resolve(HfTokenizer.FILE), new ObjectMapper().writeValueAsString(doc));
    }

    private void writeConfig(Map<String, Object> config) throws IOException {
        Files.writeString(tmp.resolve(HfTokenizer.CONFIG_FILE), new ObjectMapper().writeValueAsString(config));
    }

    @Test
    void encodesAndDecodesOfflineWithSpecialTokens() throws IOException {
        writeTokenizer();
        writeConfig(Map.of("chat_template", TEMPLATE, "eos_token", "<|im_end|>",
                "bos_token", Map.of("content", "<|im_start|>", "special", true), "tokenizer_class", "Qwen2Tokenizer"));
        try (HfTokenizer t = HfTokenizer.load(tmp)) {
            assertEquals(System.getProperty("ai.djl.offline"), "true", "the test JVM runs offline");
            assertArrayEquals(new int[] {4, 5, 2}, t.encode("go to <|im_end|>"));
            assertArrayEquals(new int[] {8, 3, 7}, t.encode("open drawer 1"), "unknown words map to [UNK]");
            assertEquals("go to fridge", t.decode(new int[] {4, 5, 6, 2}, true));
            assertEquals(2, t.tokenId(t.eosToken()));
            assertEquals("<|im_start|>", t.bosToken());
            assertEquals(null, t.padToken());
            assertEquals(TEMPLATE, t.chatTemplate());
            assertThrows(IllegalArgumentException.class, () -> t.tokenId("go to"));
            String longText = "cool apple ".repeat(700);
            assertEquals(1400, t.encode(longText).length, "no truncation");
        }
    }

    @Test
    void theTemplateMayComeFromChatTemplateJinja() throws IOException {
        writeTokenizer();
        writeConfig(Map.of("eos_token", "<|endoftext|>"));
        Files.writeString(tmp.resolve(HfTokenizer.TEMPLATE_FILE), TEMPLATE);
        try (HfTokenizer t = HfTokenizer.load(tmp)) {
            assertEquals(TEMPLATE, t.chatTemplate());
        }
    }

    @Test
    void aTokenizerWithoutAChatTemplateIsNamedWhenTheTemplateIsAskedFor() throws IOException {
        writeTokenizer();
        writeConfig(Map.of("eos_token", "<|endoftext|>"));
        try (HfTokenizer t = HfTokenizer.load(tmp)) {
            assertFalse(t.hasChatTemplate());
            HfFormatException e = assertThrows(HfFormatException.class, t::chatTemplate);
            assertEquals(tmp.resolve(HfTokenizer.CONFIG_FILE), e.file());
            assertEquals("chat_template", e.key());
        }
    }

    @Test
    void missingFilesAndBadValuesAreNamed() throws IOException {
        HfFormatException noTokenizer = assertThrows(HfFormatException.class, () -> HfTokenizer.load(tmp));
        assertEquals(tmp.resolve(HfTokenizer.FILE), noTokenizer.file());
        writeTokenizer();
        HfFormatException noConfig = assertThrows(HfFormatException.class, () -> HfTokenizer.load(tmp));
        assertEquals(tmp.resolve(HfTokenizer.CONFIG_FILE), noConfig.file());
        writeConfig(Map.of("eos_token", 7));
        assertEquals("eos_token", assertThrows(HfFormatException.class, () -> HfTokenizer.load(tmp)).key());
        writeConfig(Map.of("chat_template", List.of(Map.of("name", "tool_use", "template", "x"))));
        assertEquals("chat_template", assertThrows(HfFormatException.class, () -> HfTokenizer.load(tmp)).key());
        writeConfig(Map.of("chat_template", List.of(Map.of("name", "default", "template", TEMPLATE))));
        try (HfTokenizer t = HfTokenizer.load(tmp)) {
            assertTrue(t.hasChatTemplate());
        }
        Files.writeString(tmp.resolve(HfTokenizer.FILE), "{\"model\": 3}");
        assertEquals(tmp.resolve(HfTokenizer.FILE), assertThrows(HfFormatException.class,
                () -> HfTokenizer.load(tmp)).file());
    }
}
