package dev.untangle.rl.gcd;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptRenderer;
import dev.untangle.policy.ScoreRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verdict scoring through the {@link Policy} seam: the classification prompt c(s, a) = renderer's
 * classificationPrompt(prompt, action, query), and the verdict distribution at its end renormalised over the two
 * verdict tokens, P(good | s, a) = p(good) / (p(good) + p(bad)) (docs/ALGORITHMS.md "GCD").
 */
public final class Verdicts {

    private Verdicts() {
    }

    /** The two verdict token ids, ascending. */
    public static int[] verdictIds(PromptRenderer r) {
        int[] ids = {r.verdictToken(true), r.verdictToken(false)};
        Arrays.sort(ids);
        if (ids[0] == ids[1]) {
            throw new IllegalStateException("the verdict words good and bad map to the same token " + ids[0]
                    + " (is the vocabulary missing them?)");
        }
        return ids;
    }

    /** The request scoring log P(verdict | c(s, a)) with the softmax over {good, bad}. */
    public static ScoreRequest request(Policy policy, int[] prompt, int[] action, String query, boolean good) {
        PromptRenderer r = policy.renderer();
        int[] context = r.classificationPrompt(prompt, action, query);
        return new ScoreRequest(context, new int[] {r.verdictToken(good)}, new int[][] {verdictIds(r)}, 1.0);
    }

    /**
     * P(good | s, a) for each (prompt, action), without gradients, in one forward pass (empty input: empty
     * output).
     */
    public static double[] pGood(Policy policy, List<int[]> prompts, List<int[]> actions, String query) {
        if (prompts.isEmpty()) {
            return new double[0];
        }
        List<ScoreRequest> requests = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            requests.add(request(policy, prompts.get(i), actions.get(i), query, true));
        }
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        NDManager root = policy.parameters().get(0).getArray().getManager();
        try (NDManager scope = root.newSubManager()) {
            scope.setName("gcd-verdicts");
            float[] lp = policy.score(scope, requests, false).logProbs().toFloatArray();
            double[] out = new double[prompts.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.exp(lp[i]);
            }
            return out;
        } finally {
            JniUtils.setGradMode(before);
        }
    }
}
