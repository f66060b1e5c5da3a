package dev.untangle.coupling.toy;

import dev.untangle.coupling.CouplingSummary;
import dev.untangle.coupling.DynamicsSummary;
import dev.untangle.coupling.GradientCoupling;
import dev.untangle.coupling.LearningDynamics;
import dev.untangle.coupling.Similarity;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a toy model on the coupled bandit with GRPO or GCD and measures coupling at every update
 * (docs/ALGORITHMS.md, "Toy objectives" and "Toy metrics"). Each update reads top to bottom: measure the
 * probes, draw states, sample groups, compute advantages, per-sample gradients and the coupling index, the
 * loss gradient, take the step, measure the probes again. Everything is deterministic given the seed.
 */
public final class ToyTrainer {

    private final ToyConfig config;

    /** @param config the run's settings */
    public ToyTrainer(ToyConfig config) {
        this.config = config;
    }

    /** Builds the bandit and model of this configuration (initialisation from the seed). */
    public static ToyModel newModel(ToyConfig config) {
        SplittableRandom root = new SplittableRandom(config.seed());
        CoupledBandit bandit = new CoupledBandit(config.pairs(), config.rho(), root.split());
        SplittableRandom init = root.split();
        return switch (config.model()) {
            case LINEAR -> new LinearModel(bandit, config.initScale(), init);
            case MLP -> new MlpModel(bandit, config.hidden(), config.initScale(), init);
            case SHARED -> new SharedMlpModel(bandit, config.hidden(), config.initScale(), config.input(), init);
        };
    }

