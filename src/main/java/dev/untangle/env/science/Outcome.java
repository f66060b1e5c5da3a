package dev.untangle.env.science;

/**
 * What a command did: ScienceWorld's feedback text, whether the action was carried out (a refused or unmatched
 * command changes nothing and does not move the clock), and how many ticks of the world's clock it takes.
 */
record Outcome(String text, boolean valid, int ticks) {

    /** A command that matched nothing. */
    static final Outcome NO_MATCH = refuse(ScienceText.NO_MATCH);

    /** A command that cannot be done now, with the reason. */
    static Outcome refuse(String text) {
        return new Outcome(text, false, 0);
    }

    /** A command carried out in one tick. */
    static Outcome done(String text) {
        return new Outcome(text, true, 1);
    }
}
