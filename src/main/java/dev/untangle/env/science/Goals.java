package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.ANIMAL;
import static dev.untangle.env.science.Scene.BATTERY;
import static dev.untangle.env.science.Scene.COOLER;
import static dev.untangle.env.science.Scene.HEATER;
import static dev.untangle.env.science.Scene.PAINT;
import static dev.untangle.env.science.Scene.PLANT;
import static dev.untangle.env.science.Scene.POWERED;
import static dev.untangle.env.science.Scene.SOIL;
import static dev.untangle.env.science.Scene.WATER;
import static dev.untangle.env.science.Scene.WIRE;

import java.util.List;

/**
 * A task's goal sequence and its score, after ScienceWorld's {@code GoalSequence}: ordered sub-goals that must be
 * met one after the other (each checked after every action and every tick) and optional unordered sub-goals that
 * count once met. The score is
 * <pre>
 * score = 100 * min(1, done_ordered / n_ordered + done_unordered * (1 / (n_ordered + 1)) / n_unordered)
 * </pre>
 * rounded to an integer, so it never falls while the task runs, stays below 100 until the last ordered sub-goal
 * is met, and is 100 exactly then (won). A {@code focus on} when the current ordered sub-goal is a focus goal
 * must name a thing that goal accepts; at any other time it must name a thing focused before. Otherwise, or when
 * the task object lands in the wrong answer box, the task fails: the episode ends with score 0.
 */
final class Goals {

    // ordered sub-goals; the first seven are focus goals
    static final int F_TARGET = 0;
    static final int F_SECOND = 1;
    static final int F_LIVING = 2;
    static final int F_NON_LIVING = 3;
    static final int F_PLANT = 4;
    static final int F_ANIMAL = 5;
    static final int F_BOX = 6;
    static final int SOLID = 10;
    static final int LIQUID = 11;
    static final int GAS = 12;
    static final int IN_RIGHT_BOX = 13;
    static final int ANSWER_IN_BOX = 14;
    static final int POWERED_ON = 15;
    static final int MEASURED_LIQUID = 16;
    static final int SEEDLING = 17;
    static final int ADULT = 18;
    static final int REPRODUCING = 19;

    // unordered sub-goals
    static final int SAME_ROOM_TARGET = 0;
    static final int ALONE = 1;
    static final int HEATER_ON = 2;
    static final int ON_HEATER = 3;
    static final int HEATED_20 = 4;
    static final int IN_COOLER = 5;
    static final int COOLED_5 = 6;
    static final int SAME_ROOM_SECOND = 7;
    static final int HOLD_SECOND = 8;
    static final int MOVED = 9;
    static final int AT_PLACE = 10;
    static final int HOLD_TARGET = 11;
    static final int USED_THERMOMETER = 12;
    static final int TERMINAL_1 = 13;
    static final int TERMINAL_2 = 14;
    static final int TO_BATTERY = 15;
    static final int TO_BULB = 16;
    static final int BULB_TO_BATTERY = 17;
    static final int OPEN_DOOR = 18;
    static final int HOLD_ANSWER = 19;
    static final int AT_GREENHOUSE = 20;
    static final int SOIL_IN_POT = 21;
    static final int WATER_IN_POT = 22;
    static final int SEED_IN_POT = 23;
    static final int MIXABLE = 24;

    private final ScienceEnvironment env;
    private final Scene s;
    private final int[] ordered;
    private final int[] unordered;
    private final boolean[] met;
    private int next;
    private int metCount;
    private int answer = -1;
    private boolean failed;

    Goals(ScienceEnvironment env, TaskType type) {
        this.env = env;
        this.s = env.scene();
        this.ordered = ordered(type);
        this.unordered = unordered(type);
        this.met = new boolean[unordered.length];
    }

    /** The ordered sub-goals of a task type. */
    static int[] ordered(TaskType type) {
        return switch (type) {
            case BOIL -> new int[] {F_TARGET, LIQUID, GAS};
            case MELT -> new int[] {F_TARGET, SOLID, LIQUID};
            case FREEZE -> new int[] {F_TARGET, LIQUID, SOLID};
            case USE_THERMOMETER -> new int[] {F_SECOND, F_TARGET, IN_RIGHT_BOX};
            case MEASURE_MELTING -> new int[] {F_SECOND, F_TARGET, MEASURED_LIQUID, F_BOX};
            case POWER -> new int[] {F_TARGET, POWERED_ON};
            case CONDUCTIVITY -> new int[] {F_TARGET, IN_RIGHT_BOX};
            case FIND_LIVING -> new int[] {F_LIVING, ANSWER_IN_BOX};
            case FIND_NON_LIVING -> new int[] {F_NON_LIVING, ANSWER_IN_BOX};
            case FIND_PLANT -> new int[] {F_PLANT, ANSWER_IN_BOX};
            case FIND_ANIMAL -> new int[] {F_ANIMAL, ANSWER_IN_BOX};
            case GROW_PLANT -> new int[] {F_TARGET, SEEDLING, ADULT, REPRODUCING};
            case MIX_PAINT -> new int[] {F_TARGET};
        };
    }

