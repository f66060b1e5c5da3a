package dev.untangle.coupling.theory;

import java.util.List;

/**
 * Lemma 3.1 for one (p, q, r): the limits and one row per group size.
 *
 * @param successProbability p, success probability of the safe action
 * @param riskyProbability   q, probability that the policy takes the risky action
 * @param risk               r, how much the risky action lowers the success probability
 * @param limitMean          q r (q - 1), the paper's value (mean-only, G -&gt; infinity)
 * @param limitStd           q r (q - 1) / sqrt(pbar (1 - pbar)) with pbar = p - q r (mean/std, G -&gt; infinity)
 * @param monteCarloGroups   groups drawn per Monte-Carlo estimate
 * @param rows               one row per group size
 */
public record RiskyActionReport(double successProbability, double riskyProbability, double risk, double limitMean,
        double limitStd, int monteCarloGroups, List<RiskyActionRow> rows) {

    /** Copies the rows. */
    public RiskyActionReport {
        rows = List.copyOf(rows);
    }
}
