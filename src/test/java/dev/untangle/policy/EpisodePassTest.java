package dev.untangle.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The episode pass (docs/ALGORITHMS.md "Episode pass"): in the {@code full} history mode the steps of an episode
 * pack into one row, and their log-probabilities, entropies and hidden states equal those of each step's own
 * prompt scored alone.
 */
class EpisodePassTest {

    private static final String GOAL = "Your task is to: put a clean apple in fridge.";
    private static final String[] OBS = {"You arrive at countertop 2.", "Nothing happens.",
        "On the countertop 1, you see a apple 1, and a bread 2.", "You arrive at countertop 2."};

    /** Per-step (prompt, action) requests of two episodes, with constrained allowed sets and a temperature. */
    private static List<ScoreRequest> episodes(TransformerPolicy p) {
        List<ScoreRequest> out = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            List<Turn> history = new ArrayList<>();
            for (int t = 0; t < OBS.length - e; t++) {
                String action = TinyPolicies.COMMANDS.get((3 * t + e) % TinyPolicies.COMMANDS.size());
                String obs = OBS[(t + e) % OBS.length];
                int[] prompt = p.renderer().render(new AgentContext(GOAL, history, obs, TinyPolicies.COMMANDS));
                int[] words = p.tokenizer().encode(action);
                int[] target = java.util.Arrays.copyOf(words, words.length + 1);
                target[words.length] = p.tokenizer().endOfActionId();
                int[][] allowed = new int[target.length][];
                for (int j = 0; j < target.length; j++) {
                    allowed[j] = j % 2 == 0 ? null : new int[] {target[j], p.tokenizer().endOfActionId()};
                }
                out.add(new ScoreRequest(prompt, target, allowed, 0.7));
                history.add(new Turn(obs, action));
            }
        }
        return out;
    }

    @Test
    void anEpisodeIsOneRow() {
        try (TransformerPolicy p = TinyPolicies.full(5)) {
            List<ScoreRequest> batch = episodes(p);
            ScorePacking packing = ScorePacking.pack(batch, false, true);
            assertEquals(2, packing.rows().size(), "two episodes, two rows");
            ScorePacking alone = ScorePacking.pack(batch, false, false);
            assertEquals(batch.size(), alone.rows().size());
            // window prompts are not prefixes of each other: nothing packs
            try (TransformerPolicy w = TinyPolicies.window(5)) {
                assertEquals(episodes(w).size(), ScorePacking.pack(episodes(w), false, true).rows().size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TinyPolicies.Variant.class)
    void episodePassEqualsPerStepPrompts(TinyPolicies.Variant variant) {
        try (TransformerPolicy p = TinyPolicies.full(6, variant); NDManager scope = NDManager.newBaseManager()) {
            List<ScoreRequest> batch = episodes(p);
            Scores packed = TransformerPolicy.withoutGradients(() -> p.score(scope, batch, false));
            float[] lp = packed.logProbs().toFloatArray();
            float[] ent = packed.entropy().toFloatArray();
            int tt = (int) packed.logProbs().getShape().get(1);
            for (int i = 0; i < batch.size(); i++) {
                ScoreRequest r = batch.get(i);
                Scores alone = TransformerPolicy.withoutGradients(() -> p.score(scope, List.of(r), true));
                float[] a = alone.logProbs().toFloatArray();
                float[] ae = alone.entropy().toFloatArray();
                for (int j = 0; j < r.target().length; j++) {
                    assertEquals(a[j], lp[i * tt + j], 1e-4f, "step " + i + " token " + j);
                    assertEquals(ae[j], ent[i * tt + j], 1e-4f, "entropy, step " + i + " token " + j);
                }
            }
        }
    }

    @Test
    void hiddenStatesAndVerdictSuffixesShareTheEpisodeRow() {
        try (TransformerPolicy p = TinyPolicies.full(7); NDManager scope = NDManager.newBaseManager()) {
            List<ScoreRequest> steps = episodes(p);
            // a verdict appended after each action's <eoa> (algorithm.gcd.verdict_at=action_end): its log-prob is
            // read at the <eoa> column, which the next step's prompt holds
            int good = p.renderer().verdictToken(true);
            List<ScoreRequest> verdicts = new ArrayList<>();
            for (ScoreRequest s : steps) {
                int[] target = java.util.Arrays.copyOf(s.target(), s.target().length + 1);
                target[s.target().length] = good;
                verdicts.add(new ScoreRequest(s.context(), target, null, 0.7, s.target().length));
            }
            assertEquals(2, ScorePacking.pack(verdicts, false, true).rows().size());
            Scores packed = TransformerPolicy.withoutGradients(() -> p.score(scope, verdicts, false));
            int tt = (int) packed.logProbs().getShape().get(1);
            float[] lp = packed.logProbs().toFloatArray();
            for (int i = 0; i < verdicts.size(); i++) {
                ScoreRequest r = verdicts.get(i);
                float[] a = TransformerPolicy.withoutGradients(() -> p.score(scope, List.of(r), false))
                        .logProbs().toFloatArray();
                int last = r.target().length - 1;
                assertEquals(a[last], lp[i * tt + last], 1e-4f, "verdict of step " + i);
            }
            // hidden states at the action's end: packed batch against each request alone
            Scores withHidden = TransformerPolicy.withoutGradients(() -> p.score(scope, steps, true));
            float[] h = withHidden.hidden().toFloatArray();
            int d = (int) withHidden.hidden().getShape().get(1);
            for (int i = 0; i < steps.size(); i++) {
                ScoreRequest r = steps.get(i);
                float[] alone = TransformerPolicy.withoutGradients(() -> p.score(scope, List.of(r), true))
                        .hidden().toFloatArray();
                assertArrayEquals(alone, java.util.Arrays.copyOfRange(h, i * d, (i + 1) * d), 1e-4f);
            }
        }
    }

    /**
     * Each step of {@link #episodes} plus, in the same state, every other command: the alternatives depart from the
     * episode's row after the prompt, so they become branches of it.
     */
    private static List<ScoreRequest> withAlternatives(TransformerPolicy p) {
        List<ScoreRequest> out = new ArrayList<>();
        for (ScoreRequest step : episodes(p)) {
            out.add(step);
            for (String other : TinyPolicies.COMMANDS.subList(0, 3)) {
                int[] words = p.tokenizer().encode(other);
                int[] target = java.util.Arrays.copyOf(words, words.length + 1);
                target[words.length] = p.tokenizer().endOfActionId();
                if (!java.util.Arrays.equals(target, step.target())) {
                    out.add(new ScoreRequest(step.context(), target));
                }
            }
        }
        return out;
    }

    @Test
    void commandsOfTheSameStateBranchOffTheEpisodeRow() {
        try (TransformerPolicy p = TinyPolicies.full(8)) {
            List<ScoreRequest> batch = withAlternatives(p);
            ScorePacking packing = ScorePacking.pack(batch, false, true, true);
            assertEquals(2, packing.rows().size(), "two episodes, two rows, alternatives as branches");
            assertTrue(packing.hasBranches());
            assertTrue(ScorePacking.pack(batch, false, true, false).rows().size() > 2, "without branches");
            // a branch column reads the shared trunk and itself; its positions continue the shared prefix
            int t = packing.longestRow();
            float[] mask = packing.mask(t);
            long[] pos = packing.positions(t);
            for (int r = 0; r < packing.rows().size(); r++) {
                for (ScorePacking.Branch br : packing.branches().get(r)) {
                    int c = br.start() + br.length() - 1;
                    assertEquals(br.shared() + br.length() - 1, pos[r * t + c]);
                    int base = (r * t + c) * t;
                    assertEquals(0f, mask[base + br.shared() - 1]);
                    assertEquals(TransformerLm.MASKED, mask[base + br.shared()], "trunk after the branch point");
                    assertEquals(0f, mask[base + br.start()]);
                    if (br.start() > packing.trunks()[r]) {
                        assertEquals(TransformerLm.MASKED, mask[base + br.start() - 1], "the previous branch");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TinyPolicies.Variant.class)
    void branchesEqualRequestsScoredAlone(TinyPolicies.Variant variant) {
        try (TransformerPolicy p = TinyPolicies.full(9, variant); NDManager scope = NDManager.newBaseManager()) {
            List<ScoreRequest> batch = withAlternatives(p);
            for (boolean withHidden : new boolean[] {false, true}) {
                Scores packed = TransformerPolicy.withoutGradients(() -> p.score(scope, batch, withHidden));
                float[] lp = packed.logProbs().toFloatArray();
                int tt = (int) packed.logProbs().getShape().get(1);
                float[] h = withHidden ? packed.hidden().toFloatArray() : null;
                for (int i = 0; i < batch.size(); i++) {
                    ScoreRequest r = batch.get(i);
                    Scores alone = TransformerPolicy.withoutGradients(() -> p.score(scope, List.of(r), withHidden));
                    float[] a = alone.logProbs().toFloatArray();
                    for (int j = 0; j < r.target().length; j++) {
                        assertEquals(a[j], lp[i * tt + j], 1e-4f, "request " + i + " token " + j);
                    }
                    if (withHidden) {
                        int d = (int) packed.hidden().getShape().get(1);
                        assertArrayEquals(alone.hidden().toFloatArray(),
                                java.util.Arrays.copyOfRange(h, i * d, (i + 1) * d), 1e-4f, "hidden " + i);
                    }
                }
            }
        }
    }
}