    /** The optional unordered sub-goals of a task type (those of ScienceWorld's that this world can express). */
    static int[] unordered(TaskType type) {
        return switch (type) {
            case BOIL, MELT -> new int[] {SAME_ROOM_TARGET, ALONE, HEATER_ON, ON_HEATER, HEATED_20};
            case FREEZE -> new int[] {SAME_ROOM_TARGET, ALONE, IN_COOLER, COOLED_5};
            case USE_THERMOMETER -> new int[] {SAME_ROOM_SECOND, HOLD_SECOND, MOVED, AT_PLACE, HOLD_TARGET,
                USED_THERMOMETER};
            case MEASURE_MELTING -> new int[] {SAME_ROOM_SECOND, HOLD_SECOND, AT_PLACE, HEATER_ON, ON_HEATER,
                USED_THERMOMETER};
            case POWER -> new int[] {MOVED, SAME_ROOM_TARGET, TERMINAL_1, TERMINAL_2, TO_BATTERY};
            case CONDUCTIVITY -> new int[] {MOVED, SAME_ROOM_TARGET, TERMINAL_1, TERMINAL_2, TO_BATTERY, TO_BULB,
                BULB_TO_BATTERY};
            case FIND_LIVING, FIND_NON_LIVING, FIND_PLANT, FIND_ANIMAL -> new int[] {HOLD_ANSWER, OPEN_DOOR, MOVED,
                AT_PLACE};
            case GROW_PLANT -> new int[] {SAME_ROOM_TARGET, HOLD_TARGET, AT_GREENHOUSE, SOIL_IN_POT, WATER_IN_POT,
                SEED_IN_POT};
            case MIX_PAINT -> new int[] {MOVED, AT_PLACE, MIXABLE, SAME_ROOM_TARGET};
        };
    }

    static boolean isFocusGoal(int goal) {
        return goal <= F_BOX;
    }

    boolean won() {
        return !failed && next == ordered.length;
    }

    boolean failed() {
        return failed;
    }

    boolean over() {
        return failed || next == ordered.length;
    }

    int score() {
        if (failed) {
            return 0;
        }
        double sc = (double) next / ordered.length
                + metCount * (1.0 / (ordered.length + 1)) / unordered.length;
        return (int) Math.round(100 * Math.min(1.0, sc));
    }

    /** Applies a {@code focus on x}; {@code again} when x was focused before. */
    void focus(int x, boolean again) {
        if (over()) {
            return;
        }
        int g = ordered[next];
        if (!isFocusGoal(g)) {
            if (!again) {
                failed = true;
            }
            return;
        }
        if (!accepts(g, x)) {
            failed = true;
            return;
        }
        if (g >= F_LIVING && g <= F_ANIMAL) {
            answer = x;
        }
        next++;
        advance();
    }

    /** Whether a focus goal accepts thing x. */
    boolean accepts(int goal, int x) {
        return switch (goal) {
            case F_TARGET -> x == s.target;
            case F_SECOND -> x == s.second;
            case F_LIVING -> s.is(x, ANIMAL | PLANT);
            case F_NON_LIVING -> !s.is(x, ANIMAL | PLANT);
            case F_PLANT -> s.is(x, PLANT);
            case F_ANIMAL -> s.is(x, ANIMAL);
            case F_BOX -> x == s.boxYes;
            default -> false;
        };
    }

    /** Checks the ordered sub-goals from the current one on (after an action or a tick). */
    void advance() {
        while (!failed && next < ordered.length && !isFocusGoal(ordered[next])) {
            int r = check(ordered[next]);
            if (r < 0) {
                failed = true;
                return;
            }
            if (r == 0) {
                return;
            }
            next++;
        }
    }

    /** Checks everything after an action. */
    void update() {
        advance();
        if (failed) {
            return;
        }
        for (int i = 0; i < unordered.length; i++) {
            if (!met[i] && holds(unordered[i])) {
                met[i] = true;
                metCount++;
            }
        }
    }

    /** 1 when an ordered sub-goal holds, 0 when not yet, -1 when the task has failed it. */
    private int check(int goal) {
        int t = s.target;
        return switch (goal) {
            case SOLID -> env.state(t) == 0 ? 1 : 0;
            case LIQUID -> env.state(t) == 1 ? 1 : 0;
            case GAS -> env.state(t) == 2 ? 1 : 0;
            case IN_RIGHT_BOX -> env.containerOf(t) == s.boxYes ? 1 : env.containerOf(t) == s.boxNo ? -1 : 0;
            case ANSWER_IN_BOX -> answer >= 0 && env.containerOf(answer) == t ? 1 : 0;
            case POWERED_ON -> env.isPowered(t) ? 1 : 0;
            case MEASURED_LIQUID -> env.measuredLiquid() ? 1 : 0;
            case SEEDLING -> env.stageOf(t) >= 1 ? 1 : 0;
            case ADULT -> env.stageOf(t) >= 2 ? 1 : 0;
            case REPRODUCING -> env.stageOf(t) >= 3 ? 1 : 0;
            default -> throw new IllegalStateException("not an ordered sub-goal: " + goal);
        };
    }

