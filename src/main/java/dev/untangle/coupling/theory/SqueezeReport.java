package dev.untangle.coupling.theory;

import java.util.List;

/**
 * Theorem 3.2 (the squeezing effect) on a 3-action softmax policy.
 *
 * @param rewards               R(good), R(mild), R(severe): success probabilities of the three actions
 * @param learningRate          eta of the expected policy-gradient ascent
 * @param featureNormSquared    ||x||^2 of the one feature vector
 * @param series                the policy before each update, plus the final policy
 * @param stepsMildRisesBadFalls number of updates in which pi(mild) rose while pi(mild) + pi(severe) fell
 * @param peakMild              the largest pi(mild) reached
 * @param badMonotone           whether pi(mild) + pi(severe) fell at every update
 * @param predictionAgreement   share of updates whose predicted direction of pi(mild) matched the measured one
 * @param negativeSamples       one negative update on the severe action from several policies
 */
public record SqueezeReport(double[] rewards, double learningRate, double featureNormSquared, List<SqueezeStep> series,
        int stepsMildRisesBadFalls, double peakMild, boolean badMonotone, double predictionAgreement,
        List<NegativeSampleRow> negativeSamples) {

    /** Copies the arrays and lists. */
    public SqueezeReport {
        rewards = rewards.clone();
        series = List.copyOf(series);
        negativeSamples = List.copyOf(negativeSamples);
    }
}
