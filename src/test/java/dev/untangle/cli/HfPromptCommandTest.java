package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code untangle hf prompt} on the committed Qwen3 and Llama 3.2 test directories (tokenizer files only): the text
 * and ids it prints equal what Hugging Face's engine rendered and the real tokenizer encoded
 * (src/test/resources/chat-templates/), and bad input names the file and key.
 */
class HfPromptCommandTest {

    private static final Path ROOT = Path.of("src/test/resources/chat-templates");

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> referenceCase(String model, String name) throws IOException {
        Map<String, Object> doc = new ObjectMapper().readValue(ROOT.resolve(model).resolve("cases.json").toFile(),
                Map.class);
        for (Map<String, Object> c : (List<Map<String, Object>>) doc.get("cases")) {
            if (name.equals(c.get("name"))) {
                return c;
            }
        }
        throw new AssertionError(name);
    }

    private Path messagesFile(Map<String, Object> c) throws IOException {
        Path f = tmp.resolve("messages.json");
        new ObjectMapper().writeValue(f.toFile(), c.get("messages"));
        return f;
    }

    @Test
    void printsTheTemplatesTextAndTheTokenizersIds() throws IOException {
        Map<String, Object> c = referenceCase("qwen3", "think_block_thinking_off");
        String[] r = CliHarness.main("hf", "prompt", "--model", ROOT.resolve("qwen3").toString(), "--messages",
                messagesFile(c).toString(), "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode doc = new ObjectMapper().readTree(r[1]);
        assertEquals(c.get("text"), doc.get("text").asText());
        List<Integer> ids = new ArrayList<>();
        doc.get("ids").forEach(n -> ids.add(n.asInt()));
        assertEquals(c.get("ids"), ids);
        assertTrue(doc.get("template").asText().endsWith("tokenizer_config.json"), r[1]);

        Map<String, Object> on = referenceCase("qwen3", "think_block_thinking_on");
        String[] plain = CliHarness.main("hf", "prompt", "--model", ROOT.resolve("qwen3").toString(), "--messages",
                messagesFile(on).toString(), "--enable-thinking");
        assertEquals("0", plain[0], plain[2]);
        String idLine = ((List<?>) on.get("ids")).stream().map(String::valueOf).collect(Collectors.joining(" "));
        assertEquals(on.get("text") + "--- " + ((List<?>) on.get("ids")).size() + " token ids (template "
                + ROOT.resolve("qwen3").resolve("tokenizer_config.json") + ", add_generation_prompt=true, "
                + "enable_thinking=true)\n" + idLine + "\n", plain[1]);

        Map<String, Object> closed = referenceCase("llama3_2", "agent_closed");
        String[] llama = CliHarness.main("hf", "prompt", "--model", ROOT.resolve("llama3_2").toString(),
                "--messages", messagesFile(closed).toString(), "--no-add-generation-prompt", "--date", "2025-03-07",
                "--json");
        assertEquals("0", llama[0], llama[2]);
        assertEquals(closed.get("text"), new ObjectMapper().readTree(llama[1]).get("text").asText());
        assertTrue(llama[1].contains("Today Date: 07 Mar 2025"), llama[1]);
    }

    @Test
    void badInputNamesTheFileAndKey() throws IOException {
        String model = ROOT.resolve("qwen2_5").toString();
        Path missing = tmp.resolve("none.json");
        String[] r = CliHarness.main("hf", "prompt", "--model", model, "--messages", missing.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains(missing + ": no such file"), r[2]);

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\"}]");
        r = CliHarness.main("hf", "prompt", "--model", model, "--messages", bad.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains(bad + ": [1].content: must be a string"), r[2]);

        Files.writeString(bad, "{\"role\": \"user\"}");
        r = CliHarness.main("hf", "prompt", "--model", model, "--messages", bad.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("must be a JSON list"), r[2]);

        Path dir = tmp.resolve("raising");
        Files.createDirectories(dir);
        Files.copy(ROOT.resolve("qwen2_5").resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"{% for m in messages %}{% if "
                + "m.role == 'assistant' and loop.first %}{{ raise_exception('Conversation roles must alternate "
                + "user/assistant') }}{% endif %}{{ m.content }}{% endfor %}\"}");
        Files.writeString(bad, "[{\"role\": \"assistant\", \"content\": \"hi\"}]");
        r = CliHarness.main("hf", "prompt", "--model", dir.toString(), "--messages", bad.toString());
        assertEquals("2", r[0]);
        assertEquals("error: " + dir.resolve("tokenizer_config.json") + ": chat_template: the template raised an "
                + "error: Conversation roles must alternate user/assistant", r[2].strip());

        r = CliHarness.main("hf", "prompt", "--model", model, "--messages", bad.toString(), "--date", "March 7");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--date"), r[2]);
    }
}
