package dev.untangle.coupling;

/**
 * Predicted versus measured change of log pi on a probe set after one update (docs/ALGORITHMS.md,
 * "Learning dynamics"). Probes with zero advantage are not counted in the rates.
 *
 * @param probes              probes with a non-zero advantage sign
 * @param correlation         Pearson correlation of predicted and measured changes over all probes
 * @param harmfulRate         share of signed probes that moved the wrong way (measured)
 * @param harmfulRatePredicted the same share from the first-order prediction
 * @param negativeUpRate      share of negative-advantage probes whose log pi went up (measured)
 * @param positiveDownRate    share of positive-advantage probes whose log pi went down (measured)
 * @param signAgreement       share of all probes where predicted and measured changes have the same sign
 * @param harmfulMass         sum of the wrong-way measured changes |Delta_k| over the sum of all |Delta_k| of signed
 *                            probes: the share of the movement that went the wrong way (NaN if nothing moved)
 * @param movedMass           sum of |Delta_k| over signed probes (to pool harmfulMass over updates)
 */
public record DynamicsSummary(int probes, double correlation, double harmfulRate, double harmfulRatePredicted,
        double negativeUpRate, double positiveDownRate, double signAgreement, double harmfulMass,
        double movedMass) {
}
