/**
 * Exact checks of the paper's theory (docs/ALGORITHMS.md, "Theory checks"): Lemma 3.1 (the expected
 * group-relative advantage of a risky action, in the limit, exactly for finite groups, and by Monte-Carlo)
 * and Theorem 3.2 (the squeezing effect of policy-gradient updates on a 3-action softmax policy).
 * Results are plain records so that the command line can print tables and reports can plot the series.
 */
package dev.untangle.coupling.theory;
