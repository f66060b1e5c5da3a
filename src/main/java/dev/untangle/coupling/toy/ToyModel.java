package dev.untangle.coupling.toy;

/**
 * A softmax policy over the coupled bandit's actions with a verdict head, on one flat parameter vector
 * theta (docs/ALGORITHMS.md, "Toy models"). The policy is pi(a | s) = softmax_a l(s, a); the verdict is
 * P(good | s, a) = sigmoid(z(s, a)). Subclasses give the logits, the verdict logit, their exact gradients
 * and the (state, action) representation; this class derives log pi and its gradient.
 */
public abstract class ToyModel {

    /** theta, updated in place by the trainer. */
    protected final double[] theta;
    /** The bandit whose states the model scores. */
    protected final CoupledBandit bandit;

    /**
     * @param bandit     the states and their features
     * @param parameters number of entries of theta
     */
    protected ToyModel(CoupledBandit bandit, int parameters) {
        this.bandit = bandit;
        this.theta = new double[parameters];
    }

    /** A short name for reports ({@code linear}, {@code mlp}). */
    public abstract String name();

    /** l(s, a) for every action. */
    public abstract double[] logits(int state);

    /** out += scale * grad_theta l(s, a). */
    public abstract void addLogitGradient(int state, int action, double scale, double[] out);

    /** z(s, a), the verdict logit: P(good | s, a) = sigmoid(z). */
    public abstract double verdictLogit(int state, int action);

    /** out += scale * grad_theta z(s, a). */
    public abstract void addVerdictGradient(int state, int action, double scale, double[] out);

    /** The model's representation of (s, a): the vector the policy and verdict heads read. */
    public abstract double[] representation(int state, int action);

    /** The bandit whose states this model scores. */
    public final CoupledBandit bandit() {
        return bandit;
    }

    /** The number of parameters. */
    public final int parameterCount() {
        return theta.length;
    }

    /** A copy of theta. */
    public final double[] parameters() {
        return theta.clone();
    }

    /** Replaces theta by {@code values}. */
    public final void setParameters(double[] values) {
        if (values.length != theta.length) {
            throw new IllegalArgumentException("expected " + theta.length + " parameters, got " + values.length);
        }
        System.arraycopy(values, 0, theta, 0, theta.length);
    }

    /** theta += delta. */
    public final void addToParameters(double[] delta) {
        for (int i = 0; i < theta.length; i++) {
            theta[i] += delta[i];
        }
    }

    /** pi(. | s). */
    public final double[] probabilities(int state) {
        double[] l = logits(state);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : l) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[l.length];
        for (int a = 0; a < l.length; a++) {
            p[a] = Math.exp(l[a] - max);
            sum += p[a];
        }
        for (int a = 0; a < l.length; a++) {
            p[a] /= sum;
        }
        return p;
    }

    /** log pi(a | s), computed stably. */
    public final double logProbability(int state, int action) {
        double[] l = logits(state);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : l) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : l) {
            sum += Math.exp(v - max);
        }
        return l[action] - max - Math.log(sum);
    }

    /** out += scale * grad_theta log pi(a | s) = scale * (grad l(s, a) - sum_b pi(b | s) grad l(s, b)). */
    public final void addLogProbabilityGradient(int state, int action, double scale, double[] out) {
        double[] p = probabilities(state);
        for (int b = 0; b < p.length; b++) {
            double coef = (b == action ? 1.0 : 0.0) - p[b];
            if (coef != 0) {
                addLogitGradient(state, b, scale * coef, out);
            }
        }
    }

    /** grad_theta log pi(a | s) as a new vector. */
    public final double[] logProbabilityGradient(int state, int action) {
        double[] g = new double[theta.length];
        addLogProbabilityGradient(state, action, 1.0, g);
        return g;
    }
}
