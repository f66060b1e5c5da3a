package dev.untangle.coupling.toy;

import java.util.SplittableRandom;

/**
 * The small MLP toy model (docs/ALGORITHMS.md, "Toy models"). A shared trunk maps (s, a) to the
 * representation h(s, a) = relu(W1 x_s + E[a] + b1) in R^H (the action enters as a learned embedding, as an
 * action token does in a language model). Two heads read h, as the action tokens and the verdict tokens
 * read a language model's last hidden state:
 * <ul>
 *   <li>policy: l(s, a) = v . h(s, a), pi(a | s) = softmax_a l(s, a);</li>
 *   <li>verdict: z(s, a) = u . h(s, a) + c, P(good | s, a) = sigmoid(z).</li>
 * </ul>
 * Shared by both heads: W1 (H x d), E (ACTIONS x H), b1 (H). Policy only: v (H). Verdict only: u (H), c.
 * theta lays them out in that order: W1, E, b1, v, u, c. ReLU (rather than tanh) lets the trunk give twin
 * states disjoint active units, the toy's form of separated representations; its gradient at a kink
 * (pre-activation exactly 0) is taken as 0.
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
     * @param initScale standard deviation of the initial W1 (E gets half of it, v and u a tenth, b1 and c 0)
     * @param rng       initialisation randomness
     */
    public MlpModel(CoupledBandit bandit, int hidden, double initScale, SplittableRandom rng) {
        super(bandit, hidden * bandit.dimension() + CoupledBandit.ACTIONS * hidden + 3 * hidden + 1);
        if (hidden < 1) {
            throw new IllegalArgumentException("toy hidden width must be >= 1 (got " + hidden + ")");
        }
        this.d = bandit.dimension();
        this.h = hidden;
        this.offE = h * d;
        this.offB = offE + CoupledBandit.ACTIONS * h;
        this.offV = offB + h;
        this.offU = offV + h;
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

    @Override
    public double[] representation(int state, int action) {
        double[] x = bandit.features(state);
        double[] out = new double[h];
        for (int i = 0; i < h; i++) {
            double pre = theta[offE + action * h + i] + theta[offB + i];
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
            l[a] = head(representation(state, a), offV);
        }
        return l;
    }

    @Override
    public void addLogitGradient(int state, int action, double scale, double[] out) {
        addHeadGradient(state, action, offV, scale, out);
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

    /** out += scale * grad of (w . h(s, a)) with w = theta[offset .. offset + H). */
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
                out[i * d + j] += delta * x[j];
            }
            out[offE + action * h + i] += delta;
            out[offB + i] += delta;
        }
    }
}
