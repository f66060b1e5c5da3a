package dev.untangle.coupling;

/**
 * How far apart the last-layer (state, action) representations of good and bad actions are
 * (docs/ALGORITHMS.md, "Representation separation").
 *
 * @param goodBadCosine    mean cos(h_i, h_j) over pairs with A_i &gt; 0 &gt; A_j whose states are the same or
 *                         similar (NaN when there is none)
 * @param goodBadPairs     number of such pairs
 * @param probeAccuracy    cross-validated accuracy of a linear probe telling A &gt; 0 from A &lt; 0 (NaN when a
 *                         class has fewer samples than folds)
 * @param probeBaseline    accuracy of always answering the larger class (NaN as above)
 * @param labelled         samples with A != 0
 */
public record SeparationSummary(double goodBadCosine, int goodBadPairs, double probeAccuracy, double probeBaseline,
                                int labelled) {
}
