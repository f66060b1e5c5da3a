package dev.untangle.archfixture.b;

import dev.untangle.archfixture.a.Upstream;

/** Fixture: uses {@link Upstream}, which uses it: the packages {@code a} and {@code b} form a cycle. */
public final class Downstream {

    private Downstream() {
    }

    /** The name of the class above, read through a class literal (a dependency ArchUnit sees). */
    public static String above() {
        return Upstream.class.getSimpleName();
    }
}