    private boolean holds(int goal) {
        int t = s.target;
        return switch (goal) {
            case SAME_ROOM_TARGET -> env.containerOf(t) != House.GONE && env.roomOf(t) == env.at();
            case ALONE -> env.containerOf(t) >= 0 && env.contentCount(env.containerOf(t)) == 1;
            case HEATER_ON -> anyOn(HEATER);
            case ON_HEATER -> around(t, HEATER);
            case HEATED_20 -> env.temperature(t) >= s.temp[t] + 20;
            case IN_COOLER -> around(t, COOLER);
            case COOLED_5 -> env.temperature(t) <= s.temp[t] - 5;
            case SAME_ROOM_SECOND -> env.roomOf(s.second) == env.at();
            case HOLD_SECOND -> env.carried(s.second);
            case MOVED -> env.movedAway();
            case AT_PLACE -> env.at() == s.place;
            case HOLD_TARGET -> env.carried(t);
            case USED_THERMOMETER -> env.usedOnTarget();
            case TERMINAL_1 -> toWire(env.terminal(t, 0));
            case TERMINAL_2 -> toWire(env.terminal(t, 1));
            case TO_BATTERY -> sharesCircuit(t, BATTERY);
            case TO_BULB -> sharesCircuit(t, POWERED);
            case BULB_TO_BATTERY -> bulbToBattery();
            case OPEN_DOOR -> openDoorHere();
            case HOLD_ANSWER -> answer >= 0 && env.carried(answer);
            case AT_GREENHOUSE -> env.at() == House.GREENHOUSE;
            case SOIL_IN_POT -> directlyIn(s.second, SOIL, false);
            case WATER_IN_POT -> directlyIn(s.second, WATER, true);
            case SEED_IN_POT -> env.containerOf(t) == s.second;
            case MIXABLE -> mixable();
            default -> throw new IllegalStateException("not an unordered sub-goal: " + goal);
        };
    }

    private boolean anyOn(int flag) {
        for (int i = 0; i < s.n; i++) {
            if (s.is(i, flag) && env.isOn(i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a thing sits (at any depth) in a thing with the flag. */
    private boolean around(int thing, int flag) {
        int c = env.containerOf(thing);
        for (int depth = 0; depth < 16 && c >= 0; depth++) {
            if (s.is(c, flag)) {
                return true;
            }
            c = env.containerOf(c);
        }
        return false;
    }

    private boolean toWire(int terminal) {
        int other = env.terminalPartner(terminal);
        return other >= 0 && s.is(s.elecThing[other / 2], WIRE);
    }

    /** Whether a terminal of thing t is joined through conductors to a terminal of another thing with the flag. */
    private boolean sharesCircuit(int t, int flag) {
        if (s.elec[t] < 0) {
            return false;
        }
        int[] uf = env.circuit(-1);
        for (int other : s.elecThing) {
            if (other == t || !s.is(other, flag)) {
                continue;
            }
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    if (ScienceEnvironment.find(uf, env.terminal(t, a))
                            == ScienceEnvironment.find(uf, env.terminal(other, b))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean bulbToBattery() {
        for (int bulb : s.elecThing) {
            if (s.is(bulb, POWERED) && sharesCircuit(bulb, BATTERY)) {
                return true;
            }
        }
        return false;
    }

    private boolean openDoorHere() {
        for (int d = 0; d < House.DOORS.length; d++) {
            if (House.across(d, env.at()) >= 0 && env.doorOpen(d)) {
                return true;
            }
        }
        return false;
    }

    private boolean directlyIn(int container, int flag, boolean liquid) {
        for (int i = 0; i < s.n; i++) {
            if (env.containerOf(i) == container && s.is(i, flag) && (!liquid || env.state(i) == 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the two primaries of the target colour stand alone together in one container. */
    private boolean mixable() {
        int want = s.colour[s.target];
        List<Integer> inputs = switch (want) {
            case 3 -> List.of(0, 1);
            case 4 -> List.of(1, 2);
            default -> List.of(0, 2);
        };
        int first = -1;
        for (int i = 0; i < s.n; i++) {
            if (s.is(i, PAINT) && inputs.contains(s.colour[i])) {
                int c = env.containerOf(i);
                if (c < 0) {
                    return false;
                }
                if (first < 0) {
                    first = c;
                } else if (first != c) {
                    return false;
                }
            }
        }
        return first >= 0 && env.contentCount(first) == 2;
    }
}
