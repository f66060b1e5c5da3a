package dev.untangle.coupling.toy;

import java.util.SplittableRandom;

/**
 * The coupled bandit (docs/ALGORITHMS.md, "Coupled-bandit testbed"): {@code pairs} pairs of twin states
 * and {@link #ACTIONS} actions. Pair p owns three orthonormal directions c_p, u_{p,0}, u_{p,1}; its twin
 * states have features x_s = sqrt(rho) c_p + sqrt(1 - rho) u_{p,s mod 2}, so ||x_s|| = 1,
 * cos(x_s, x_twin) = rho, and states of different pairs are orthogonal. In each state one action is good
 * (reward 1) and the other bad (reward 0), and the good action of a state is the bad action of its twin.
 */
public final class CoupledBandit {

    /** Actions per state. */
    public static final int ACTIONS = 2;

    private final int pairs;
    private final double rho;
    private final double[][] features;
    private final int[] goodAction;

    /**
     * @param pairs number of twin pairs, at least 1
     * @param rho   feature cosine of twins, in [0, 1]
     * @param rng   decides which action is good in the even state of each pair
     */
    public CoupledBandit(int pairs, double rho, SplittableRandom rng) {
        if (pairs < 1) {
            throw new IllegalArgumentException("toy pairs must be >= 1 (got " + pairs + ")");
        }
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("toy rho must be in [0, 1] (got " + rho + ")");
        }
        this.pairs = pairs;
        this.rho = rho;
        int n = 2 * pairs;
        int d = 3 * pairs;
        features = new double[n][d];
        goodAction = new int[n];
        double shared = Math.sqrt(rho);
        double own = Math.sqrt(1 - rho);
        for (int p = 0; p < pairs; p++) {
            int first = rng.nextInt(ACTIONS);
            for (int k = 0; k < 2; k++) {
                int s = 2 * p + k;
                features[s][3 * p] = shared;
                features[s][3 * p + 1 + k] = own;
                goodAction[s] = k == 0 ? first : 1 - first;
            }
        }
    }

    /** Number of states, 2 x pairs. */
    public int states() {
        return features.length;
    }

    /** Number of twin pairs. */
    public int pairs() {
        return pairs;
    }

    /** The twin similarity rho. */
    public double rho() {
        return rho;
    }

    /** Feature dimension, 3 x pairs. */
    public int dimension() {
        return features[0].length;
    }

    /** x_s (a copy). */
    public double[] features(int state) {
        return features[state].clone();
    }

    /** The twin of a state: the other state of its pair. */
    public int twin(int state) {
        return state ^ 1;
    }

    /** The good action of a state; the other action is bad. */
    public int goodAction(int state) {
        return goodAction[state];
    }

    /** The bad action of a state. */
    public int badAction(int state) {
        return 1 - goodAction[state];
    }

    /** r(s, a): 1 for the good action, 0 for the bad one. */
    public double reward(int state, int action) {
        return action == goodAction[state] ? 1.0 : 0.0;
    }
}
