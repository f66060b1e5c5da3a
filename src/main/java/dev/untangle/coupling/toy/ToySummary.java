package dev.untangle.coupling.toy;

/**
 * Run-level numbers of a toy run (docs/ALGORITHMS.md, "Toy metrics"). The harm and dynamics figures are pooled
 * over the updates that changed theta: an update in which every group had uniform rewards moves nothing.
 *
 * @param harm                     the headline: harmful change induced per unit of intended change, pooled over
 *                                 moving updates: sum of max(0, -delta log pi(a*_s' | s')) over every state s' and
 *                                 update, divided by the sum of |delta log pi(a | s)| over the trained (s, a)
 * @param harmfulRate              mean over moving updates of harmed probes / signed probes (measured; the
 *                                 sign-count rate, secondary)
 * @param harmfulRatePredicted     the same from the first-order predictions
 * @param harmfulMass              wrong-way |change of log pi| / all |change|, pooled over moving updates
 * @param harmfulRateTrained       harmed / signed probes pooled over updates, probes of states whose group had signal
 * @param harmfulRateUntrained     the same for the other probes
 * @param harmfulRatePolicyGradient harmful rate of the policy-gradient part of each update alone, pooled
 * @param couplingIndex            mean of the per-update coupling indices (NaN-skipping)
 * @param finalBadProbability      mean pi(bad | s) after the last update
 * @param initialBadProbability    mean pi(bad | s) before the first update
 * @param meanDynamicsCorrelation  mean per-update correlation of predicted and measured changes
 * @param finalVerdictAccuracy     verdict accuracy after the last update
 * @param finalTwinRepresentationCosine twin representation cosine after the last update
 * @param emptyUpdateShare         share of updates that did not change theta (no group carried signal)
 */
public record ToySummary(double harm, double harmfulRate, double harmfulRatePredicted, double harmfulMass,
        double harmfulRateTrained, double harmfulRateUntrained, double harmfulRatePolicyGradient,
        double couplingIndex,
        double finalBadProbability, double initialBadProbability, double meanDynamicsCorrelation,
        double finalVerdictAccuracy, double finalTwinRepresentationCosine, double emptyUpdateShare) {
}
