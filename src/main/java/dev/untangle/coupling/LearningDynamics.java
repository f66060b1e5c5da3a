package dev.untangle.coupling;

/**
 * Learning-dynamics probes (docs/ALGORITHMS.md, "Learning dynamics"): for one update delta_theta, the
 * predicted change of each probe's log-probability is the first-order term {@code <g_k, delta_theta>}
 * and the measured change is log pi_after - log pi_before. A probe is harmed when a negative-advantage
 * action gains probability or a positive-advantage action loses it.
 */
public final class LearningDynamics {

    private LearningDynamics() {
    }

    /** The first-order prediction {@code <grad, deltaTheta>} of the change of log pi. */
    public static double predictedChange(double[] grad, double[] deltaTheta) {
        return Similarity.dot(grad, deltaTheta);
    }

    /**
     * Summarises one update's effect on a probe set.
     *
     * @param predicted  predicted change of log pi per probe
     * @param measured   measured change of log pi per probe
     * @param advantages the probe's advantage (only its sign is used)
     */
    public static DynamicsSummary summarize(double[] predicted, double[] measured, double[] advantages) {
        int n = predicted.length;
        if (measured.length != n || advantages.length != n) {
            throw new IllegalArgumentException("probe arrays differ in length: " + n + ", " + measured.length
                    + ", " + advantages.length);
        }
        int pos = 0;
        int neg = 0;
        int posDown = 0;
        int negUp = 0;
        int harmedPredicted = 0;
        int agree = 0;
        double wrongMass = 0;
        double totalMass = 0;
        for (int k = 0; k < n; k++) {
            if (Math.signum(predicted[k]) == Math.signum(measured[k])) {
                agree++;
            }
            if (advantages[k] != 0) {
                totalMass += Math.abs(measured[k]);
                wrongMass += Math.signum(advantages[k]) * measured[k] < 0 ? Math.abs(measured[k]) : 0;
            }
            if (advantages[k] > 0) {
                pos++;
                posDown += measured[k] < 0 ? 1 : 0;
                harmedPredicted += predicted[k] < 0 ? 1 : 0;
            } else if (advantages[k] < 0) {
                neg++;
                negUp += measured[k] > 0 ? 1 : 0;
                harmedPredicted += predicted[k] > 0 ? 1 : 0;
            }
        }
        int signed = pos + neg;
        return new DynamicsSummary(signed, Similarity.pearson(predicted, measured),
                rate(posDown + negUp, signed), rate(harmedPredicted, signed), rate(negUp, neg), rate(posDown, pos),
                rate(agree, n), totalMass == 0 ? Double.NaN : wrongMass / totalMass,
                totalMass);
    }

    private static double rate(int count, int total) {
        return total == 0 ? Double.NaN : (double) count / total;
    }
}
