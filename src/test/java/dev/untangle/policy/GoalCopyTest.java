package dev.untangle.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The goal-copy scores of the output layer (docs/ALGORITHMS.md "Goal copy"). */
class GoalCopyTest {

    private static final int WIDTH = 32;

    private static int[] prompt(WordTokenizer tok) {
        return new AgentPromptRenderer(tok, PromptConfig.builder().optWindow(2).optMaxPromptTokens(140).build(), 160)
                .render(new AgentContext("put a clean apple in fridge", List.of(),
                        "On the countertop 1, you see a apple 1, and a bread 2.", List.of()));
    }

    private static NDArray parameter(TransformerPolicy p, String name) {
        return p.lm().parameters().stream().filter(q -> q.getName().equals(name)).findFirst().orElseThrow()
                .getArray();
    }

    @Test
    void theCopyTableAddsOneRowPerGoalSlot() {
        try (TransformerPolicy matched = TinyPolicies.window(3, TinyPolicies.Variant.ROPE_GOAL_MATCH);
             TransformerPolicy copying = TinyPolicies.window(3, TinyPolicies.Variant.ROPE_GOAL_COPY)) {
            assertEquals(matched.parameterCount() + (long) GoalMatch.SLOTS * WIDTH, copying.parameterCount());
        }
    }

    /**
     * With C = 0 but for the row of slot 4 (the goal's 4th word, "apple") set to the output row E[w] of some
     * word w, exactly one logit moves: apple's, by z · E[w], which is w's own logit.
     */
    @Test
    void aGoalWordsLogitGainsItsSlotsScoreAndNoOtherLogitMoves() {
        WordTokenizer tok = TinyPolicies.tokenizer();
        int[] prompt = prompt(tok);
        int apple = tok.id("apple");
        int w = tok.id("fridge");
        try (TransformerPolicy p = TinyPolicies.window(5, TinyPolicies.Variant.ROPE_GOAL_COPY)) {
            NDArray table = parameter(p, "copy_emb");
            float[] zero = new float[GoalMatch.SLOTS * WIDTH];
            table.set(FloatBuffer.wrap(zero));
            float[] plain = p.nextTokenLogits(List.of(prompt));
            float[] emb = parameter(p, "tok_emb").toFloatArray();                  // the tied head
            float[] rows = zero.clone();
            System.arraycopy(emb, w * WIDTH, rows, 3 * WIDTH, WIDTH);             // slot 4 -> row 3
            table.set(FloatBuffer.wrap(rows));
            float[] copied = p.nextTokenLogits(List.of(prompt));
            for (int v = 0; v < plain.length; v++) {
                if (v == apple) {
                    assertEquals(plain[v] + plain[w], copied[v], 1e-4, "apple gains z . E[fridge]");
                } else {
                    assertEquals(plain[v], copied[v], 0f, "token " + v + " is not in slot 4");
                }
            }
        }
    }

    @Test
    void aPromptWithoutAGoalGetsNoCopyScores() {
        WordTokenizer tok = TinyPolicies.tokenizer();
        int[] noGoal = Arrays.stream(prompt(tok)).filter(t -> t != tok.specialId(WordTokenizer.GOAL)).toArray();
        try (TransformerPolicy p = TinyPolicies.window(5, TinyPolicies.Variant.ROPE_GOAL_COPY)) {
            float[] before = p.nextTokenLogits(List.of(noGoal));
            NDArray table = parameter(p, "copy_emb");
            float[] rows = table.toFloatArray();
            Arrays.fill(rows, 1f);
            table.set(FloatBuffer.wrap(rows));
            assertEquals(0f, maxDiff(before, p.nextTokenLogits(List.of(noGoal))));
        }
    }

    @Test
    void aCopyingModelRefusesLogitsWithoutGoals() {
        try (TransformerPolicy p = TinyPolicies.window(3, TinyPolicies.Variant.ROPE_GOAL_COPY);
             NDManager scope = NDManager.newBaseManager()) {
            NDArray z = scope.zeros(new ai.djl.ndarray.types.Shape(1, WIDTH));
            assertThrows(IllegalArgumentException.class, () -> p.lm().logits(z));
            assertThrows(IllegalArgumentException.class, () -> p.lm().logits(z, null));
        }
        try (TransformerPolicy p = TinyPolicies.window(3, TinyPolicies.Variant.ROPE_GOAL_MATCH);
             NDManager scope = NDManager.newBaseManager()) {
            NDArray z = scope.zeros(new ai.djl.ndarray.types.Shape(1, WIDTH));
            assertThrows(IllegalArgumentException.class, () -> p.lm().logits(z, new int[][] {{1}}));
        }
    }

    private static float maxDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
