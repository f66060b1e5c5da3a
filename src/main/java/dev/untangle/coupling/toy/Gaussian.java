package dev.untangle.coupling.toy;

import java.util.SplittableRandom;

/** Standard normal draws from an explicit {@link SplittableRandom} (Box-Muller; deterministic per seed). */
final class Gaussian {

    private Gaussian() {
    }

    /** One N(0, 1) draw. */
    static double next(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
