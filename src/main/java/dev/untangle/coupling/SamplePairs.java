package dev.untangle.coupling;

/**
 * Which pairs of samples count as "similar states" for the coupling index. Real runs threshold a state
 * similarity matrix ({@link #threshold}); the coupled-bandit toy declares its twin states similar.
 */
@FunctionalInterface
public interface SamplePairs {

    /**
     * Whether samples {@code i} and {@code j} (i != j) come from similar but distinct states.
     *
     * @param i index of the first sample
     * @param j index of the second sample
     * @return true when the pair enters the similar-state summaries
     */
    boolean similar(int i, int j);

    /**
     * Pairs whose state similarity is at least {@code tau} and whose states differ.
     *
     * @param stateSimilarity S[i][j], the similarity of the states of samples i and j
     * @param stateIds        the state id of each sample; pairs of the same state are excluded
     * @param tau             the similarity threshold
     */
    static SamplePairs threshold(double[][] stateSimilarity, int[] stateIds, double tau) {
        return (i, j) -> stateIds[i] != stateIds[j] && stateSimilarity[i][j] >= tau;
    }
}
