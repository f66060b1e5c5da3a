package dev.untangle.coupling;

/**
 * Gradient-similarity summaries of one batch, split by pair type (docs/ALGORITHMS.md, "Coupling index").
 *
 * @param couplingIndex         mean cos(g_i, g_j) over similar-state pairs with A_i A_j &lt; 0 (NaN if none)
 * @param sameSignMean          mean cos(g_i, g_j) over similar-state pairs with A_i A_j &gt; 0 (NaN if none)
 * @param oppositePositiveShare share of the similar-state opposite-sign pairs whose cosine is positive
 * @param oppositePairs         number of similar-state opposite-sign pairs
 * @param sameSignPairs         number of similar-state same-sign pairs
 */
public record CouplingSummary(double couplingIndex, double sameSignMean, double oppositePositiveShare,
        int oppositePairs, int sameSignPairs) {
}
