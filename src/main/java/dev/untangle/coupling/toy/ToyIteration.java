package dev.untangle.coupling.toy;

/**
 * What one toy update did (docs/ALGORITHMS.md, "Toy metrics"). Values measured before the update unless
 * stated; NaN when undefined (for example no opposite-sign twin pair in the batch).
 *
 * @param iteration                 0-based update index
 * @param badProbability            mean over states of pi(bad | s)
 * @param couplingIndex             mean cos(g_i, g_j) over twin-state batch pairs with opposite-sign advantages
 * @param sameSignCosine            mean cos(g_i, g_j) over twin-state batch pairs with same-sign advantages
 * @param harmfulRate               share of probes moved the wrong way by the update (measured)
 * @param harmfulRatePredicted      the same share from the first-order prediction
 * @param harmfulMass               share of the probes' total |change of log pi| that went the wrong way
 * @param harmfulRateTrained        harmful rate over probes of states whose own group carried signal (some A != 0)
 * @param harmfulRateUntrained      harmful rate over the other probes (moved only through shared parameters)
 * @param harmfulRatePolicyGradient harmful rate of the policy-gradient part of the update alone (-eta grad L_pg,
 *                                  applied to a copy); equals harmfulRate for GRPO
 * @param negativeUpRate            share of bad-action probes whose log pi went up
 * @param positiveDownRate          share of good-action probes whose log pi went down
 * @param dynamicsCorrelation       correlation of predicted and measured probe changes
 * @param verdictLoss               mean verdict cross-entropy on the labelled batch samples (always measured)
 * @param verdictAccuracy           share of all (s, a) whose verdict sigmoid(z) &gt; 1/2 matches good/bad
 * @param twinRepresentationCosine  mean cos(h(s, a), h(twin, a)) with a the good action of s (bad in the twin)
 * @param stateRepresentationCosine mean cos(h(s, good), h(s, bad)) within a state
 * @param updateNorm                ||delta theta||
 * @param harm                      the magnitude-based harm of the update (NaN when nothing was trained):
 *                                  sum over states s' of max(0, -delta log pi(a*_s' | s')) divided by the sum over
 *                                  the trained (s, a) of |delta log pi(a | s)| (docs/ALGORITHMS.md "Toy metrics")
 */
public record ToyIteration(int iteration, double badProbability, double couplingIndex, double sameSignCosine,
        double harmfulRate, double harmfulRatePredicted, double harmfulMass, double harmfulRateTrained,
        double harmfulRateUntrained, double harmfulRatePolicyGradient, double negativeUpRate, double positiveDownRate,
        double dynamicsCorrelation, double verdictLoss, double verdictAccuracy, double twinRepresentationCosine,
        double stateRepresentationCosine, double updateNorm, double harm) {
}
