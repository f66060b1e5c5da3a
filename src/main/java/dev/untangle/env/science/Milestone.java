package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.BATTERY;
import static dev.untangle.env.science.Scene.COOLER;
import static dev.untangle.env.science.Scene.HEATER;
import static dev.untangle.env.science.Scene.POWERED;
import static dev.untangle.env.science.Scene.SOIL;
import static dev.untangle.env.science.Scene.WATER;

/**
 * An unordered sub-goal of a task's goal sequence ({@link Goals}): optional progress that counts once met, in any
 * order (those of ScienceWorld's that this world can express).
 */
enum Milestone {
    /** The agent is in the task object's location. */
    SAME_ROOM_TARGET,
    /** The task object is alone in its container. */
    ALONE,
    /** Some heater is switched on. */
    HEATER_ON,
    /** The task object sits (at any depth) in a heater. */
    ON_HEATER,
    /** The task object is 20 degrees warmer than at the start. */
    HEATED_20,
    /** The task object sits in a cooler. */
    IN_COOLER,
    /** The task object is 5 degrees colder than at the start. */
    COOLED_5,
    /** The agent is in the second object's location. */
    SAME_ROOM_SECOND,
    /** The agent carries the second object. */
    HOLD_SECOND,
    /** The agent has left its starting location. */
    MOVED,
    /** The agent is in the location the goal names. */
    AT_PLACE,
    /** The agent carries the task object. */
    HOLD_TARGET,
    /** The thermometer has been used on the task object. */
    USED_THERMOMETER,
    /** The task object's first terminal is wired. */
    TERMINAL_1,
    /** The task object's second terminal is wired. */
    TERMINAL_2,
    /** The task object shares a circuit with the battery. */
    TO_BATTERY,
    /** The task object shares a circuit with a light bulb. */
    TO_BULB,
    /** A light bulb shares a circuit with the battery. */
    BULB_TO_BATTERY,
    /** A door of the agent's location is open. */
    OPEN_DOOR,
    /** The agent carries the focused answer. */
    HOLD_ANSWER,
    /** The agent is in the greenhouse. */
    AT_GREENHOUSE,
    /** The pot holds soil. */
    SOIL_IN_POT,
    /** The pot holds liquid water. */
    WATER_IN_POT,
    /** The seed is in the pot. */
    SEED_IN_POT,
    /** The two primaries of the target colour stand alone together in one container. */
    MIXABLE;

    /** Whether this sub-goal holds now. */
    boolean holds(Goals g) {
        World w = g.world();
        Scene s = w.s;
        int t = s.target;
        return switch (this) {
            case SAME_ROOM_TARGET -> w.in[t] != House.GONE && w.roomOf(t) == w.at;
            case ALONE -> w.in[t] >= 0 && w.contentCount(w.in[t]) == 1;
            case HEATER_ON -> g.anyOn(HEATER);
            case ON_HEATER -> g.around(t, HEATER);
            case HEATED_20 -> w.temp[t] >= s.temp[t] + 20;
            case IN_COOLER -> g.around(t, COOLER);
            case COOLED_5 -> w.temp[t] <= s.temp[t] - 5;
            case SAME_ROOM_SECOND -> w.roomOf(s.second) == w.at;
            case HOLD_SECOND -> w.carried(s.second);
            case MOVED -> w.movedAway;
            case AT_PLACE -> w.at == s.place;
            case HOLD_TARGET -> w.carried(t);
            case USED_THERMOMETER -> w.usedOnTarget;
            case TERMINAL_1 -> g.toWire(w.terminal(t, 0));
            case TERMINAL_2 -> g.toWire(w.terminal(t, 1));
            case TO_BATTERY -> g.circuit().sharesCircuit(t, BATTERY);
            case TO_BULB -> g.circuit().sharesCircuit(t, POWERED);
            case BULB_TO_BATTERY -> g.bulbToBattery();
            case OPEN_DOOR -> g.openDoorHere();
            case HOLD_ANSWER -> g.answer() >= 0 && w.carried(g.answer());
            case AT_GREENHOUSE -> w.at == House.GREENHOUSE;
            case SOIL_IN_POT -> g.directlyIn(s.second, SOIL, false);
            case WATER_IN_POT -> g.directlyIn(s.second, WATER, true);
            case SEED_IN_POT -> w.in[t] == s.second;
            case MIXABLE -> g.mixable();
        };
    }
}
