package dev.untangle.coupling.toy;

import java.util.SplittableRandom;

/**
 * The toy MLP in which the policy and the verdict read the SAME (state, action) representation, as a
 * language model's log pi(a | s) and its verdict both flow through the hidden states after the action tokens
 * (docs/ALGORITHMS.md, "Toy models"):
 * <pre>
 * h(s, a) = relu(W1 [x_s; e_a] + b1)        e_a the one-hot action indicator, W1 is H x (d + ACTIONS)
 * l(s, a) = w . h(s, a)                      pi(a | s) = softmax_a l(s, a)
 * z(s, a) = u . h(s, a) + c                  P(good | s, a) = sigmoid(z)
 * </pre>
 * Shared by policy and verdict: W1, b1 (the whole representation). Policy only: w. Verdict only: u, c.
 * theta lays them out as W1 (row-major), b1, w, u, c. Init: W1 ~ N(0, initScale^2), w, u ~ N(0, (initScale/10)^2),
 * b1 = c = 0. The derivative of relu at exactly 0 is taken as 0.
 */
public final class SharedMlpModel extends ToyModel {

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
     * @param rng       initialisation randomness
     */
    public SharedMlpModel(CoupledBandit bandit, int hidden, double initScale, SplittableRandom rng) {
        super(bandit, hidden * (bandit.dimension() + CoupledBandit.ACTIONS) + 3 * hidden + 1);
        if (hidden < 1) {
            throw new IllegalArgumentException("toy hidden width must be >= 1 (got " + hidden + ")");
        }
        this.d = bandit.dimension();
        this.in = d + CoupledBandit.ACTIONS;
        this.h = hidden;
        this.offB = h * in;
        this.offW = offB + h;
        this.offU = offW + h;
        this.offC = offU + h;
        for (int i = 0; i < offB; i++) {
            theta[i] = initScale * Gaussian.next(rng);
        }
        for (int i = offW; i < offC; i++) {
            theta[i] = 0.1 * initScale * Gaussian.next(rng);
        }
    }

    @Override
    public String name() {
        return "shared";
    }

    /** h(s, a), read by both the policy and the verdict. */
    @Override
    public double[] representation(int state, int action) {
        double[] x = bandit.features(state);
        double[] out = new double[h];
        for (int i = 0; i < h; i++) {
            double pre = theta[i * in + d + action] + theta[offB + i];
            for (int j = 0; j < d; j++) {
                pre += theta[i * in + j] * x[j];
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
        double[] x = bandit.features(state);
        double[] rep = representation(state, action);
        for (int i = 0; i < h; i++) {
            out[offset + i] += scale * rep[i];
            double delta = rep[i] > 0 ? scale * theta[offset + i] : 0;
            if (delta == 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                out[i * in + j] += delta * x[j];
            }
            out[i * in + d + action] += delta;
            out[offB + i] += delta;
        }
    }
}
