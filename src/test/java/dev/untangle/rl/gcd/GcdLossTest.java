package dev.untangle.rl.gcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.GcdConfig;
import dev.untangle.config.OptimConfig;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.rl.PolicyUpdater;
import dev.untangle.rl.TinyPolicyAccess;
import dev.untangle.rl.loss.ActionSuffixes;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.loss.GcdLoss;
import dev.untangle.rl.loss.LossAggregation;
import dev.untangle.rl.loss.LossContext;
import dev.untangle.rl.loss.LossOutput;
import dev.untangle.rl.loss.LossTerm;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GCD loss against a hand computation, prefix sharing against separate classification prompts, its gradient
 * against finite differences, and a tiny separable problem the classifier learns.
 */
class GcdLossTest {

    /** Runs the term the way the updater does; returns the loss, metrics and (optionally) back-propagates. */
    private static LossOutput run(Policy policy, GcdLoss term, List<StepSample> batch, NDManager scope,
                                  boolean backward, Scores[] actionScores) {
        List<LossTerm> terms = List.of(term);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ActionSuffixes suffixes = ActionSuffixes.collect(terms, batch, policy, 0);
            Scores full = policy.score(scope, suffixes.extend(PolicyUpdater.requests(batch)), false);
            Scores scores = suffixes.actionScores(scope, full);
            if (actionScores != null) {
                actionScores[0] = scores;
            }
            LossContext ctx = new LossContext(policy, scope, batch, scores, null, LossAggregation.TOKEN_MEAN, 0,
                    suffixes.lastLogProb(scope, full), suffixes.present());
            LossOutput out = term.compute(ctx);
            if (backward) {
                gc.backward(out.loss());
            }
            return out;
        }
    }

    private static List<StepSample> doorBatch(Policy policy) {
        List<StepSample> batch = new ArrayList<>();
        double[] adv = {1.0, -0.5, 0.0, -2.0, 0.7};
        String[] act = {"open red", "open blue", "take green", "open green", "take red"};
        for (int i = 0; i < adv.length; i++) {
            AgentContext c = GcdFixtures.door(GcdFixtures.COLORS.get(i % 3));
            int[] prompt = policy.renderer().render(c);
            int[] action = policy.tokenizer().encodeAction(act[i]);
            batch.add(new StepSample(new CollectedStep(i, 0, 0, "train/" + i, "door", c.observation(), prompt, action,
                    new float[action.length], null, 1.0, true, Double.NaN, 0), new StepTargets(0, adv[i] > 0, adv[i],
                    0, adv[i], -1)));
        }
        return batch;
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "action_end"})
    void lossEqualsHandComputationAndPrefixSharingChangesNothing(String verdictAt) {
        try (Policy policy = GcdFixtures.tinyTransformer(4)) {
            List<StepSample> batch = doorBatch(policy);
            GcdConfig shared = GcdFixtures.config("lambda=0.5", "balance=none", "verdict_at=" + verdictAt);
            GcdConfig separate = GcdFixtures.config("lambda=0.5", "balance=none", "share_prefix=false",
                    "verdict_at=" + verdictAt);
            NDManager root = policy.parameters().get(0).getArray().getManager();
            try (NDManager scope = root.newSubManager()) {
                // by hand: full-vocabulary log-probs of both verdict words after c(s, a), renormalised
                int good = policy.renderer().verdictToken(true);
                int bad = policy.renderer().verdictToken(false);
                double sum = 0;
                int n = 0;
                for (StepSample s : batch) {
                    if (s.advantage() == 0) {
                        continue;
                    }
                    int[] c = policy.renderer().classificationPrompt(s.promptTokens(), s.actionTokens(),
                            shared.verdictQuery());
                    assertEquals(verdictAt.equals("action_end"), c.length == s.promptTokens().length
                            + s.actionTokens().length);
                    float[] lp = policy.score(scope, List.of(new ScoreRequest(c, new int[] {good}),
                            new ScoreRequest(c, new int[] {bad})), false).logProbs().toFloatArray();
                    double pGood = Math.exp(lp[0]) / (Math.exp(lp[0]) + Math.exp(lp[1]));
                    sum += Math.log(s.advantage() > 0 ? pGood : 1 - pGood);
                    n++;
                }
                double want = 0.5 * (-sum / n);
                Scores[] fusedActions = new Scores[1];
                LossOutput a = run(policy, new GcdLoss(shared), batch, scope, false, fusedActions);
                LossOutput b = run(policy, new GcdLoss(separate), batch, scope, false, null);
                assertEquals(want, a.loss().getFloat(), 1e-5);
                assertEquals(want, b.loss().getFloat(), 1e-5);
                assertEquals(1.0, a.metrics().get("gcd/shared_prefix_frac"), 1e-12);
                assertEquals(0.8, a.metrics().get("gcd/labelled_frac"), 1e-12);
                // the action log-probs read from the shared pass equal the plain pass
                float[] plain = policy.score(scope, PolicyUpdater.requests(batch), false).logProbs().toFloatArray();
                float[] fused = fusedActions[0].logProbs().toFloatArray();
                assertArrayEquals(plain, fused, 1e-5f);
            }
        }
    }

    /**
     * The self-consistency filter (docs/ALGORITHMS.md "GCD labels"): a row whose label the current verdict gives
     * a probability below the threshold is left out of L_gcd, and the loss is the mean over the rows kept.
     */
    @Test
    void labelsTheVerdictStronglyDisagreesWithAreLeftOut() {
        try (Policy policy = GcdFixtures.tinyTransformer(4)) {
            List<StepSample> batch = doorBatch(policy);
            NDManager root = policy.parameters().get(0).getArray().getManager();
            try (NDManager scope = root.newSubManager()) {
                int good = policy.renderer().verdictToken(true);
                int bad = policy.renderer().verdictToken(false);
                List<Double> pLabel = new ArrayList<>();
                for (StepSample s : batch) {
                    if (s.advantage() == 0) {
                        continue;
                    }
                    int[] c = policy.renderer().classificationPrompt(s.promptTokens(), s.actionTokens(), "");
                    float[] lp = policy.score(scope, List.of(new ScoreRequest(c, new int[] {good}),
                            new ScoreRequest(c, new int[] {bad})), false).logProbs().toFloatArray();
                    double pGood = Math.exp(lp[0]) / (Math.exp(lp[0]) + Math.exp(lp[1]));
                    pLabel.add(s.advantage() > 0 ? pGood : 1 - pGood);
                }
                List<Double> sorted = new ArrayList<>(pLabel);
                java.util.Collections.sort(sorted);
                double tau = (sorted.get(1) + sorted.get(2)) / 2;             // leaves out the two least likely
                double sum = 0;
                int kept = 0;
                for (double p : pLabel) {
                    if (p >= tau) {
                        sum -= Math.log(p);
                        kept++;
                    }
                }
                LossOutput out = run(policy, new GcdLoss(GcdFixtures.config("lambda=1", "balance=none",
                        "consistency=" + tau)), batch, scope, false, null);
                assertEquals(sum / kept, out.loss().getFloat(), 1e-5);
                assertEquals(0.5, out.metrics().get("gcd/inconsistent_frac"), 1e-12, "2 of the 4 labelled rows");
                LossOutput off = run(policy, new GcdLoss(GcdFixtures.config("lambda=1", "balance=none")), batch,
                        scope, false, null);
                assertFalse(off.metrics().containsKey("gcd/inconsistent_frac"), "off by default");
                assertEquals(-pLabel.stream().mapToDouble(Math::log).sum() / pLabel.size(), off.loss().getFloat(),
                        1e-5);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "action_end"})
    void rowsSampledAtAnotherTemperatureShareThePrefixWithTheVerdictAtTemperatureOne(String verdictAt) {
        try (Policy policy = GcdFixtures.tinyTransformer(4)) {
            List<StepSample> batch = new ArrayList<>();
            for (StepSample s : doorBatch(policy)) {
                batch.add(new StepSample(new CollectedStep(s.episodeId(), s.groupId(), s.stepIndex(), s.taskKey(),
                        s.taskType(), s.anchorObservation(), s.promptTokens(), s.actionTokens(), s.oldLogProb(), null,
                        s.episodeId() % 2 == 0 ? 0.7 : 1.0, true, Double.NaN, 0),
                        new StepTargets(0, s.episodeWon(), s.advantage(), 0, s.advantage(), -1)));
            }
            NDManager root = policy.parameters().get(0).getArray().getManager();
            try (NDManager scope = root.newSubManager()) {
                Scores[] fusedActions = new Scores[1];
                LossOutput mixed = run(policy, new GcdLoss(GcdFixtures.config("verdict_at=" + verdictAt)), batch,
                        scope, false, fusedActions);
                LossOutput separate = run(policy, new GcdLoss(GcdFixtures.config("share_prefix=false",
                        "verdict_at=" + verdictAt)), batch, scope, false, null);
                // rows 0 and 4 were sampled at temperature 0.7: their actions keep it, their verdicts are read at 1
                assertEquals(1.0, mixed.metrics().get("gcd/shared_prefix_frac"), 1e-12);
                assertEquals(separate.loss().getFloat(), mixed.loss().getFloat(), 1e-5);
                float[] plain = policy.score(scope, PolicyUpdater.requests(batch), false).logProbs().toFloatArray();
                assertArrayEquals(plain, fusedActions[0].logProbs().toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void sharedAndSeparateForwardGiveTheSameGradient() {
        float[][] grads = new float[2][];
        for (int k = 0; k < 2; k++) {
            try (Policy policy = GcdFixtures.tinyTransformer(5)) {
                GcdConfig c = k == 0 ? GcdFixtures.config() : GcdFixtures.config("share_prefix=false");
                NDManager root = policy.parameters().get(0).getArray().getManager();
                try (NDManager scope = root.newSubManager()) {
                    run(policy, new GcdLoss(c), doorBatch(policy), scope, true, null);
                    List<Float> g = new ArrayList<>();
                    for (Parameter p : policy.parameters()) {
                        for (float f : p.getArray().getGradient().toFloatArray()) {
                            g.add(f);
                        }
                    }
                    grads[k] = new float[g.size()];
                    for (int i = 0; i < g.size(); i++) {
                        grads[k][i] = g.get(i);
                    }
                }
            }
        }
        assertArrayEquals(grads[0], grads[1], 1e-4f);
    }

    @Test
    void gradientMatchesFiniteDifferencesOnTheLogLinearModel() {
        try (Policy policy = TinyPolicyAccess.create(11)) {
            // tiny policy: logits depend on the last two context tokens; c(s, a) = prompt + action + query word,
            // so the verdict sees the action's last word (actions without end-of-action token here)
            GcdConfig c = GcdFixtures.config("share_prefix=false", "query=open", "balance=reweight", "lambda=0.7");
            int[][] prompts = {{3, 6}, {4, 6}, {5, 7}, {3, 7}};
            int[][] actions = {{8, 3}, {8, 5}, {9, 5}, {9, 4}};
            double[] adv = {1, -1, 0.5, -0.3};
            List<StepSample> batch = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batch.add(new StepSample(new CollectedStep(i, 0, 0, "train/" + i, "door", "o", prompts[i], actions[i],
                        new float[2], null, 1.0, true, Double.NaN, 0), new StepTargets(0, adv[i] > 0, adv[i], 0,
                        adv[i], -1)));
            }
            GcdLoss term = new GcdLoss(c);
            NDManager root = policy.parameters().get(0).getArray().getManager();
            try (NDManager scope = root.newSubManager()) {
                run(policy, term, batch, scope, true, null);
            }
            int checked = 0;
            for (Parameter p : policy.parameters()) {
                NDArray w = p.getArray();
                float[] grad = w.getGradient().toFloatArray();
                float[] base = w.toFloatArray();
                for (int pick = 0; pick < 3; pick++) {
                    int idx = 0;
                    for (int i = 1; i < grad.length; i++) {
                        idx = Math.abs(grad[i]) > Math.abs(grad[idx]) ? i : idx;
                    }
                    double h = 1e-2;
                    double fd = (perturbed(policy, term, batch, w, base, idx, h)
                            - perturbed(policy, term, batch, w, base, idx, -h)) / (2 * h);
                    assertEquals(fd, grad[idx], 2e-3 + 2e-2 * Math.abs(fd), p.getName() + "[" + idx + "]");
                    checked += Math.abs(fd) > 1e-3 ? 1 : 0;
                            grad[idx] = 0;
                }
                w.set(base);
            }
            assertTrue(checked >= 4, "too few non-zero gradient entries were checked: " + checked);
        }
    }

    private static double perturbed(Policy policy, GcdLoss term, List<StepSample> batch, NDArray w, float[] base,
                                    int idx, double h) {
        float[] x = base.clone();
        x[idx] += (float) h;
        w.set(x);
        try (NDManager scope = w.getManager().newSubManager()) {
            return run(policy, term, batch, scope, false, null).loss().getFloat();
        }
    }

    @Test
    void classifierLearnsATinySeparableProblem() {
        try (Policy policy = GcdFixtures.tinyTransformer(6)) {
            // states "c door"; actions "open a" / "take a" for every colour a; good iff the verb is "open" (the
            // verdict depends on the action, linearly separable on its verb)
            List<StepSample> samples = new ArrayList<>();
            for (String c : GcdFixtures.COLORS) {
                AgentContext ctx = GcdFixtures.door(c);
                int[] prompt = policy.renderer().render(ctx);
                for (String verb : List.of("open", "take")) {
                    for (String a : GcdFixtures.COLORS) {
                        boolean good = verb.equals("open");
                        int[] action = policy.tokenizer().encodeAction(verb + " " + a);
                        double adv = good ? 1 : -1;
                        samples.add(new StepSample(new CollectedStep(samples.size(), 0, 0, "train/0", "door",
                                ctx.observation(), prompt, action, new float[action.length], null, 1.0, true,
                                        Double.NaN, 0), new StepTargets(0, good, adv, 0, adv, -1)));
                    }
                }
            }
            GcdConfig c = GcdFixtures.config("lambda=1", "balance=reweight");
            OptimConfig optim = OptimConfig.read(ConfigTree.empty().withOverrides(List.of("optim.lr=0.01",
                    "optim.warmup_steps=0", "optim.max_grad_norm=5")));
            PolicyUpdater updater = new PolicyUpdater(List.of(new GcdLoss(c)), LossAggregation.TOKEN_MEAN, 1,
                    samples.size(), 5);
            Map<String, Double> m = Map.of();
            try (AdamW opt = new AdamW(policy.parameters(), optim)) {
                Random rng = new Random(1);
                for (int step = 0; step < 40; step++) {
                    m = updater.update(policy, null, samples, opt, rng);
                }
            }
            List<int[]> prompts = new ArrayList<>();
            List<int[]> actions = new ArrayList<>();
            boolean[] good = new boolean[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                prompts.add(samples.get(i).promptTokens());
                actions.add(samples.get(i).actionTokens());
                good[i] = samples.get(i).advantage() > 0;
            }
            double acc = VerdictStats.accuracy(Verdicts.pGood(policy, prompts, actions, c.query()), good);
            assertTrue(acc >= 0.95, "verdict accuracy " + acc + " (last batch metrics " + m + ")");
            assertTrue(m.get("gcd/auc") > 0.95, "batch AUC " + m.get("gcd/auc"));
        }
    }
}
