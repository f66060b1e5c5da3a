package dev.untangle.env.science;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Planner}'s own episode showed it: the names it focused on, the connect, activate and pour commands
 * that took effect, where its moves put things, the thermometer's readings and the test bulb's answer. Cleared at
 * every episode's start.
 */
final class Memory {

    final Set<String> focusedNames = new HashSet<>();
    final Set<String> done = new HashSet<>();
    final Map<String, String> placed = new HashMap<>();
    double lastReading = Double.NaN;
    double solidReading = Double.NaN;
    double liquidReading = Double.NaN;
    /** {@code on} or {@code off}: what the test bulb showed; null before it was looked at. */
    String litAnswer;

    void clear() {
        focusedNames.clear();
        done.clear();
        placed.clear();
        lastReading = Double.NaN;
        solidReading = Double.NaN;
        liquidReading = Double.NaN;
        litAnswer = null;
    }

    boolean hasFocused(String name) {
        return focusedNames.contains(name);
    }

    String placedIn(String thing) {
        return placed.get(thing);
    }

    boolean hasDone(String command) {
        return done.contains(command);
    }
}
