package dev.untangle.coupling.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.coupling.GradientCoupling;
import dev.untangle.coupling.LearningDynamics;
import dev.untangle.coupling.Similarity;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ToyModelTest {

    private static ToyModel[] models(double rho) {
        CoupledBandit bandit = new CoupledBandit(3, rho, new SplittableRandom(1));
        ToyModel linear = new LinearModel(bandit, 0.7, new SplittableRandom(2));
        ToyModel mlp = new MlpModel(bandit, 8, 1.0, new SplittableRandom(3));
        // give the MLP heads weights of order one so every block of the gradient matters
        double[] t = mlp.parameters();
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < t.length; i++) {
            t[i] += 0.3 * Gaussian.next(rng);
        }
        mlp.setParameters(t);
        ToyModel shared = new SharedMlpModel(bandit, 8, 1.0, ToyInput.CONCAT, new SplittableRandom(5));
        ToyModel product = new SharedMlpModel(bandit, 8, 1.0, ToyInput.PRODUCT, new SplittableRandom(6));
        for (ToyModel m : new ToyModel[] {shared, product}) {
            double[] u = m.parameters();
            for (int i = 0; i < u.length; i++) {
                u[i] += 0.3 * Gaussian.next(rng);
            }
            m.setParameters(u);
        }
        return new ToyModel[] {linear, mlp, shared, product};
    }

    private static double[] finiteDifference(ToyModel m, ToDoubleFunction<ToyModel> f) {
        double[] theta = m.parameters();
        double[] g = new double[theta.length];
        double h = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            plus[i] += h;
            m.setParameters(plus);
            double fp = f.applyAsDouble(m);
            double[] minus = theta.clone();
            minus[i] -= h;
            m.setParameters(minus);
            double fm = f.applyAsDouble(m);
            g[i] = (fp - fm) / (2 * h);
        }
        m.setParameters(theta);
        return g;
    }

    @Test
    void perSampleGradientsMatchFiniteDifferences() {
        for (ToyModel m : models(0.8)) {
            for (int s = 0; s < 6; s++) {
                for (int a = 0; a < CoupledBandit.ACTIONS; a++) {
                    int state = s;
                    int action = a;
                    double[] exact = m.logProbabilityGradient(s, a);
                    double[] fd = finiteDifference(m, mm -> mm.logProbability(state, action));
                    double[] verdict = new double[m.parameterCount()];
                    m.addVerdictGradient(s, a, 1.0, verdict);
                    double[] fdVerdict = finiteDifference(m, mm -> mm.verdictLogit(state, action));
                    for (int i = 0; i < exact.length; i++) {
                        assertEquals(fd[i], exact[i], 1e-6, m.name() + " log pi s=" + s + " a=" + a + " i=" + i);
                        assertEquals(fdVerdict[i], verdict[i], 1e-6, m.name() + " verdict s=" + s + " i=" + i);
                    }
                }
            }
        }
    }

    @Test
    void mlpHeadsShareExactlyTheTrunk() {
        // layout W1 (H x d), E (ACTIONS x H), b1 (H), V (ACTIONS x H), u (H), c: policy touches W1, b1, V only;
        // verdict touches W1, E, b1, u, c only
        CoupledBandit bandit = new CoupledBandit(3, 0.9, new SplittableRandom(1));
        int h = 8;
        int d = bandit.dimension();
        MlpModel m = new MlpModel(bandit, h, 1.0, new SplittableRandom(3));
        int offE = h * d;
        int offB = offE + CoupledBandit.ACTIONS * h;
        int offV = offB + h;
        int offU = offV + CoupledBandit.ACTIONS * h;
        double[] policy = m.logProbabilityGradient(0, 1);
        double[] verdict = new double[m.parameterCount()];
        m.addVerdictGradient(0, 1, 1.0, verdict);
        double w1Policy = 0;
        double w1Verdict = 0;
        for (int i = 0; i < offE; i++) {
            w1Policy += Math.abs(policy[i]);
            w1Verdict += Math.abs(verdict[i]);
        }
        assertTrue(w1Policy > 0 && w1Verdict > 0);
        for (int i = offE; i < offB; i++) {
            assertEquals(0.0, policy[i], 0.0, "policy gradient on E");
        }
        for (int i = offV; i < offU; i++) {
            assertEquals(0.0, verdict[i], 0.0, "verdict gradient on V");
        }
        for (int i = offU; i < m.parameterCount(); i++) {
            assertEquals(0.0, policy[i], 0.0, "policy gradient on u, c");
        }
        assertEquals(1.0, verdict[m.parameterCount() - 1], 0.0);
    }

    @Test
    void productInputPlacesTheStateInTheActionsBlockWithoutBias() {
        // layout W1 (H x ACTIONS d), w (H), u (H), c: no bias, and inputs of different actions are orthogonal
        CoupledBandit bandit = new CoupledBandit(3, 0.0, new SplittableRandom(1));
        int h = 4;
        int d = bandit.dimension();
        SharedMlpModel m = new SharedMlpModel(bandit, h, 1.0, ToyInput.PRODUCT, new SplittableRandom(3));
        assertEquals(h * CoupledBandit.ACTIONS * d + 2 * h + 1, m.parameterCount());
        double[] phi = m.input(1, 1);
        double[] x = bandit.features(1);
        for (int j = 0; j < d; j++) {
            assertEquals(0.0, phi[j], 0.0);
            assertEquals(x[j], phi[d + j], 0.0);
        }
        // at rho = 0 every (state, action) input is orthogonal to every other: the policy gradients of two states
        // touch disjoint columns of W1
        double[] g0 = m.logProbabilityGradient(0, 0);
        double[] g2 = m.logProbabilityGradient(2, 0);
        for (int i = 0; i < h * CoupledBandit.ACTIONS * d; i++) {
            assertEquals(0.0, g0[i] * g2[i], 0.0, "W1 entry " + i);
        }
    }

    @Test
    void sharedModelReadsOneRepresentationForPolicyAndVerdict() {
        // layout W1 (H x (d + ACTIONS)), b1 (H), w (H), u (H), c: the policy touches W1, b1, w; the verdict W1, b1,
        // u, c; and both read h(s, a) = representation(s, a)
        CoupledBandit bandit = new CoupledBandit(3, 0.9, new SplittableRandom(1));
        int h = 8;
        int in = bandit.dimension() + CoupledBandit.ACTIONS;
        SharedMlpModel m = new SharedMlpModel(bandit, h, 1.0, ToyInput.CONCAT, new SplittableRandom(3));
        int offW = h * in + h;
        int offU = offW + h;
        double[] policy = m.logProbabilityGradient(0, 1);
        double[] verdict = new double[m.parameterCount()];
        m.addVerdictGradient(0, 1, 1.0, verdict);
        for (int i = offU; i < m.parameterCount(); i++) {
            assertEquals(0.0, policy[i], 0.0, "policy gradient on u, c");
        }
        for (int i = offW; i < offU; i++) {
            assertEquals(0.0, verdict[i], 0.0, "verdict gradient on w");
        }
        double[] rep = m.representation(2, 1);
        double[] theta = m.parameters();
        double z = theta[m.parameterCount() - 1];
        double l = 0;
        for (int i = 0; i < h; i++) {
            z += theta[offU + i] * rep[i];
            l += theta[offW + i] * rep[i];
        }
        assertEquals(z, m.verdictLogit(2, 1), 1e-12);
        assertEquals(l, m.logits(2)[1], 1e-12);
    }

    @Test
    void identicalSamplesHaveCosineOneAndOppositeAdvantagesFlipTheUpdateCosine() {
        for (ToyModel m : models(0.9)) {
            double[] g1 = m.logProbabilityGradient(2, 1);
            double[] g2 = m.logProbabilityGradient(2, 1);
            assertEquals(1.0, Similarity.cosine(g1, g2), 1e-12);
            assertEquals(-1.0, GradientCoupling.weightedCosine(g1, 1.0, g2, -1.0), 1e-12);
        }
    }

    @Test
    void linearTwinGradientsOfTheSameActionHaveCosineRho() {
        // for two actions, grad log pi(a|s) = pi(b|s) (e_a - e_b) (x) x_s, so the twin cosine is cos(x_s, x_twin)
        for (double rho : new double[] {0.0, 0.5, 0.9}) {
            ToyModel linear = models(rho)[0];
            double c = Similarity.cosine(linear.logProbabilityGradient(0, 1), linear.logProbabilityGradient(1, 1));
            assertEquals(rho, c, 1e-12);
        }
    }

    @Test
    void predictedChangeAgreesWithMeasuredChangeToFirstOrder() {
        for (ToyModel m : models(0.9)) {
            SplittableRandom rng = new SplittableRandom(9);
            double[] direction = new double[m.parameterCount()];
            for (int i = 0; i < direction.length; i++) {
                direction[i] = Gaussian.next(rng);
            }
            for (double eta : new double[] {1e-3, 1e-4}) {
                double[] delta = direction.clone();
                for (int i = 0; i < delta.length; i++) {
                    delta[i] *= eta;
                }
                double[] theta = m.parameters();
                for (int s = 0; s < 6; s++) {
                    double predicted = LearningDynamics.predictedChange(m.logProbabilityGradient(s, 0), delta);
                    double before = m.logProbability(s, 0);
                    m.addToParameters(delta);
                    double measured = m.logProbability(s, 0) - before;
                    m.setParameters(theta);
                    // the error is second order: O(eta^2 ||direction||^2)
                    assertEquals(predicted, measured, 50 * eta * eta * direction.length, m.name() + " s=" + s);
                }
            }
        }
    }
}
