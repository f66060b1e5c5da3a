package dev.untangle.rl.gcd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a policy on a fixed set of labelled (state, action) pairs from {@link CriticData} (docs/ALGORITHMS.md
 * "GCD probe"): the verdict classifier's accuracy and AUC, and how far apart the last-layer representations of
 * good and bad actions in the same state are. h(s, a) is the hidden state at the action's last token
 * ({@code Policy.score(..., withHidden = true)}); for every state with a good action g and bad actions b,
 * cos(h(s, g), h(s, b)) is averaged over the pairs. The same pairs give the same measurement for any policy that
 * shares the vocabulary.
 */
public final class GcdProbe {

    private static final int CHUNK = 64;

    /**
     * The measurement.
     *
     * @param items        labelled pairs scored
     * @param pairs        (good, bad) pairs in the same state
     * @param accuracy     verdict accuracy (P(good) &gt; 0.5)
     * @param auc          verdict AUC
     * @param goodFraction share of good labels
     * @param cosGoodBad   mean cosine similarity of h(s, good) and h(s, bad) over the pairs
     */
    public record Result(int items, int pairs, double accuracy, double auc, double goodFraction, double cosGoodBad) {
        /** JSON-ready map. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("items", items);
            m.put("pairs", pairs);
            m.put("verdict_accuracy", accuracy);
            m.put("verdict_auc", auc);
            m.put("good_fraction", goodFraction);
            m.put("cos_good_bad", cosGoodBad);
            return m;
        }
    }

    private GcdProbe() {
    }

    /** Measures {@code policy} on {@code items} with the verdict query {@code query}. */
    public static Result measure(Policy policy, List<CriticData.Example> items, String query) {
        int n = items.size();
        double[] pGood = new double[n];
        boolean[] good = new boolean[n];
        float[][] hidden = new float[n][];
        for (int start = 0; start < n; start += CHUNK) {
            List<CriticData.Example> chunk = items.subList(start, Math.min(n, start + CHUNK));
            List<int[]> prompts = new ArrayList<>();
            List<int[]> actions = new ArrayList<>();
            List<ScoreRequest> plain = new ArrayList<>();
            for (CriticData.Example e : chunk) {
                prompts.add(e.prompt());
                actions.add(e.action());
                plain.add(new ScoreRequest(e.prompt(), e.action()));
            }
            double[] p = Verdicts.pGood(policy, prompts, actions, query);
            float[][] h = hidden(policy, plain);
            for (int k = 0; k < chunk.size(); k++) {
                pGood[start + k] = p[k];
                good[start + k] = chunk.get(k).good();
                hidden[start + k] = h[k];
            }
        }
        double cosSum = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            if (!good[i]) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                if (!good[j] && items.get(j).state() == items.get(i).state()) {
                    cosSum += cosine(hidden[i], hidden[j]);
                    pairs++;
                }
            }
        }
        return new Result(n, pairs, VerdictStats.accuracy(pGood, good), VerdictStats.auc(pGood, good),
                VerdictStats.goodFraction(good), pairs == 0 ? Double.NaN : cosSum / pairs);
    }

    private static float[][] hidden(Policy policy, List<ScoreRequest> requests) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        NDManager root = policy.parameters().get(0).getArray().getManager();
        try (NDManager scope = root.newSubManager()) {
            NDArray h = policy.score(scope, requests, true).hidden();
            int d = (int) h.getShape().get(1);
            float[] flat = h.toFloatArray();
            float[][] out = new float[requests.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            }
            return out;
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /** cos(u, v) = u.v / (|u| |v|) (0 when a vector is zero). */
    static double cosine(float[] u, float[] v) {
        double dot = 0;
        double nu = 0;
        double nv = 0;
        for (int i = 0; i < u.length; i++) {
            dot += (double) u[i] * v[i];
            nu += (double) u[i] * u[i];
            nv += (double) v[i] * v[i];
        }
        return nu == 0 || nv == 0 ? 0 : dot / Math.sqrt(nu * nv);
    }
}
