package dev.untangle.coupling;

import java.util.List;

/**
 * Cross-validated accuracy of a {@link LinearProbe}.
 *
 * @param accuracy         mean held-out accuracy over the folds
 * @param foldAccuracies   held-out accuracy of each fold
 * @param majorityBaseline accuracy of always answering the larger class
 * @param samples          number of labelled embeddings
 * @param dimension        embedding dimension
 */
public record ProbeResult(double accuracy, List<Double> foldAccuracies, double majorityBaseline, int samples,
        int dimension) {

    /** Copies the fold list. */
    public ProbeResult {
        foldAccuracies = List.copyOf(foldAccuracies);
    }
}
