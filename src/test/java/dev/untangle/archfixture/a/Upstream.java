package dev.untangle.archfixture.a;

import dev.untangle.archfixture.b.Downstream;

/** Fixture: uses {@link Downstream}, which uses it back. */
public final class Upstream {

    private Upstream() {
    }

    /** The name of the class below, read through a class literal (a dependency ArchUnit sees). */
    public static String below() {
        return Downstream.class.getSimpleName();
    }
}