    /** Runs every update and returns the series and summary. */
    public ToyResult run() {
        // seed -> bandit and model -> sampling stream (fixed order, so a seed replays exactly)
        SplittableRandom root = new SplittableRandom(config.seed());
        root.split();
        root.split();
        SplittableRandom sampling = root.split();
        ToyModel model = newModel(config);
        CoupledBandit bandit = model.bandit();
        int n = bandit.states();
        int m = config.statesPerBatch();
        int g = config.groupSize();

        double initialBad = badProbability(model);
        List<ToyIteration> series = new ArrayList<>();
        double harmedSum = 0;
        double harmedPredictedSum = 0;
        double wrongMass = 0;
        double harmSum = 0;                     // sum of max(0, -delta log pi(good | s')) over states and updates
        double intendedSum = 0;                 // sum of |delta log pi(a | s)| over trained pairs and updates
        double pgHarmSum = 0;
        double harmedTrained = 0;
        double harmedUntrained = 0;
        int signedTrained = 0;
        int signedUntrained = 0;
        double movedMass = 0;
        double couplingSum = 0;
        int couplingCount = 0;
        double correlationSum = 0;
        int correlationCount = 0;
        int moved = 0;
        for (int it = 0; it < config.iterations(); it++) {
            // probes: every (s, a) with the sign of its true advantage; log pi and its gradient before the step
            int probes = n * CoupledBandit.ACTIONS;
            double[] probeAdvantage = new double[probes];
            double[] before = new double[probes];
            double[][] probeGrad = new double[probes][];
            for (int s = 0; s < n; s++) {
                for (int a = 0; a < CoupledBandit.ACTIONS; a++) {
                    int k = s * CoupledBandit.ACTIONS + a;
                    probeAdvantage[k] = a == bandit.goodAction(s) ? 1 : -1;
                    before[k] = model.logProbability(s, a);
                    probeGrad[k] = model.logProbabilityGradient(s, a);
                }
            }
            double badBefore = badProbability(model);
            double verdictAccuracy = verdictAccuracy(model);
            double[] repCos = representationCosines(model);

            // batch: m distinct states, G sampled actions each, group-relative advantages
            int[] states = drawStates(n, m, sampling);
            int samples = m * g;
            int[] sState = new int[samples];
            int[] sAction = new int[samples];
            double[] adv = new double[samples];
            for (int b = 0; b < m; b++) {
                double[] p = model.probabilities(states[b]);
                double[] rewards = new double[g];
                for (int i = 0; i < g; i++) {
                    int a = sampleAction(p, sampling);
                    sState[b * g + i] = states[b];
                    sAction[b * g + i] = a;
                    rewards[i] = bandit.reward(states[b], a);
                }
                double[] groupAdv = config.normalization().apply(rewards);
                System.arraycopy(groupAdv, 0, adv, b * g, g);
            }

            // per-sample gradients g_i = grad log pi(a_i | s_i) and the coupling index over twin pairs
            double[][] sampleGrad = new double[samples][];
            for (int i = 0; i < samples; i++) {
                sampleGrad[i] = model.logProbabilityGradient(sState[i], sAction[i]);
            }
            CouplingSummary coupling = GradientCoupling.summarize(sampleGrad, adv,
                    (i, j) -> sState[i] == bandit.twin(sState[j]));

            // loss gradient: L_pg = -(1/(mG)) sum_i A_i log pi(a_i|s_i); L_gcd = mean_labelled CE(sigmoid(z_i), y_i)
            double[] lossGrad = new double[model.parameterCount()];
            for (int i = 0; i < samples; i++) {
                double pgCoef = -adv[i] / samples;
                for (int j = 0; j < lossGrad.length; j++) {
                    lossGrad[j] += pgCoef * sampleGrad[i][j];
                }
            }
            double[] pgGrad = lossGrad.clone();
            int labelled = 0;
            for (double a : adv) {
                labelled += a != 0 ? 1 : 0;
            }
            double verdictLoss = Double.NaN;
            if (labelled > 0) {
                verdictLoss = 0;
                for (int i = 0; i < samples; i++) {
                    if (adv[i] == 0) {
                        continue;
                    }
                    double y = adv[i] > 0 ? 1 : 0;
                    double z = model.verdictLogit(sState[i], sAction[i]);
                    verdictLoss += crossEntropy(z, y) / labelled;
                    if (config.method() == ToyMethod.GCD) {
                        double coef = config.gcdWeight() * (sigmoid(z) - y) / labelled;
                        model.addVerdictGradient(sState[i], sAction[i], coef, lossGrad);
                    }
                }
            }

            // step: delta theta = -eta grad L; first-order prediction <g_k, delta theta> vs measured change
            double[] delta = new double[lossGrad.length];
            for (int j = 0; j < delta.length; j++) {
                delta[j] = -config.learningRate() * lossGrad[j];
            }
            double[] predicted = new double[probes];
            for (int k = 0; k < probes; k++) {
                predicted[k] = LearningDynamics.predictedChange(probeGrad[k], delta);
            }
            // the policy-gradient part alone, from the same parameters: isolates the coupling of the representation
            double[] theta = model.parameters();
            double[] pgDelta = new double[pgGrad.length];
            for (int j = 0; j < pgDelta.length; j++) {
                pgDelta[j] = -config.learningRate() * pgGrad[j];
            }
            model.addToParameters(pgDelta);
            double[] pgMeasured = new double[probes];
            for (int k = 0; k < probes; k++) {
                pgMeasured[k] = model.logProbability(k / CoupledBandit.ACTIONS, k % CoupledBandit.ACTIONS) - before[k];
            }
            model.setParameters(theta);
            double pgHarm = LearningDynamics.summarize(pgMeasured, pgMeasured, probeAdvantage).harmfulRate();
            model.addToParameters(delta);
            double[] measured = new double[probes];
            for (int k = 0; k < probes; k++) {
                measured[k] = model.logProbability(k / CoupledBandit.ACTIONS, k % CoupledBandit.ACTIONS) - before[k];
            }
            DynamicsSummary dyn = LearningDynamics.summarize(predicted, measured, probeAdvantage);
            // split the probes: states whose own group carried signal this update, and the rest
            boolean[] trained = new boolean[n];
            for (int i = 0; i < samples; i++) {
                trained[sState[i]] |= adv[i] != 0;
            }
            double[] trainedAdv = new double[probes];
            double[] untrainedAdv = new double[probes];
            for (int k = 0; k < probes; k++) {
                (trained[k / CoupledBandit.ACTIONS] ? trainedAdv : untrainedAdv)[k] = probeAdvantage[k];
            }
            DynamicsSummary dynTrained = LearningDynamics.summarize(predicted, measured, trainedAdv);
            DynamicsSummary dynUntrained = LearningDynamics.summarize(predicted, measured, untrainedAdv);

            // magnitude-based harm: the good action's loss in every state per unit of change on the trained pairs
            double harmed = 0;
            for (int s = 0; s < n; s++) {
                harmed += Math.max(0, -measured[s * CoupledBandit.ACTIONS + model.bandit().goodAction(s)]);
            }
            double intended = 0;
            boolean[] counted = new boolean[probes];
            for (int i = 0; i < samples; i++) {
                int k = sState[i] * CoupledBandit.ACTIONS + sAction[i];
                if (adv[i] != 0 && !counted[k]) {
                    counted[k] = true;
                    intended += Math.abs(measured[k]);
                }
            }
            double updateNorm = Similarity.norm(delta);
            series.add(new ToyIteration(it, badBefore, coupling.couplingIndex(), coupling.sameSignMean(),
                    dyn.harmfulRate(), dyn.harmfulRatePredicted(), dyn.harmfulMass(),
                    dynTrained.harmfulRate(), dynUntrained.harmfulRate(), pgHarm, dyn.negativeUpRate(), dyn.positiveDownRate(),
                    dyn.correlation(), verdictLoss, verdictAccuracy, repCos[0], repCos[1], updateNorm,
                    intended > 0 ? harmed / intended : Double.NaN));
            if (!Double.isNaN(coupling.couplingIndex())) {
                couplingSum += coupling.couplingIndex();
                couplingCount++;
            }
            // an update in which no group carried signal moves nothing and harms nothing: the run-level rates
            // pool only the updates that changed theta, or a run that learns faster (more uniform groups) would
            // look less harmful merely for having more empty updates
            if (updateNorm == 0) {
                continue;
            }
            moved++;
            harmSum += harmed;
            intendedSum += intended;
            harmedSum += dyn.harmfulRate();
            harmedPredictedSum += dyn.harmfulRatePredicted();
            pgHarmSum += pgHarm;
            harmedTrained += dynTrained.probes() == 0 ? 0 : dynTrained.harmfulRate() * dynTrained.probes();
            signedTrained += dynTrained.probes();
            harmedUntrained += dynUntrained.probes() == 0 ? 0 : dynUntrained.harmfulRate() * dynUntrained.probes();
            signedUntrained += dynUntrained.probes();
            if (dyn.movedMass() > 0) {
                wrongMass += dyn.harmfulMass() * dyn.movedMass();
                movedMass += dyn.movedMass();
            }
            if (!Double.isNaN(dyn.correlation())) {
                correlationSum += dyn.correlation();
                correlationCount++;
            }
        }
        int iters = config.iterations();
        double perMoved = moved == 0 ? Double.NaN : 1.0 / moved;
        ToySummary summary = new ToySummary(intendedSum > 0 ? harmSum / intendedSum : Double.NaN,
                harmedSum * perMoved, harmedPredictedSum * perMoved,
                movedMass == 0 ? Double.NaN : wrongMass / movedMass,
                signedTrained == 0 ? Double.NaN : harmedTrained / signedTrained,
                signedUntrained == 0 ? Double.NaN : harmedUntrained / signedUntrained, pgHarmSum * perMoved,
                couplingCount == 0 ? Double.NaN : couplingSum / couplingCount, badProbability(model), initialBad,
                correlationCount == 0 ? Double.NaN : correlationSum / correlationCount, verdictAccuracy(model),
                representationCosines(model)[0], 1.0 - (double) moved / iters);
        return new ToyResult(config, model.parameterCount(), series, summary);
    }

