package dev.untangle.coupling.theory;

/**
 * One negative-advantage update on a single sampled severe action, from a given policy: where the
 * probability it loses goes (docs/ALGORITHMS.md, "Theorem 3.2").
 *
 * @param goodBefore   pi(good) before
 * @param mildBefore   pi(mild) before
 * @param severeBefore pi(severe) before
 * @param goodChange   change of pi(good)
 * @param mildChange   change of pi(mild)
 * @param severeChange change of pi(severe)
 */
public record NegativeSampleRow(double goodBefore, double mildBefore, double severeBefore, double goodChange,
        double mildChange, double severeChange) {
}
