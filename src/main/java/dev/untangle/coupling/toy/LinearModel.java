package dev.untangle.coupling.toy;

import java.util.SplittableRandom;

/**
 * The linear toy model: l(s, a) = W[a] . x_s with theta = W (ACTIONS x d, row-major), initialised from
 * N(0, initScale^2). Its representation of (s, a) is the fixed feature phi(s, a) = x_s (x) e_a, so that
 * l(s, a) = theta . phi(s, a). The verdict is tied to the policy: z(s, a) = l(s, a) - mean_b l(s, b), the
 * policy's own centred logit, so GCD's classification loss updates exactly the policy's parameters. Having
 * no learned representation, this model is the control in which GCD cannot separate representations.
 */
public final class LinearModel extends ToyModel {

    private final int d;

    /**
     * @param bandit    the states
     * @param initScale standard deviation of the initial weights
     * @param rng       initialisation randomness
     */
    public LinearModel(CoupledBandit bandit, double initScale, SplittableRandom rng) {
        super(bandit, CoupledBandit.ACTIONS * bandit.dimension());
        this.d = bandit.dimension();
        for (int i = 0; i < theta.length; i++) {
            theta[i] = initScale * Gaussian.next(rng);
        }
    }

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public double[] logits(int state) {
        double[] x = bandit.features(state);
        double[] l = new double[CoupledBandit.ACTIONS];
        for (int a = 0; a < l.length; a++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += theta[a * d + j] * x[j];
            }
            l[a] = s;
        }
        return l;
    }

    @Override
    public void addLogitGradient(int state, int action, double scale, double[] out) {
        double[] x = bandit.features(state);
        for (int j = 0; j < d; j++) {
            out[action * d + j] += scale * x[j];
        }
    }

    @Override
    public double verdictLogit(int state, int action) {
        double[] l = logits(state);
        double mean = 0;
        for (double v : l) {
            mean += v / l.length;
        }
        return l[action] - mean;
    }

    @Override
    public void addVerdictGradient(int state, int action, double scale, double[] out) {
        int k = CoupledBandit.ACTIONS;
        for (int b = 0; b < k; b++) {
            addLogitGradient(state, b, scale * ((b == action ? 1.0 : 0.0) - 1.0 / k), out);
        }
    }

    @Override
    public double[] representation(int state, int action) {
        double[] phi = new double[theta.length];
        addLogitGradient(state, action, 1.0, phi);
        return phi;
    }
}
