package dev.untangle.rl.gcd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a policy on a fixed set of labelled (state, action) pairs from {@link CriticData} (docs/ALGORITHMS.md
 * "GCD probe"): the verdict classifier's accuracy and AUC, and how far apart the last-layer representations of
 * good and bad actions in the same state are. Two last-layer representations of (s, a) are read: h(s, a) at the
 * action's last token ({@code Policy.score(..., withHidden = true)}), and v(s, a) at the last token of the
 * classification prompt c(s, a), the position whose output the verdict is generated from. For every state with a
 * good action g and bad actions b, cos(h(s, g), h(s, b)) is averaged over the pairs, raw and after subtracting the
 * mean representation of all probed items (the centred cosine: the component every representation shares does not
 * count). The same pairs give the same measurement for any policy that shares the vocabulary.
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
     * @param cosGoodBadCentred the same after subtracting the mean h over all items
     * @param verdictCosGoodBad mean cosine of v(s, good) and v(s, bad), the verdict-position representations
     * @param verdictCosGoodBadCentred the same after subtracting the mean v over all items
     */
    public record Result(int items, int pairs, double accuracy, double auc, double goodFraction, double cosGoodBad,
                         double cosGoodBadCentred, double verdictCosGoodBad, double verdictCosGoodBadCentred) {
        /** JSON-ready map. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("items", items);
            m.put("pairs", pairs);
            m.put("verdict_accuracy", accuracy);
            m.put("verdict_auc", auc);
            m.put("good_fraction", goodFraction);
            m.put("cos_good_bad", cosGoodBad);
            m.put("cos_good_bad_centred", cosGoodBadCentred);
            m.put("verdict_cos_good_bad", verdictCosGoodBad);
            m.put("verdict_cos_good_bad_centred", verdictCosGoodBadCentred);
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
        float[][] verdictHidden = new float[n][];
        for (int start = 0; start < n; start += CHUNK) {
            List<CriticData.Example> chunk = items.subList(start, Math.min(n, start + CHUNK));
            List<int[]> prompts = new ArrayList<>();
            List<int[]> actions = new ArrayList<>();
            List<ScoreRequest> plain = new ArrayList<>();
            List<ScoreRequest> atVerdict = new ArrayList<>();
            for (CriticData.Example e : chunk) {
                prompts.add(e.prompt());
                actions.add(e.action());
                plain.add(new ScoreRequest(e.prompt(), e.action()));
                if (!query.isEmpty()) {
                    // v(s, a): the hidden state at c(s, a)'s last token, read by scoring that token given the rest
                    int[] c = policy.renderer().classificationPrompt(e.prompt(), e.action(), query);
                    atVerdict.add(new ScoreRequest(Arrays.copyOf(c, c.length - 1), new int[] {c[c.length - 1]}));
                }
            }
            double[] p = Verdicts.pGood(policy, prompts, actions, query);
            float[][] h = hidden(policy, plain);
            // with the verdict read at the action's end (empty query) v(s, a) is h(s, a): no second pass
            float[][] v = query.isEmpty() ? h : hidden(policy, atVerdict);
            for (int k = 0; k < chunk.size(); k++) {
                pGood[start + k] = p[k];
                good[start + k] = chunk.get(k).good();
                hidden[start + k] = h[k];
                verdictHidden[start + k] = v[k];
            }
        }
        List<int[]> pairs = pairs(items, good);
        return new Result(n, pairs.size(), VerdictStats.accuracy(pGood, good), VerdictStats.auc(pGood, good),
                VerdictStats.goodFraction(good), meanPairCosine(pairs, hidden, false),
                meanPairCosine(pairs, hidden, true), meanPairCosine(pairs, verdictHidden, false),
                meanPairCosine(pairs, verdictHidden, true));
    }

    /** The (good i, bad j) index pairs of items of the same state. */
    static List<int[]> pairs(List<CriticData.Example> items, boolean[] good) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < good.length; i++) {
            for (int j = 0; good[i] && j < good.length; j++) {
                if (!good[j] && items.get(j).state() == items.get(i).state()) {
                    out.add(new int[] {i, j});
                }
            }
        }
        return out;
    }

    /**
     * Mean over the pairs of cos(x_i, x_j); with {@code centred}, x = rep - mean(rep) over all items. NaN without
     * pairs.
     */
    static double meanPairCosine(List<int[]> pairs, float[][] rep, boolean centred) {
        if (pairs.isEmpty()) {
            return Double.NaN;
        }
        int n = rep.length;
        float[][] x = rep;
        if (centred) {
            int d = rep[0].length;
            double[] mean = new double[d];
            for (float[] r : rep) {
                for (int k = 0; k < d; k++) {
                    mean[k] += r[k] / (double) n;
                }
            }
            x = new float[n][d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    x[i][k] = (float) (rep[i][k] - mean[k]);
                }
            }
        }
        double sum = 0;
        for (int[] p : pairs) {
            sum += cosine(x[p[0]], x[p[1]]);
        }
        return sum / pairs.size();
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
                out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
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
