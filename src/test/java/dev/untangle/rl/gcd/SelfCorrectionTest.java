package dev.untangle.rl.gcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.untangle.config.GcdConfig;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.ForwardingPolicy;
import dev.untangle.policy.Generation;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.rl.RolloutCollector;
import dev.untangle.rl.TinyPolicyAccess;
import dev.untangle.rl.TinyWorld;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Rollouts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Self-correction fires above the threshold, resamples at most k times from the hinted prompt, and logs it. */
class SelfCorrectionTest {

    private static final Decoding SAMPLING = new Decoding(true, false, 1.0, 3);
    private static final String HINT = "take";

    /**
     * The tiny policy with scripted verdicts and resamples: each verdict row consumes the next P(good), each
     * resample the next action word.
     */
    private static final class Scripted extends ForwardingPolicy {
        final Deque<Double> pGood = new ArrayDeque<>();
        final Deque<String> resamples = new ArrayDeque<>();
        final List<int[]> resamplePrompts = new ArrayList<>();

        Scripted() {
            super(TinyPolicyAccess.create(1));
        }

        @Override
        public List<Generation> generateFromPrompts(List<int[]> prompts, List<AgentContext> contexts,
                                                    Decoding decoding, Random rng) {
            List<Generation> out = new ArrayList<>();
            for (int[] p : prompts) {
                resamplePrompts.add(p);
                out.add(generation(resamples.removeFirst(), p));
            }
            return out;
        }

        Generation generation(String action, int[] prompt) {
            int[] ids = tokenizer().encode(action);
            return new Generation(action, prompt, ids, new float[ids.length]);
        }

        @Override
        public Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden) {
            float[] lp = new float[batch.size()];
            for (int i = 0; i < lp.length; i++) {
                double p = pGood.removeFirst();
                boolean askGood = batch.get(i).target()[0] == renderer().verdictToken(true);
                lp[i] = (float) Math.log(askGood ? p : 1 - p);
            }
            NDArray a = scope.create(lp, new Shape(lp.length, 1));
            return new Scores(a, a.zerosLike(), a.onesLike(), null);
        }
    }

    private static SelfCorrection corrector(int k) {
        GcdConfig c = GcdFixtures.config("correction.enabled=true", "correction.threshold=0.5",
                "correction.max_retries=" + k, "correction.hint=" + HINT);
        return SelfCorrection.of(c);
    }

    private static List<AgentContext> contexts() {
        return List.of(GcdFixtures.door("red"), GcdFixtures.door("blue"));
    }

    @Test
    void resamplesUntilTheVerdictPassesAtMostKTimes() {
        try (Scripted p = new Scripted()) {
            SelfCorrection sc = corrector(2);
            List<Generation> first = List.of(p.generation("open red", new int[] {3, 6}),
                    p.generation("open red", new int[] {4, 6}));
            p.pGood.addAll(List.of(0.9, 0.2, 0.3, 0.8));   // row 0 passes; row 1 fails, fails again, then passes
            p.resamples.addAll(List.of("take blue", "open blue"));
            List<Generation> out = sc.correct(p, contexts(), first, SAMPLING, new Random(0));
            assertSame(first.get(0), out.get(0));
            assertEquals("open blue", out.get(1).action());
            int[] hinted = p.renderer().withCorrectionHint(new int[] {4, 6}, HINT);
            assertEquals(2, p.resamplePrompts.size());
            for (int[] prompt : p.resamplePrompts) {
                assertArrayEquals(hinted, prompt);          // always the original prompt plus one hint
            }
            assertArrayEquals(hinted, out.get(1).promptTokens());   // the executed action's own prompt
            assertArrayEquals(new long[] {2, 1, 2}, sc.counts());
            assertTrue(p.pGood.isEmpty() && p.resamples.isEmpty());
            Map<String, Double> m = sc.metrics(List.of());
            assertEquals(0.5, m.get("gcd/correction_rate"));
            assertEquals(2.0, m.get("gcd/correction_resamples"));
            assertEquals(1.0, m.get("gcd/correction_changed_action"));
            assertEquals(1.0, m.get("gcd/correction_accepted"));
            assertArrayEquals(new long[] {0, 0, 0}, sc.counts());
        }
    }

    @Test
    void stopsAfterKResamplesEvenWhenTheVerdictStillFails() {
        try (Scripted p = new Scripted()) {
            SelfCorrection sc = corrector(1);
            List<Generation> first = List.of(p.generation("open red", new int[] {3, 6}),
                    p.generation("open blue", new int[] {4, 6}));
            p.pGood.addAll(List.of(0.1, 0.4, 0.2, 0.45));   // both fail, both resamples fail too
            p.resamples.addAll(List.of("open red", "take red"));
            List<Generation> out = sc.correct(p, contexts(), first, SAMPLING, new Random(0));
            assertEquals("open red", out.get(0).action());
            assertEquals("take red", out.get(1).action());
            assertArrayEquals(new long[] {2, 2, 2}, sc.counts());
            Map<String, Double> m = sc.metrics(List.of());
            assertEquals(0.5, m.get("gcd/correction_changed_action"));   // row 0 resampled the same words
            assertEquals(0.0, m.get("gcd/correction_accepted"));
        }
    }

    @Test
    void passingVerdictsAndTheDisabledOptionChangeNothing() {
        try (Scripted p = new Scripted()) {
            SelfCorrection sc = corrector(3);
            List<Generation> first = List.of(p.generation("open red", new int[] {3, 6}),
                    p.generation("open blue", new int[] {4, 6}));
            p.pGood.addAll(List.of(0.55, 0.7));             // P(bad) = 0.45 and 0.3: below the threshold
            assertEquals(first, sc.correct(p, contexts(), first, SAMPLING, new Random(0)));
            assertTrue(p.resamplePrompts.isEmpty());
            assertSame(p, SelfCorrection.of(GcdFixtures.config()).wrap(p));
            assertTrue(SelfCorrection.of(GcdFixtures.config()).metrics(List.of()).isEmpty());
        }
    }

    @Test
    void rolloutsRecordTheExecutedActionWithItsHintedPrompt() {
        // threshold 0.01: the untrained tiny policy's P(bad) is near 0.5, so every decision is resampled once
        GcdConfig c = GcdFixtures.config("verdict_at=query", "query=open", "correction.enabled=true",
                "correction.threshold=0.01", "correction.max_retries=1", "correction.hint=" + HINT);
        SelfCorrection sc = SelfCorrection.of(c);
        try (Policy policy = TinyPolicyAccess.create(2)) {
            RolloutCollector collector = new RolloutCollector(new EpisodePlayer(new TinyWorld(), 3, 1), "train", 2,
                    SAMPLING);
            Rollouts r = collector.collect(sc.wrap(policy), List.of(0, 4), new Random(3));
            int[] hint = policy.tokenizer().encode(HINT);
            int steps = 0;
            for (CollectedStep s : r.steps()) {
                int[] p = s.promptTokens();
                assertArrayEquals(hint, Arrays.copyOfRange(p, p.length - hint.length, p.length));
                steps++;
            }
            long[] counts = sc.counts();
            assertEquals(steps, counts[0]);
            assertEquals(steps, counts[1]);
            assertEquals(steps, counts[2]);
            Map<String, Double> m = sc.metrics(r.episodes());
            assertEquals(1.0, m.get("gcd/correction_rate"));
            assertEquals(4.0, m.get("gcd/correction_episodes"));
        }
    }
}
