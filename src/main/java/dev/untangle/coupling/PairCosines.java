package dev.untangle.coupling;

/**
 * Mean gradient cosine cos(g_i, g_j) by pair type (docs/ALGORITHMS.md, "Coupling index"); pairs with a
 * zero advantage are skipped, and "similar" means different states with S[i][j] &gt;= tau. NaN where a type
 * has no pair.
 *
 * @param sameStateOpposite   same state (identical prompt), A_i A_j &lt; 0
 * @param sameStateOppositePairs number of those pairs
 * @param similarOpposite     similar states, A_i A_j &lt; 0 (the coupling index)
 * @param similarOppositePairs number of those pairs
 * @param similarSame         similar states, A_i A_j &gt; 0
 * @param similarSamePairs    number of those pairs
 * @param otherOpposite       dissimilar states, A_i A_j &lt; 0
 * @param otherOppositePairs  number of those pairs
 * @param otherSame           dissimilar states, A_i A_j &gt; 0
 * @param otherSamePairs      number of those pairs
 */
public record PairCosines(double sameStateOpposite, int sameStateOppositePairs, double similarOpposite,
                          int similarOppositePairs, double similarSame, int similarSamePairs, double otherOpposite,
                          int otherOppositePairs, double otherSame, int otherSamePairs) {

    /**
     * Splits the pairs of a cosine matrix by type.
     *
     * @param cos             C[i][j] = cos(g_i, g_j)
     * @param advantages      A_i
     * @param stateIds        equal ids mark the same state
     * @param stateSimilarity S[i][j]
     * @param threshold       tau
     */
    public static PairCosines of(double[][] cos, double[] advantages, int[] stateIds, double[][] stateSimilarity,
                                 double threshold) {
        double[] sum = new double[5];
        int[] count = new int[5];
        for (int i = 0; i < cos.length; i++) {
            for (int j = i + 1; j < cos.length; j++) {
                double signs = Math.signum(advantages[i]) * Math.signum(advantages[j]);
                if (signs == 0) {
                    continue;
                }
                int type;
                if (stateIds[i] == stateIds[j]) {
                    if (signs > 0) {
                        continue;
                    }
                    type = 0;
                } else if (stateSimilarity[i][j] >= threshold) {
                    type = signs < 0 ? 1 : 2;
                } else {
                    type = signs < 0 ? 3 : 4;
                }
                sum[type] += cos[i][j];
                count[type]++;
            }
        }
        return new PairCosines(mean(sum[0], count[0]), count[0], mean(sum[1], count[1]), count[1],
                mean(sum[2], count[2]), count[2], mean(sum[3], count[3]), count[3], mean(sum[4], count[4]), count[4]);
    }

    private static double mean(double s, int n) {
        return n == 0 ? Double.NaN : s / n;
    }
}
