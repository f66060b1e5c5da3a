package dev.untangle.rl.gcd;

/** Classifier statistics of verdict probabilities (docs/METRICS.md, prefix {@code gcd/}). */
public final class VerdictStats {

    private VerdictStats() {
    }

    /**
     * Accuracy of the decision P(good) &gt; 0.5: the share of rows whose decision matches y; NaN without rows.
     *
     * @param pGood P(good | s, a) per row
     * @param good  the label per row
     */
    public static double accuracy(double[] pGood, boolean[] good) {
        if (pGood.length == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (int i = 0; i < pGood.length; i++) {
            right += (pGood[i] > 0.5) == good[i] ? 1 : 0;
        }
        return (double) right / pGood.length;
    }

    /**
     * Area under the ROC curve of P(good) as a score for {@code good}: the probability that a random good row
     * scores above a random bad row, ties counting one half (Mann-Whitney U / (n_good n_bad)); NaN when a class
     * is missing.
     */
    public static double auc(double[] pGood, boolean[] good) {
        double u = 0;
        long nGood = 0;
        long nBad = 0;
        for (int i = 0; i < pGood.length; i++) {
            if (!good[i]) {
                continue;
            }
            nGood++;
            for (int j = 0; j < pGood.length; j++) {
                if (good[j]) {
                    continue;
                }
                u += pGood[i] > pGood[j] ? 1 : pGood[i] == pGood[j] ? 0.5 : 0;
            }
        }
        for (boolean g : good) {
            nBad += g ? 0 : 1;
        }
        return nGood == 0 || nBad == 0 ? Double.NaN : u / (nGood * nBad);
    }

    /** Share of {@code good} labels; NaN without rows. */
    public static double goodFraction(boolean[] good) {
        if (good.length == 0) {
            return Double.NaN;
        }
        int k = 0;
        for (boolean g : good) {
            k += g ? 1 : 0;
        }
        return (double) k / good.length;
    }
}
