package dev.untangle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.policy.hf.ChatTemplate;
import dev.untangle.policy.hf.HfTokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code untangle hf prompt}: a conversation rendered by a model directory's own chat template and tokenized as a
 * whole, exactly as the policy renders and tokenizes its prompts ({@link ChatTemplate}), so that anyone can compare
 * with {@code tokenizer.apply_chat_template(messages, add_generation_prompt=..., enable_thinking=...,
 * tokenize=True)} of transformers. The directory needs only {@code tokenizer.json} and
 * {@code tokenizer_config.json} (or {@code chat_template.jinja}).
 */
@Command(name = "prompt", mixinStandardHelpOptions = true,
        description = "Render a conversation with a model's own chat template and print the text and its token ids, "
                + "as training and generation use them (compare with transformers' apply_chat_template).")
public final class HfPromptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "the model directory (tokenizer.json and tokenizer_config.json are enough)")
    Path model;

    @Option(names = "--messages", required = true, paramLabel = "FILE",
            description = "a JSON list of {\"role\": ..., \"content\": ...} messages")
    Path messages;

    @Option(names = "--json", description = "print one JSON object (text, ids and the settings)")
    boolean json;

    @Option(names = "--add-generation-prompt", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "open the assistant's turn at the end (default: true, as the policy's prompts)")
    boolean addGenerationPrompt;

    @Option(names = "--enable-thinking", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "the template's enable_thinking (default: false, as the policy's prompts; Qwen3 then "
                    + "opens the reply with an empty think block)")
    boolean enableThinking;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "the date strftime_now gives the template (default: today; Llama 3.2 prints it)")
    String date;

    @Override
    public Integer call() {
        Clock clock = Clock.systemDefaultZone();
        if (date != null) {
            try {
                clock = Clock.fixed(LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new UserError("--date: '" + date + "' is not a date like 2025-03-07");
            }
        }
        List<ChatTemplate.Message> conversation = readMessages(messages);
        String text;
        int[] ids;
        Path templateFile;
        try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
            ChatTemplate template = ChatTemplate.of(tokenizer, clock);
            templateFile = template.file();
            text = template.render(conversation, addGenerationPrompt, enableThinking);
            ids = tokenizer.encode(text);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("template", templateFile.toString());
            doc.put("add_generation_prompt", addGenerationPrompt);
            doc.put("enable_thinking", enableThinking);
            doc.put("text", text);
            doc.put("ids", ids);
            Json.print(out, doc);
        } else {
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
            out.println("--- " + ids.length + " token ids (template " + templateFile + ", add_generation_prompt="
                    + addGenerationPrompt + ", enable_thinking=" + enableThinking + ")");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < ids.length; i++) {
                b.append(i == 0 ? "" : " ").append(ids[i]);
            }
            out.println(b);
        }
        out.flush();
        return 0;
    }

    /** The messages of a JSON file: a list of objects with string {@code role} and {@code content}. */
    static List<ChatTemplate.Message> readMessages(Path file) {
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file (--messages)");
        } catch (IOException e) {
            throw new UserError(file + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null || !doc.isArray()) {
            throw new UserError(file + ": must be a JSON list of {\"role\", \"content\"} messages");
        }
        List<ChatTemplate.Message> out = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            JsonNode m = doc.get(i);
            for (String key : List.of("role", "content")) {
                if (m == null || !m.isObject() || !m.has(key) || !m.get(key).isTextual()) {
                    throw new UserError(file + ": [" + i + "]." + key + ": must be a string");
                }
            }
            out.add(new ChatTemplate.Message(m.get("role").asText(), m.get("content").asText()));
        }
        return out;
    }
}
