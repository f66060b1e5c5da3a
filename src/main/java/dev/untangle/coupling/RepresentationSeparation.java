package dev.untangle.coupling;

import java.util.ArrayList;
import java.util.List;

/**
 * Representation separation of good and bad actions (docs/ALGORITHMS.md, "Representation separation"):
 * the mean cosine between the (state, action) embeddings h of positive- and negative-advantage samples of
 * the same or similar states, and a cross-validated {@link LinearProbe} on h with the label A &gt; 0.
 */
public final class RepresentationSeparation {

    private RepresentationSeparation() {
    }

    /**
     * Summarises one set of samples.
     *
     * @param hidden          h_i, the last-layer embedding of (s_i, a_i), one row per sample
     * @param advantages      A_i
     * @param stateSimilarity S[i][j] of the samples' states
     * @param threshold       tau: pairs with S &gt;= tau (same states included) are compared
     * @param probe           the linear probe
     */
    public static SeparationSummary summarize(double[][] hidden, double[] advantages, double[][] stateSimilarity,
                                              double threshold, LinearProbe probe) {
        int n = hidden.length;
        if (advantages.length != n || stateSimilarity.length != n) {
            throw new IllegalArgumentException("separation inputs differ in length: " + n + ", " + advantages.length
                    + ", " + stateSimilarity.length);
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (advantages[i] > 0 && advantages[j] < 0 && stateSimilarity[i][j] >= threshold) {
                    sum += Similarity.cosine(hidden[i], hidden[j]);
                    pairs++;
                }
            }
        }
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        int pos = 0;
        for (int i = 0; i < n; i++) {
            if (advantages[i] != 0) {
                x.add(hidden[i]);
                y.add(advantages[i] > 0);
                pos += advantages[i] > 0 ? 1 : 0;
            }
        }
        double acc = Double.NaN;
        double base = Double.NaN;
        int neg = x.size() - pos;
        if (Math.min(pos, neg) >= probe.folds()) {
            boolean[] labels = new boolean[y.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = y.get(i);
            }
            ProbeResult r = probe.crossValidate(x.toArray(new double[0][]), labels);
            acc = r.accuracy();
            base = r.majorityBaseline();
        }
        return new SeparationSummary(pairs == 0 ? Double.NaN : sum / pairs, pairs, acc, base, x.size());
    }
}
