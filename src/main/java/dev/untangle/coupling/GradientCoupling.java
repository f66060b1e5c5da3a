package dev.untangle.coupling;

/**
 * The coupling index over per-sample gradients g_i = grad_theta log pi(a_i | s_i) (docs/ALGORITHMS.md,
 * "Coupling index"). Two samples of similar states whose advantages have opposite signs are coupled
 * harmfully when cos(g_i, g_j) &gt; 0: raising the probability of the good one raises the bad one too.
 */
public final class GradientCoupling {

    private GradientCoupling() {
    }

    /**
     * Summarises the gradient cosines of every similar-state pair; pairs in which either advantage is
     * zero carry no signal and are skipped.
     *
     * @param grads      g_i, one row per sample, all the same length
     * @param advantages A_i, one per sample
     * @param pairs      which pairs count as similar states
     */
    public static CouplingSummary summarize(double[][] grads, double[] advantages, SamplePairs pairs) {
        if (grads.length != advantages.length) {
            throw new IllegalArgumentException("gradients for " + grads.length + " samples but "
                    + advantages.length + " advantages");
        }
        return summarizeCosines(Similarity.cosineMatrix(grads), advantages, pairs);
    }

    /**
     * The same summary from a precomputed cosine matrix C[i][j] = cos(g_i, g_j) (for example
     * {@link GradientMatrix#cosines()} of a real model's per-sample gradients).
     *
     * @param cos        pairwise gradient cosines, n x n
     * @param advantages A_i, one per sample
     * @param pairs      which pairs count as similar states
     */
    public static CouplingSummary summarizeCosines(double[][] cos, double[] advantages, SamplePairs pairs) {
        if (cos.length != advantages.length) {
            throw new IllegalArgumentException("cosines for " + cos.length + " samples but "
                    + advantages.length + " advantages");
        }
        double oppSum = 0;
        double sameSum = 0;
        int opp = 0;
        int same = 0;
        int oppPositive = 0;
        for (int i = 0; i < cos.length; i++) {
            for (int j = i + 1; j < cos.length; j++) {
                double signs = Math.signum(advantages[i]) * Math.signum(advantages[j]);
                if (signs == 0 || !pairs.similar(i, j)) {
                    continue;
                }
                if (signs < 0) {
                    oppSum += cos[i][j];
                    opp++;
                    if (cos[i][j] > 0) {
                        oppPositive++;
                    }
                } else {
                    sameSum += cos[i][j];
                    same++;
                }
            }
        }
        return new CouplingSummary(opp == 0 ? Double.NaN : oppSum / opp, same == 0 ? Double.NaN : sameSum / same,
                opp == 0 ? Double.NaN : (double) oppPositive / opp, opp, same);
    }

    /**
     * cos(A_i g_i, A_j g_j): the cosine of the two samples' contributions to the policy-gradient update.
     * It equals sign(A_i A_j) cos(g_i, g_j), so identical samples with opposite advantages give -1.
     */
    public static double weightedCosine(double[] gi, double ai, double[] gj, double aj) {
        return Math.signum(ai) * Math.signum(aj) * Similarity.cosine(gi, gj);
    }
}