    /** Mean over states of pi(bad | s). */
    static double badProbability(ToyModel model) {
        CoupledBandit bandit = model.bandit();
        double sum = 0;
        for (int s = 0; s < bandit.states(); s++) {
            sum += model.probabilities(s)[bandit.badAction(s)];
        }
        return sum / bandit.states();
    }

    /** Share of all (s, a) whose verdict agrees with the truth (sigmoid(z) &gt; 1/2 means good). */
    static double verdictAccuracy(ToyModel model) {
        CoupledBandit bandit = model.bandit();
        int correct = 0;
        for (int s = 0; s < bandit.states(); s++) {
            for (int a = 0; a < CoupledBandit.ACTIONS; a++) {
                boolean saysGood = model.verdictLogit(s, a) > 0;
                correct += saysGood == (a == bandit.goodAction(s)) ? 1 : 0;
            }
        }
        return (double) correct / (bandit.states() * CoupledBandit.ACTIONS);
    }

    /** {mean cos(h(s, good_s), h(twin, good_s)), mean cos(h(s, good), h(s, bad))}. */
    static double[] representationCosines(ToyModel model) {
        CoupledBandit bandit = model.bandit();
        double twin = 0;
        double within = 0;
        for (int s = 0; s < bandit.states(); s++) {
            int good = bandit.goodAction(s);
            twin += Similarity.cosine(model.representation(s, good), model.representation(bandit.twin(s), good));
            within += Similarity.cosine(model.representation(s, good), model.representation(s, bandit.badAction(s)));
        }
        return new double[] {twin / bandit.states(), within / bandit.states()};
    }

    private static int[] drawStates(int n, int m, SplittableRandom rng) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, m);
    }

    private static int sampleAction(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int a = 0; a < p.length; a++) {
            c += p[a];
            if (u < c) {
                return a;
            }
        }
        return p.length - 1;
    }

    static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    /** -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))], computed stably. */
    static double crossEntropy(double z, double y) {
        double softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        return softplus - y * z;
    }
}
