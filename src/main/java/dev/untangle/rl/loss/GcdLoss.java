package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.untangle.config.GcdConfig;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptRenderer;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.rl.gcd.VerdictPlan;
import dev.untangle.rl.gcd.VerdictStats;
import dev.untangle.rl.gcd.Verdicts;
import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GCD term (docs/ALGORITHMS.md "GCD"): the actor, read as a generative classifier, predicts the verdict
 * token y_i in {good, bad} after the classification prompt c(s_i, a_i) of each selected sample:
 * <pre>
 * logp_i  = log P(y_i | c(s_i, a_i))                 softmax over {good, bad}
 * L_gcd   = - sum_i w_i logp_i / sum_i w_i            training rows (w_i from {@link VerdictPlan})
 * loss    = lambda_eff * L_gcd                        lambda_eff = {@link GcdConfig#lambdaAt}
 * </pre>
 * Rows whose classification prompt extends (prompt, action) are scored in the policy's own forward pass
 * ({@link #actionSuffixes}); the rest in one extra forward pass. Held-out rows are scored, never trained on.
 */
public final class GcdLoss implements LossTerm {

    private final GcdConfig config;

    /** Creates the term. */
    public GcdLoss(GcdConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "gcd";
    }

    @Override
    public ActionSuffix[] actionSuffixes(List<StepSample> batch, Policy policy, long optimizerStep) {
        if (!config.sharePrefix()) {
            return null;
        }
        VerdictPlan plan = VerdictPlan.of(batch, config, optimizerStep);
        ActionSuffix[] out = new ActionSuffix[batch.size()];
        for (int i = 0; i < out.length; i++) {
            if (plan.scored(i)) {
                StepSample s = batch.get(i);
                out[i] = suffix(policy, s.promptTokens(), s.actionTokens(), config.verdictQuery(),
                        plan.label()[i] > 0);
            }
        }
        return out;
    }

    /**
     * The target of {@link Verdicts#request} as an action suffix, or {@code null} when the classification prompt
     * does not extend prompt + action unchanged (the renderer trimmed history to fit the context length): such
     * rows are scored by a separate forward pass.
     */
    private static ActionSuffix suffix(Policy policy, int[] prompt, int[] action, String query, boolean good) {
        PromptRenderer r = policy.renderer();
        int[] context = r.classificationPrompt(prompt, action, query);
        int shared = prompt.length + action.length;
        if (context.length < shared || !Arrays.equals(context, 0, prompt.length, prompt, 0, prompt.length)
                || !Arrays.equals(context, prompt.length, shared, action, 0, action.length)) {
            return null;
        }
        int rest = context.length - shared;
        int[] tokens = Arrays.copyOfRange(context, shared, context.length + 1);
        tokens[rest] = r.verdictToken(good);
        int[][] allowed = new int[tokens.length][];
        allowed[rest] = Verdicts.verdictIds(r);
        return new ActionSuffix(tokens, allowed);
    }

    @Override
    public LossOutput compute(LossContext ctx) {
        List<StepSample> batch = ctx.batch();
        NDManager scope = ctx.scope();
        int b = batch.size();
        VerdictPlan plan = VerdictPlan.of(batch, config, ctx.optimizerStep());

        // --- logp_i: from the shared forward pass, or from one extra pass over the other scored rows ---------
        List<Integer> own = new ArrayList<>();
        List<ScoreRequest> ownRequests = new ArrayList<>();
        float[] fusedMask = new float[b];
        for (int i = 0; i < b; i++) {
            if (!plan.scored(i)) {
                continue;
            }
            if (ctx.hasSuffix(i)) {
                fusedMask[i] = 1f;
            } else {
                StepSample s = batch.get(i);
                own.add(i);
                ownRequests.add(Verdicts.request(ctx.policy(), s.promptTokens(), s.actionTokens(), config.verdictQuery(),
                        plan.label()[i] > 0));
            }
        }
        NDArray logp = ctx.suffixLogProb() == null ? scope.zeros(new Shape(b))
                : ctx.suffixLogProb().mul(scope.create(fusedMask));
        if (!own.isEmpty()) {
            NDArray ownLogp = ctx.policy().score(scope, ownRequests, false).logProbs().reshape(1, own.size());
            float[] scatter = new float[own.size() * b];                    // [n_own, B] one-hot rows
            for (int k = 0; k < own.size(); k++) {
                scatter[k * b + own.get(k)] = 1f;
            }
            logp = logp.add(ownLogp.matMul(scope.create(scatter, new Shape(own.size(), b))).reshape(b));
        }

        // --- self-consistency filter: drop labels the current verdict strongly disagrees with -------------------
        float[] lp = logp.stopGradient().toFloatArray();
        float[] weights = plan.weight().clone();
        int labelledTrained = 0;
        int inconsistent = 0;
        for (int i = 0; i < b; i++) {
            if (weights[i] > 0) {
                labelledTrained++;
                if (Math.exp(lp[i]) < config.consistency()) {      // p_theta(y_i | c_i) < tau (0: never)
                    weights[i] = 0f;
                    inconsistent++;
                }
            }
        }

        // --- L_gcd and the weighted loss ------------------------------------------------------------------
        double weightSum = 0;
        for (float wi : weights) {
            weightSum += wi;
        }
        double lambdaEff = config.lambdaAt(ctx.optimizerStep());
        NDArray w = scope.create(weights);
        NDArray lGcd = weightSum > 0 ? logp.mul(w).sum().neg().div(scope.create((float) weightSum)) : scope.zeros(new Shape());
        NDArray loss = lGcd.mul(scope.create((float) lambdaEff));

        // --- metrics (detached copies) ----------------------------------------------------------------------
        Map<String, Double> m = new LinkedHashMap<>();
        if (config.consistency() > 0) {
            m.put("gcd/inconsistent_frac", labelledTrained == 0 ? Double.NaN : (double) inconsistent / labelledTrained);
        }
        m.put("gcd/loss", weightSum > 0 ? (double) lGcd.getFloat() : Double.NaN);
        m.put("gcd/lambda", lambdaEff);
        putStats(m, "gcd/", plan, lp, false);
        putStats(m, "gcd/heldout_", plan, lp, true);
        m.put("gcd/labelled_frac", (double) plan.scoredCount() / b);
        int fused = 0;
        for (float f : fusedMask) {
            fused += f > 0 ? 1 : 0;
        }
        m.put("gcd/shared_prefix_frac", plan.scoredCount() == 0 ? Double.NaN : (double) fused / plan.scoredCount());
        return new LossOutput(loss, m);
    }

    /** acc, auc and good_frac over the training (or held-out) scored rows. */
    private static void putStats(Map<String, Double> m, String prefix, VerdictPlan plan, float[] lp, boolean held) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < lp.length; i++) {
            if (plan.scored(i) && plan.heldOut()[i] == held) {
                rows.add(i);
            }
        }
        double[] pGood = new double[rows.size()];
        boolean[] good = new boolean[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            good[k] = plan.label()[i] > 0;
            double pLabel = Math.exp(lp[i]);
            pGood[k] = good[k] ? pLabel : 1 - pLabel;
        }
        m.put(prefix + "accuracy", VerdictStats.accuracy(pGood, good));
        m.put(prefix + "auc", VerdictStats.auc(pGood, good));
        m.put(prefix + "good_frac", VerdictStats.goodFraction(good));
        m.put(prefix + "n", (double) rows.size());
    }
}
