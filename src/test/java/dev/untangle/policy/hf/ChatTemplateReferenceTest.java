package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chat templates of Qwen2.5-Instruct, Qwen3, SmolLM2-Instruct and Llama 3 / 3.1 / 3.2 Instruct, executed by
 * {@link ChatTemplate} and tokenized as a whole, against what Hugging Face's own engine rendered and the real
 * tokenizers encoded (src/test/resources/chat-templates/, made once by src/test/js/chat-templates/generate.mjs with
 * {@code @huggingface/jinja} and {@code @huggingface/tokenizers}; the texts also agree with Python's jinja2 set up as
 * transformers does, crosscheck_jinja2.py). Multi-turn agent conversations, whitespace at the edges of messages,
 * {@code <think>} blocks in past and last assistant turns, Qwen3's {@code enable_thinking} on, off and undefined,
 * templates without a system message, tools ({@code tojson}, with {@code indent=4} for Llama 3.1/3.2) and
 * Llama 3.2's {@code strftime_now} (at the generator's fixed instant). Ids are compared, not only the text.
 */
class ChatTemplateReferenceTest {

    /** The instant the generator fixed for {@code strftime_now}. */
    static final Clock FIXED = Clock.fixed(Instant.parse("2025-03-07T09:05:00Z"), ZoneOffset.UTC);
    /** The committed reference data. */
    static final Path ROOT = Path.of("src/test/resources/chat-templates");
    /** The six models. */
    static final List<String> MODELS = List.of("qwen2_5", "qwen3", "smollm2", "llama3", "llama3_1", "llama3_2");

    static Stream<String> models() {
        return MODELS.stream();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path file) throws IOException {
        return new ObjectMapper().readValue(Files.readString(file), Map.class);
    }

    static int[] ids(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    @ParameterizedTest
    @MethodSource("models")
    @SuppressWarnings("unchecked")
    void everyCaseRendersAndTokenizesAsTheReferenceEngines(String model) throws IOException {
        Path dir = ROOT.resolve(model);
        List<Map<String, Object>> cases = (List<Map<String, Object>>) json(dir.resolve("cases.json")).get("cases");
        assertTrue(cases.size() >= 7, "cases of " + model);
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            ChatTemplate template = ChatTemplate.of(tok, FIXED);
            for (Map<String, Object> c : cases) {
                Map<String, Object> vars = new LinkedHashMap<>();
                vars.put("add_generation_prompt", c.get("add_generation_prompt"));
                for (String k : List.of("enable_thinking", "tools")) {
                    if (c.containsKey(k)) {
                        vars.put(k, c.get(k));
                    }
                }
                String text = template.render((List<Map<String, Object>>) c.get("messages"), vars);
                String where = model + "/" + c.get("name");
                assertEquals(c.get("text"), text, where);
                assertArrayEquals(ids(c.get("ids")), tok.encode(text), where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    @SuppressWarnings("unchecked")
    void theTemplateFileAndTheConfigKeyAgree(String model) throws IOException {
        Path dir = ROOT.resolve(model);
        String fromConfig = (String) json(dir.resolve(HfTokenizer.CONFIG_FILE)).get("chat_template");
        assertEquals(fromConfig, Files.readString(dir.resolve(HfTokenizer.TEMPLATE_FILE)), model);
        List<Map<String, Object>> cases = (List<Map<String, Object>>) json(dir.resolve("cases.json")).get("cases");
        Map<String, Object> c = cases.get(0);
        List<ChatTemplate.Message> messages = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) c.get("messages")) {
            messages.add(new ChatTemplate.Message((String) m.get("role"), (String) m.get("content")));
        }
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            assertEquals(c.get("text"), ChatTemplate.of(tok, FIXED).render(messages, true, null), model);
        }
    }
}
