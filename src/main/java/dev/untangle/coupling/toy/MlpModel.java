package dev.untangle.coupling.toy;

import java.util.SplittableRandom;

/**
 * The small MLP toy model (docs/ALGORITHMS.md, "Toy models"), shaped like a language model with a verdict
 * query. One trunk T(x, e) = relu(W1 x + e + b1) in R^H is read twice:
 * <ul>
 *   <li>policy: the state representation h(s) = T(x_s, 0) (the hidden state before the action token) and
 *       l(s, a) = V[a] . h(s) (V[a] plays the action token's output embedding), pi(a | s) = softmax_a l(s, a);</li>
 *   <li>verdict: the (state, action) representation g(s, a) = T(x_s, E[a]) (the hidden state after the action
 *       token, E[a] its input embedding) and z(s, a) = u . g(s, a) + c, P(good | s, a) = sigmoid(z).</li>
 * </ul>
 * Shared by both: W1 (H x d) and b1 (H). Policy only: V (ACTIONS x H). Verdict only: E (ACTIONS x H), u (H), c.
 * So GCD reaches the policy only through the shared trunk, as in the language model. theta lays them out as
 * W1, E, b1, V, u, c. The derivative of relu at exactly 0 is taken as 0.
 */
public final class MlpModel extends ToyModel {

    private final int d;
    private final int h;
    private final int offE;
    private final int offB;
    private final int offV;
    private final int offU;
    private final int offC;

    /**
     * @param bandit    the states
     * @param hidden    H, the width of the representation
     * @param initScale standard deviation of the initial W1 (E gets half of it, V and u a tenth, b1 and c 0)
     * @param rng       initialisation randomness
     */
    public MlpModel(CoupledBandit bandit, int hidden, double initScale, SplittableRandom rng) {
        super(bandit, hidden * bandit.dimension() + 2 * CoupledBandit.ACTIONS * hidden + 2 * hidden + 1);
        if (hidden < 1) {
            throw new IllegalArgumentException("toy hidden width must be >= 1 (got " + hidden + ")");
        }
        this.d = bandit.dimension();
        this.h = hidden;
        this.offE = h * d;
        this.offB = offE + CoupledBandit.ACTIONS * h;
        this.offV = offB + h;
        this.offU = offV + CoupledBandit.ACTIONS * h;
        this.offC = offU + h;
        for (int i = 0; i < offE; i++) {
            theta[i] = initScale * Gaussian.next(rng);
        }
        for (int i = offE; i < offB; i++) {
            theta[i] = 0.5 * initScale * Gaussian.next(rng);
        }
        for (int i = offV; i < offC; i++) {
            theta[i] = 0.1 * initScale * Gaussian.next(rng);
        }
    }

    @Override
    public String name() {
        return "mlp";
    }

    /** g(s, a), the (state, action) representation that the verdict reads. */
    @Override
    public double[] representation(int state, int action) {
        return rep(state, action, true);
    }

    /** h(s), the state representation that the policy reads. */
    public double[] stateRepresentation(int state) {
        return rep(state, 0, false);
    }

    private double[] rep(int state, int action, boolean withAction) {
        double[] x = bandit.features(state);
        double[] out = new double[h];
        for (int i = 0; i < h; i++) {
            double pre = (withAction ? theta[offE + action * h + i] : 0) + theta[offB + i];
            for (int j = 0; j < d; j++) {
                pre += theta[i * d + j] * x[j];
            }
            out[i] = Math.max(0, pre);
        }
        return out;
    }

    @Override
    public double[] logits(int state) {
        double[] l = new double[CoupledBandit.ACTIONS];
        for (int a = 0; a < l.length; a++) {
            l[a] = head(rep(state, a, false), offV + a * h);
        }
        return l;
    }

    @Override
    public void addLogitGradient(int state, int action, double scale, double[] out) {
        addHeadGradient(state, action, offV + action * h, scale, out, false);
    }

    @Override
    public double verdictLogit(int state, int action) {
        return head(rep(state, action, true), offU) + theta[offC];
    }

    @Override
    public void addVerdictGradient(int state, int action, double scale, double[] out) {
        addHeadGradient(state, action, offU, scale, out, true);
        out[offC] += scale;
    }

    private double head(double[] rep, int offset) {
        double s = 0;
        for (int i = 0; i < h; i++) {
            s += theta[offset + i] * rep[i];
        }
        return s;
    }

    /** out += scale * grad of (w . h(s, a)) with w = theta[offset .. offset + H). */
    private void addHeadGradient(int state, int action, int offset, double scale, double[] out, boolean withAction) {
        double[] x = bandit.features(state);
        double[] rep = rep(state, action, withAction);
        for (int i = 0; i < h; i++) {
            out[offset + i] += scale * rep[i];
            double delta = rep[i] > 0 ? scale * theta[offset + i] : 0;
            if (delta == 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] += delta * x[j];
            }
            if (withAction) {
                out[offE + action * h + i] += delta;
            }
            out[offB + i] += delta;
        }
    }
}
