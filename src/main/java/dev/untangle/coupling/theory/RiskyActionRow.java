package dev.untangle.coupling.theory;

/**
 * E[A_i 1{a_i risky}] for one group size G (docs/ALGORITHMS.md, "Lemma 3.1"). NaN where a column is not
 * computed (enumeration only for G &lt;= {@link RiskyActionLemma#MAX_ENUMERATED_G}; the limit row has no
 * Monte-Carlo).
 *
 * @param groupSize          G, or 0 for the limit G -&gt; infinity
 * @param meanClosedForm     mean-only normalisation: q r (q - 1) (G - 1) / G
 * @param meanExact          mean-only, exact sum over the binomial number of successes among the others
 * @param meanEnumerated     mean-only, brute-force sum over all 4^G group outcomes
 * @param meanMonteCarlo     mean-only, Monte-Carlo estimate
 * @param meanStdError       its standard error
 * @param stdExact           mean/std normalisation, exact binomial sum
 * @param stdEnumerated      mean/std normalisation, brute-force enumeration
 * @param stdMonteCarlo      mean/std normalisation, Monte-Carlo estimate
 * @param stdStdError        its standard error
 */
public record RiskyActionRow(int groupSize, double meanClosedForm, double meanExact, double meanEnumerated,
        double meanMonteCarlo, double meanStdError, double stdExact, double stdEnumerated, double stdMonteCarlo,
        double stdStdError) {
}
