package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigException;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.HistoryMode;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.Turn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's prompts ({@link ChatPromptRenderer}) turn by turn against the reference engines
 * (src/test/resources/chat-templates/MODEL/episodes.json, see {@link ChatTemplateReferenceTest}): every turn's
 * prompt ids equal {@code tokenizer(apply_chat_template(messages, add_generation_prompt=True,
 * enable_thinking=False))} of that turn's messages, for all six templates, with and without the command list and
 * with the goal repeated in every user message; so do the GCD classification prompt with a query and the prompt with
 * a correction hint (Qwen3's classification prompt keeps the action turn's empty think block: checked to be the only
 * difference). Where each turn's prompt extends the previous one plus the action (the prefix the full-history
 * session and the episode pass reuse) is checked for every template, and what Qwen3's template, where it does not,
 * costs is measured in tokens.
 */
class ChatPromptRendererTemplateTest {

    private static final int CONTEXT = 1 << 15;

    static List<String> models() {
        return ChatTemplateReferenceTest.MODELS;
    }

    /** A renderer over a test model directory, its template at the reference data's instant. */
    static ChatPromptRenderer renderer(HfTokenizer tok, PromptConfig config, String instruction) {
        ChatTemplate template = ChatTemplate.of(tok, ChatTemplateReferenceTest.FIXED);
        String eot = ChatPromptRenderer.endOfTurn(template, tok, Boolean.FALSE);
        return new ChatPromptRenderer(new ChatTokenizer(tok, eot, 1 << 18), template, config, instruction, CONTEXT,
                Boolean.FALSE);
    }

    /** {@code full} history; with the command list, {@code window} mode with every turn in the window. */
    static PromptConfig config(Map<String, Object> ep, int maxPromptTokens, int maxTextTokens) {
        boolean admissible = (Boolean) ep.get("show_admissible");
        return PromptConfig.builder().optHistory(admissible ? HistoryMode.WINDOW : HistoryMode.FULL).optWindow(16)
                .optShowAdmissible(admissible).optGoalEachTurn((Boolean) ep.get("goal_each_turn"))
                .optMaxPromptTokens(maxPromptTokens).optMaxTextTokens(maxTextTokens).build();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> episodes(String model) throws IOException {
        return (List<Map<String, Object>>) ChatTemplateReferenceTest.json(
                ChatTemplateReferenceTest.ROOT.resolve(model).resolve("episodes.json")).get("episodes");
    }

    static String instruction(String model) throws IOException {
        return (String) ChatTemplateReferenceTest.json(
                ChatTemplateReferenceTest.ROOT.resolve(model).resolve("episodes.json")).get("instruction");
    }

    @SuppressWarnings("unchecked")
    static AgentContext context(Map<String, Object> ep, int t) {
        List<String> obs = (List<String>) ep.get("observations");
        List<String> actions = (List<String>) ep.get("actions");
        List<List<String>> admissible = (List<List<String>>) ep.get("admissible");
        List<Turn> history = new ArrayList<>();
        for (int j = 0; j < t; j++) {
            history.add(new Turn(obs.get(j), actions.get(j)));
        }
        return new AgentContext((String) ep.get("goal"), history, obs.get(t), admissible.get(t));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ref(Map<String, Object> ep, int t, String kind) {
        return (Map<String, Object>) ((List<Map<String, Object>>) ep.get("turns")).get(t).get(kind);
    }

    @ParameterizedTest
    @MethodSource("models")
    @SuppressWarnings("unchecked")
    void everyTurnsPromptIdsEqualTheTemplates(String model) throws IOException {
        Path dir = ChatTemplateReferenceTest.ROOT.resolve(model);
        String query = (String) ChatTemplateReferenceTest.json(dir.resolve("episodes.json")).get("query");
        String hint = (String) ChatTemplateReferenceTest.json(dir.resolve("episodes.json")).get("hint");
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            for (Map<String, Object> ep : episodes(model)) {
                ChatPromptRenderer r = renderer(tok, config(ep, 4096, 512), instruction(model));
                List<String> actions = (List<String>) ep.get("actions");
                int turns = actions.size();
                for (int t = 0; t < turns; t++) {
                    String where = model + "/" + ep.get("name") + "/turn " + t;
                    int[] prompt = r.render(context(ep, t));
                    assertArrayEquals(ChatTemplateReferenceTest.ids(ref(ep, t, "prompt").get("ids")), prompt, where);
                    assertEquals(ref(ep, t, "prompt").get("text"), tok.decode(prompt, false), where);

                    int[] action = ChatPromptRenderer.cat(tok.encode(actions.get(t)),
                            new int[] {r.tokenizer().endOfActionId()});
                    int[] verdict = r.classificationPrompt(prompt, action, query);
                    String refVerdict = (String) ref(ep, t, "verdict").get("text");
                    if (model.equals("qwen3")) {
                        // the template drops the think block of a turn before the last user message; the
                        // classification prompt keeps the one the action was generated after
                        String open = "<|im_start|>assistant\n";
                        int at = refVerdict.lastIndexOf(open + actions.get(t) + "<|im_end|>");
                        String kept = refVerdict.substring(0, at) + open + "<think>\n\n</think>\n\n"
                                + refVerdict.substring(at + open.length());
                        assertArrayEquals(tok.encode(kept), verdict, where);
                        assertFalse(Arrays.equals(ChatTemplateReferenceTest.ids(ref(ep, t, "verdict").get("ids")),
                                verdict), where);
                    } else {
                        assertArrayEquals(ChatTemplateReferenceTest.ids(ref(ep, t, "verdict").get("ids")), verdict,
                                where + " verdict");
                    }
                    assertArrayEquals(ChatTemplateReferenceTest.ids(ref(ep, t, "hinted").get("ids")),
                            r.withCorrectionHint(prompt, hint), where + " hint");
                }
            }
        }
    }

    /**
     * Whether each turn's prompt starts with the previous prompt plus the action and its end-of-turn token (what the
     * full-history session keeps and the episode pass packs), and what it costs where it does not.
     */
    @ParameterizedTest
    @MethodSource("models")
    @SuppressWarnings("unchecked")
    void promptsExtendThePreviousOnePlusTheActionExceptUnderQwen3(String model) throws IOException {
        Path dir = ChatTemplateReferenceTest.ROOT.resolve(model);
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            for (Map<String, Object> ep : episodes(model)) {
                if ((Boolean) ep.get("show_admissible")) {
                    continue; // the command list of the current turn is not history: no prefix in any template
                }
                ChatPromptRenderer r = renderer(tok, config(ep, 4096, 512), instruction(model));
                List<String> actions = (List<String>) ep.get("actions");
                int eot = r.tokenizer().endOfActionId();
                long withReuse = 0;
                long fresh = 0;
                int[] previous = null;
                int extending = 0;
                for (int t = 0; t < actions.size(); t++) {
                    int[] prompt = r.render(context(ep, t));
                    fresh += prompt.length;
                    if (previous != null && prompt.length > previous.length
                            && Arrays.equals(prompt, 0, previous.length, previous, 0, previous.length)) {
                        extending++;
                        withReuse += prompt.length - previous.length;
                    } else {
                        withReuse += prompt.length;
                    }
                    previous = ChatPromptRenderer.cat(ChatPromptRenderer.cat(prompt, tok.encode(actions.get(t))),
                            new int[] {eot});
                }
                int[] last = previous;
                // the episode pass: one row of the last step's sequence, or one row per step
                long packed = last.length;
                System.out.printf(Locale.ROOT, "%s/%s: %d turns, %d of %d extend the previous prompt; rollout "
                        + "encodes %d tokens (%d without reuse); episode pass scores %d tokens (%d one row per "
                        + "step)%n", model, ep.get("name"), actions.size(), extending, actions.size() - 1, withReuse,
                        fresh, extending == actions.size() - 1 ? packed : fresh + actionTokens(tok, actions, eot),
                        fresh + actionTokens(tok, actions, eot));
                if (model.equals("qwen3")) {
                    assertEquals(0, extending, model + ": Qwen3 drops past think blocks, so no prompt extends");
                } else {
                    assertEquals(actions.size() - 1, extending, model + "/" + ep.get("name"));
                }
            }
        }
    }

