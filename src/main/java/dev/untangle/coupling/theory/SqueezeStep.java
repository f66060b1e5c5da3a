package dev.untangle.coupling.theory;

/**
 * The 3-action policy before one update of the squeezing-effect run.
 *
 * @param step                  0-based update index
 * @param good                  pi(good)
 * @param mild                  pi(mild), the less harmful flawed action
 * @param severe                pi(severe), the more harmful flawed action
 * @param bad                   pi(mild) + pi(severe)
 * @param expectedReward        Rbar = sum_a pi(a) R(a)
 * @param mildRises             whether this update raised pi(mild) (measured)
 * @param mildRisesPredicted    the first-order prediction: pi_m (R_m - Rbar) &gt; sum_a pi_a^2 (R_a - Rbar)
 */
public record SqueezeStep(int step, double good, double mild, double severe, double bad, double expectedReward,
        boolean mildRises, boolean mildRisesPredicted) {
}
