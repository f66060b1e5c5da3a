package dev.untangle.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentPromptRendererTest {

    private final WordTokenizer tok = TinyPolicies.tokenizer();

    private AgentPromptRenderer renderer(PromptConfig cfg) {
        return new AgentPromptRenderer(tok, cfg, 256);
    }

    private String text(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(sb.length() == 0 ? "" : " ").append(tok.word(id));
        }
        return sb.toString();
    }

    private static List<Turn> turns(int n) {
        List<Turn> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Turn("You arrive at countertop " + (1 + i % 2) + ".", TinyPolicies.COMMANDS.get(i)));
        }
        return out;
    }

    @Test
    void windowPromptShowsTheLastKTurnsAndTheAdmissibleCommands() {
        AgentPromptRenderer r = renderer(PromptConfig.builder().optWindow(2).build());
        AgentContext c = new AgentContext("put a clean apple in fridge.", turns(3), "Nothing happens.",
                List.of("look", "go to fridge 1"));
        assertEquals("<bos> <goal> put a clean apple in fridge . "
                + "<obs> you arrive at countertop 2 . <act> go to countertop 2 <eoa> "
                + "<obs> you arrive at countertop 1 . <act> go to cabinet 1 <eoa> "
                + "<obs> nothing happens . <cmds> look <sep> go to fridge 1 <act>", text(r.render(c)));
    }

    @Test
    void fullPromptsExtendThePreviousPromptByTheAction() {
        AgentPromptRenderer r = renderer(PromptConfig.builder().optHistory(HistoryMode.FULL).build());
        List<Turn> h = turns(4);
        for (int t = 0; t < 4; t++) {
            int[] now = r.render(new AgentContext("put a clean apple in fridge.", h.subList(0, t),
                    h.get(t).observation(), TinyPolicies.COMMANDS));
            int[] next = r.render(new AgentContext("put a clean apple in fridge.", h.subList(0, t + 1),
                    "Nothing happens.", TinyPolicies.COMMANDS));
            int[] action = tok.encode(h.get(t).action());
            assertArrayEquals(now, Arrays.copyOf(next, now.length));
            assertArrayEquals(action, Arrays.copyOfRange(next, now.length, now.length + action.length));
            assertEquals(tok.endOfActionId(), next[now.length + action.length]);
        }
    }

    @Test
    void longHistoriesLoseWholeTurnsFromTheLeftOnly() {
        PromptConfig cfg = PromptConfig.builder().optHistory(HistoryMode.FULL).optMaxPromptTokens(64).build();
        AgentPromptRenderer r = renderer(cfg);
        AgentContext c = new AgentContext("put a clean apple in fridge.", turns(6),
                "On the countertop 1, you see a apple 1, and a bread 2.", List.of());
        int[] p = r.render(c);
        assertTrue(p.length <= 64, "length " + p.length);
        String s = text(p);
        assertTrue(s.startsWith("<bos> <goal> put a clean apple in fridge . <obs>"), s);
        assertTrue(s.endsWith("<obs> on the countertop 1 , you see a apple 1 , and a bread 2 . <act>"), s);
        assertTrue(s.contains(TinyPolicies.COMMANDS.get(5)), "the newest turn stays: " + s);
        assertTrue(!s.contains("go to countertop 1 <eoa>"), "the oldest turn goes: " + s);
    }

    @Test
    void aCurrentSectionThatCannotFitIsAnErrorNotACut() {
        AgentPromptRenderer r = renderer(PromptConfig.builder().optMaxPromptTokens(12).build());
        AgentContext c = new AgentContext("put a clean apple in fridge.", List.of(), "Nothing happens.",
                TinyPolicies.COMMANDS);
        ConfigException e = assertThrows(ConfigException.class, () -> r.render(c));
        assertTrue(e.getMessage().contains("prompt.max_tokens"), e.getMessage());
    }

    @Test
    void observationsAreCutToTheirBoundButAGoalIsNever() {
        AgentPromptRenderer r = renderer(PromptConfig.builder().optMaxTextTokens(7).optShowAdmissible(false).build());
        String p = text(r.render(new AgentContext("put a clean apple in fridge.", List.of(),
                "On the countertop 1, you see a apple 1.", List.of())));
        assertTrue(p.startsWith("<bos> <goal> put a clean apple in fridge"), p);          // the whole goal (7 tokens)
        String obs = p.substring(p.indexOf("<obs>") + 5, p.indexOf("<act>")).trim();
        assertEquals(7, obs.split(" ").length, p);                                        // the observation is cut
        assertTrue(obs.startsWith("on the countertop"), p);
        AgentPromptRenderer tight = renderer(PromptConfig.builder().optMaxTextTokens(3).optShowAdmissible(false)
                .build());
        ConfigException e = assertThrows(ConfigException.class, () -> tight.render(new AgentContext(
                "put a clean apple in fridge.", List.of(), "On the countertop 1, you see a apple 1.", List.of())));
        assertTrue(e.getMessage().contains("prompt.max_text_tokens") && e.getMessage().contains("needs 7 tokens"),
                e.getMessage());
    }

    @Test
    void classificationAndHintPrompts() {
        AgentPromptRenderer r = renderer(PromptConfig.builder().build());
        int[] prompt = r.render(new AgentContext("put a clean apple in fridge.", turns(1), "Nothing happens.",
                List.of("look")));
        int[] action = {tok.id("look"), tok.endOfActionId()};
        int[] cls = r.classificationPrompt(prompt, action, "Is this action good or bad?");
        assertTrue(text(cls).endsWith("<act> look <eoa> <ask> is this action good or bad ?"), text(cls));
        assertArrayEquals(prompt, Arrays.copyOf(cls, prompt.length));
        // verdict_at=action_end: no <ask>, no query, the verdict follows <eoa>
        int[] atEnd = r.classificationPrompt(prompt, action, "");
        assertTrue(text(atEnd).endsWith("<act> look <eoa>"), text(atEnd));
        assertEquals(prompt.length + action.length, atEnd.length);
        // an action cut off before its <eoa> gets one: the verdict is still read at an <eoa>
        int[] cut = r.classificationPrompt(prompt, new int[] {tok.id("look")}, "");
        assertArrayEquals(atEnd, cut);
        assertEquals(tok.id("good"), r.verdictToken(true));
        assertEquals(tok.id("bad"), r.verdictToken(false));
        int[] hinted = r.withCorrectionHint(prompt, "That command is not admissible.");
        assertTrue(text(hinted).endsWith("<cmds> look <hint> that command is not admissible . <act>"), text(hinted));
    }

    @Test
    void fullModeRejectsAdmissibleLists() {
        ConfigException e = assertThrows(ConfigException.class, () -> PromptConfig.builder()
                .optHistory(HistoryMode.FULL).optShowAdmissible(true).build());
        assertEquals("prompt.admissible", e.key());
    }
}