    private static long actionTokens(HfTokenizer tok, List<String> actions, int eot) {
        long n = 0;
        for (String a : actions) {
            n += tok.encode(a).length + 1;
        }
        return n;
    }

    @Test
    void historyIsDroppedFromTheLeftUntilThePromptFitsAndObservationsAreCut() throws IOException {
        Path dir = ChatTemplateReferenceTest.ROOT.resolve("llama3_1");
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            Map<String, Object> ep = episodes("llama3_1").get(0);
            int turns = ((List<?>) ep.get("actions")).size();
            AgentContext last = context(ep, turns - 1);
            int full = renderer(tok, config(ep, 4096, 512), "x").render(last).length;
            int bare = renderer(tok, config(ep, 4096, 512), "x").render(new AgentContext(last.goal(), List.of(),
                    last.observation(), last.admissible())).length;
            for (int limit : new int[] {full, full - 1, (full + bare) / 2, bare}) {
                ChatPromptRenderer r = renderer(tok, config(ep, limit, 512), "x");
                int[] ids = r.render(last);
                assertTrue(ids.length <= limit, limit + ": " + ids.length);
                // the most history that fits: one more turn would not
                int kept = -1;
                for (int drop = 0; drop <= turns - 1; drop++) {
                    AgentContext c = new AgentContext(last.goal(), last.history().subList(drop, turns - 1),
                            last.observation(), last.admissible());
                    int[] candidate = renderer(tok, config(ep, 4096, 512), "x").render(c);
                    if (candidate.length <= limit) {
                        kept = drop;
                        assertArrayEquals(candidate, ids, "limit " + limit);
                        break;
                    }
                }
                assertTrue(kept >= 0);
            }
            ChatPromptRenderer tight = renderer(tok, config(ep, bare - 1, 512), "x");
            ConfigException e = assertThrows(ConfigException.class, () -> tight.render(last));
            assertTrue(e.getMessage().contains("prompt.max_tokens"), e.getMessage());

            ChatPromptRenderer cut = renderer(tok, config(ep, 4096, 5), "x");
            String text = tok.decode(cut.render(new AgentContext("put a mug.", List.of(),
                    "You arrive at countertop 1. On the countertop 1, you see a mug 1, and a spatula 2.",
                    List.of())), false);
            assertTrue(text.contains("<|start_header_id|>user<|end_header_id|>\n\nYou arrive at countertop<|eot_id|>"),
                    text);
            assertThrows(ConfigException.class, () -> cut.render(new AgentContext("put a clean mug in the coffee "
                    + "machine after washing it", List.of(), "x", List.of())));
        }
    }
}
