package dev.untangle.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** A cached prefill read in chunks (long full-history prompts) decodes as the one-pass prefill does. */
class BatchDecoderPrefillTest {

    @ParameterizedTest
    @EnumSource(TinyPolicies.Variant.class)
    void chunkedPrefillDecodesAsOnePass(TinyPolicies.Variant variant) {
        try (TransformerPolicy p = TinyPolicies.window(4, variant)) {
            WordTokenizer tok = TinyPolicies.tokenizer();
            GoalMatch match = variant.goalMatch ? GoalMatch.of(tok) : null;
            GoalMatch copy = variant.goalCopy ? GoalMatch.of(tok) : null;
            BatchDecoder onePass = new BatchDecoder(p.lm(), tok, match, copy);
            // 5 rows of ~60 columns: a bound of 700 scores gives chunks of 2 columns
            BatchDecoder chunked = new BatchDecoder(p.lm(), tok, match, copy, 700);
            for (Decoding d : List.of(new Decoding(false, false, 1.0, 8), new Decoding(true, false, 0.8, 8))) {
                List<BatchDecoder.Result> a = decode(p, onePass, d);
                List<BatchDecoder.Result> b = decode(p, chunked, d);
                for (int r = 0; r < a.size(); r++) {
                    assertArrayEquals(a.get(r).tokens(), b.get(r).tokens(), "row " + r);
                    assertArrayEquals(a.get(r).logProbs(), b.get(r).logProbs(), 1e-4f, "row " + r);
                    assertEquals(a.get(r).command(), b.get(r).command());
                }
            }
        }
    }

    @Test
    void theBoundMustBePositive() {
        try (TransformerPolicy p = TinyPolicies.window(4, TinyPolicies.Variant.ROPE)) {
            assertThrows(IllegalArgumentException.class,
                    () -> new BatchDecoder(p.lm(), TinyPolicies.tokenizer(), null, null, 0));
        }
    }

    private static List<BatchDecoder.Result> decode(TransformerPolicy p, BatchDecoder decoder, Decoding d) {
        List<BatchDecoder.Row> rows = new ArrayList<>();
        for (AgentContext c : TinyPolicies.contexts(5)) {
            rows.add(new BatchDecoder.Row(new int[0], null, null, p.renderer().render(c), p.tree(c, d)));
        }
        return DecoderPolicy.withoutGradients(() -> {
            try (NDManager scope = p.lm().manager().newSubManager()) {
                return decoder.decode(scope, rows, d, new Random(9), true, false);
            }
        });
    }
}
