package dev.untangle.coupling.toy;

import java.util.SplittableRandom;

/**
 * The toy MLP in which the policy and the verdict read the SAME (state, action) representation, as a
 * language model's log pi(a | s) and its verdict both flow through the hidden states after the action tokens
 * (docs/ALGORITHMS.md, "Toy models"):
 * <pre>
 * product input (default):  h(s, a) = relu(W1 (e_a (x) x_s))       W1 is H x (ACTIONS d), no bias
 * concat input:             h(s, a) = relu(W1 [x_s; e_a] + b1)     W1 is H x (d + ACTIONS)
 * l(s, a) = w . h(s, a)                      pi(a | s) = softmax_a l(s, a)
 * z(s, a) = u . h(s, a) + c                  P(good | s, a) = sigmoid(z)
 * </pre>
 * Shared by policy and verdict: W1 (and b1), the whole representation. Policy only: w. Verdict only: u, c.
 * theta lays them out as W1 (row-major), b1 (concat input only), w, u, c. Init: W1 ~ N(0, initScale^2),
 * w, u ~ N(0, (initScale/10)^2), b1 = c = 0. The derivative of relu at exactly 0 is taken as 0.
 */
public final class SharedMlpModel extends ToyModel {

    private final ToyInput input;
    private final int d;
    private final int in;
    private final int h;
    private final int offB;
    private final int offW;
    private final int offU;
    private final int offC;

    /**
     * @param bandit    the states
     * @param hidden    H, the width of the representation
     * @param initScale standard deviation of the initial W1 (w and u get a tenth of it, b1 and c 0)
     * @param input     how (s, a) is encoded
     * @param rng       initialisation randomness
     */
    public SharedMlpModel(CoupledBandit bandit, int hidden, double initScale, ToyInput input, SplittableRandom rng) {
        super(bandit, hidden * inputWidth(bandit, input) + (input == ToyInput.CONCAT ? 3 : 2) * hidden + 1);
        if (hidden < 1) {
            throw new IllegalArgumentException("toy hidden width must be >= 1 (got " + hidden + ")");
        }
        this.input = input;
        this.d = bandit.dimension();
        this.in = inputWidth(bandit, input);
        this.h = hidden;
        this.offB = h * in;
        this.offW = offB + (input == ToyInput.CONCAT ? h : 0);
        this.offU = offW + h;
        this.offC = offU + h;
        for (int i = 0; i < offB; i++) {
            theta[i] = initScale * Gaussian.next(rng);
        }
        for (int i = offW; i < offC; i++) {
            theta[i] = 0.1 * initScale * Gaussian.next(rng);
        }
    }

    private static int inputWidth(CoupledBandit bandit, ToyInput input) {
        return input == ToyInput.PRODUCT ? CoupledBandit.ACTIONS * bandit.dimension()
                : bandit.dimension() + CoupledBandit.ACTIONS;
    }

    @Override
    public String name() {
        return "shared";
    }

    /** phi(s, a), the input vector (see {@link ToyInput}); the concat bias is not part of it. */
    double[] input(int state, int action) {
        double[] x = bandit.features(state);
        double[] phi = new double[in];
        if (input == ToyInput.PRODUCT) {
            System.arraycopy(x, 0, phi, action * d, d);
        } else {
            System.arraycopy(x, 0, phi, 0, d);
            phi[d + action] = 1;
        }
        return phi;
    }

    /** h(s, a), read by both the policy and the verdict. */
    @Override
    public double[] representation(int state, int action) {
        double[] phi = input(state, action);
        double[] out = new double[h];
        for (int i = 0; i < h; i++) {
            double pre = input == ToyInput.CONCAT ? theta[offB + i] : 0;
            for (int j = 0; j < in; j++) {
                pre += theta[i * in + j] * phi[j];
            }
            out[i] = Math.max(0, pre);
        }
        return out;
    }

    @Override
    public double[] logits(int state) {
        double[] l = new double[CoupledBandit.ACTIONS];
        for (int a = 0; a < l.length; a++) {
            l[a] = head(representation(state, a), offW);
        }
        return l;
    }

    @Override
    public void addLogitGradient(int state, int action, double scale, double[] out) {
        addHeadGradient(state, action, offW, scale, out);
    }

    @Override
    public double verdictLogit(int state, int action) {
        return head(representation(state, action), offU) + theta[offC];
    }

    @Override
    public void addVerdictGradient(int state, int action, double scale, double[] out) {
        addHeadGradient(state, action, offU, scale, out);
        out[offC] += scale;
    }

    private double head(double[] rep, int offset) {
        double s = 0;
        for (int i = 0; i < h; i++) {
            s += theta[offset + i] * rep[i];
        }
        return s;
    }

    /** out += scale * grad of (v . h(s, a)) with v = theta[offset .. offset + H). */
    private void addHeadGradient(int state, int action, int offset, double scale, double[] out) {
        double[] phi = input(state, action);
        double[] rep = representation(state, action);
        for (int i = 0; i < h; i++) {
            out[offset + i] += scale * rep[i];
            double delta = rep[i] > 0 ? scale * theta[offset + i] : 0;
            if (delta == 0) {
                continue;
            }
            for (int j = 0; j < in; j++) {
                out[i * in + j] += delta * phi[j];
            }
            if (input == ToyInput.CONCAT) {
                out[offB + i] += delta;
            }
        }
    }
}
