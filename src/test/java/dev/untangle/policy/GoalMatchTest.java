package dev.untangle.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoalMatchTest {

    @Test
    void everyTokenIsTaggedWithItsWordsFirstPlaceInTheGoal() {
        WordTokenizer tok = TinyPolicies.tokenizer();
        AgentPromptRenderer renderer = new AgentPromptRenderer(tok, PromptConfig.builder().optWindow(2)
                .optMaxPromptTokens(140).build(), 160);
        int[] prompt = renderer.render(new AgentContext("put a clean apple in fridge", List.of(),
                "On the countertop 1, you see a apple 1, and a bread 2.", List.of()));
        long[] slots = GoalMatch.of(tok).slots(prompt);
        int apple = tok.id("apple");
        int bread = tok.id("bread");
        int a = tok.id("a");
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] == apple) {
                assertEquals(4, slots[i], "apple is the goal's 4th word (slot 1 + 3)");
            } else if (prompt[i] == a) {
                assertEquals(2, slots[i]);
            } else if (prompt[i] == bread || prompt[i] == tok.specialId(WordTokenizer.OBS)) {
                assertEquals(0, slots[i]);
            }
        }
        assertEquals(0, slots[0], "<bos> is not a goal word");
        assertArrayEquals(new long[3], GoalMatch.of(tok).slots(new int[] {apple, apple, bread}),
                "a sequence without a goal marker has no matches");
    }

    @Test
    void longGoalsShareTheLastSlot() {
        int[] goal = new int[40];
        for (int i = 0; i < goal.length; i++) {
            goal[i] = 100 + i;
        }
        assertEquals(1, GoalMatch.slot(goal, 100));
        assertEquals(GoalMatch.SLOTS, GoalMatch.slot(goal, 100 + GoalMatch.SLOTS - 1));
        assertEquals(GoalMatch.SLOTS, GoalMatch.slot(goal, 139));
        assertEquals(0, GoalMatch.slot(goal, 7));
    }

    @Test
    void theModelReadsTheGoalMatchTable() {
        WordTokenizer tok = TinyPolicies.tokenizer();
        int[] prompt = new AgentPromptRenderer(tok, PromptConfig.builder().optWindow(2).optMaxPromptTokens(140)
                .build(), 160).render(TinyPolicies.contexts(1).get(0));
        try (TransformerPolicy plain = TinyPolicies.window(3, TinyPolicies.Variant.ROPE);
             TransformerPolicy matched = TinyPolicies.window(3, TinyPolicies.Variant.ROPE_GOAL_MATCH)) {
            assertEquals(plain.parameterCount() + (GoalMatch.SLOTS + 1) * 32L, matched.parameterCount());
            float[] before = matched.nextTokenLogits(List.of(prompt));
            ai.djl.ndarray.NDArray table = matched.lm().parameters().stream()
                    .filter(q -> q.getName().equals("match_emb")).findFirst().orElseThrow().getArray();
            float[] rows = table.toFloatArray();
            java.util.Arrays.fill(rows, 32, 64, 0f); // slot 1: words that are not in this goal keep slot 0
            table.set(java.nio.FloatBuffer.wrap(rows));
            float[] after = matched.nextTokenLogits(List.of(prompt));
            double diff = 0;
            for (int i = 0; i < before.length; i++) {
                diff = Math.max(diff, Math.abs(before[i] - after[i]));
            }
            assertNotEquals(0.0, diff, "changing the row of slot 1 (the goal's first word) changes the output");
        }
    }

    @Test
    void aModelWithTheEmbeddingRefusesToRunWithoutSlots() {
        try (TransformerPolicy p = TinyPolicies.window(3, TinyPolicies.Variant.ROPE_GOAL_MATCH);
             NDManager scope = NDManager.newBaseManager()) {
            long[] ids = {1, 2, 3};
            ai.djl.ndarray.types.Shape s = new ai.djl.ndarray.types.Shape(1, 3);
            assertThrows(IllegalArgumentException.class, () -> p.lm().forward(scope.create(ids, s),
                    scope.create(new long[] {0, 1, 2}, s), null, TransformerLm.causalMask(scope, 3, 0), null, false));
        }
    }
}
