package dev.untangle.coupling.theory;

/**
 * Everything {@code untangle theory} prints.
 *
 * @param lemma   Lemma 3.1 table
 * @param squeeze Theorem 3.2 run
 */
public record TheoryReport(RiskyActionReport lemma, SqueezeReport squeeze) {

    /**
     * The standard checks: Lemma 3.1 at p = 0.8, q = 0.3, r = 0.4 for G in {2, 4, 8, 16, 64, 256} with 50,000
     * Monte-Carlo groups each (seed 1), and the squeezing run of {@link SqueezingEffect#standard()} for 40 steps.
     */
    public static TheoryReport standard() {
        RiskyActionLemma lemma = new RiskyActionLemma(0.8, 0.3, 0.4);
        return new TheoryReport(lemma.report(new int[] {2, 4, 8, 16, 64, 256}, 50_000, 1),
                SqueezingEffect.standard().run(40));
    }
}
