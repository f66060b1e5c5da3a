package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.BATTERY;
import static dev.untangle.env.science.Scene.PAINT;
import static dev.untangle.env.science.Scene.POWERED;
import static dev.untangle.env.science.Scene.WIRE;

import dev.untangle.env.science.Goal.Condition;
import dev.untangle.env.science.Goal.Focus;
import java.util.List;

/**
 * A task's goal sequence and its score, after ScienceWorld's {@code GoalSequence}: ordered sub-goals
 * ({@link Goal}) that must be met one after the other (each checked after every action and every tick) and
 * optional unordered sub-goals ({@link Milestone}) that count once met. The score is
 * <pre>
 * score = 100 * min(1, done_ordered / n_ordered + done_unordered * (1 / (n_ordered + 1)) / n_unordered)
 * </pre>
 * rounded to an integer, so it never falls while the task runs, stays below 100 until the last ordered sub-goal
 * is met, and is 100 exactly then (won). A {@code focus on} when the current ordered sub-goal is a focus goal
 * must name a thing that goal accepts; at any other time it must name a thing focused before. Otherwise, or when
 * the task object lands in the wrong answer box, the task fails: the episode ends with score 0.
 */
final class Goals {

    private final World w;
    private final Scene s;
    private final ElectricalCircuit circuit;
    private final Goal[] ordered;
    private final Milestone[] unordered;
    private final boolean[] met;
    private int next;
    private int metCount;
    private int answer = -1;
    private boolean failed;

    Goals(World world, ElectricalCircuit circuit) {
        this.w = world;
        this.s = world.s;
        this.circuit = circuit;
        this.ordered = ordered(s.type);
        this.unordered = unordered(s.type);
        this.met = new boolean[unordered.length];
    }

    /** The ordered sub-goals of a task type. */
    static Goal[] ordered(TaskType type) {
        return switch (type) {
            case BOIL -> new Goal[] {Focus.TARGET, Condition.LIQUID, Condition.GAS};
            case MELT -> new Goal[] {Focus.TARGET, Condition.SOLID, Condition.LIQUID};
            case FREEZE -> new Goal[] {Focus.TARGET, Condition.LIQUID, Condition.SOLID};
            case USE_THERMOMETER -> new Goal[] {Focus.SECOND, Focus.TARGET, Condition.IN_RIGHT_BOX};
            case MEASURE_MELTING -> new Goal[] {Focus.SECOND, Focus.TARGET, Condition.MEASURED_LIQUID,
                Focus.ANSWER_BOX};
            case POWER -> new Goal[] {Focus.TARGET, Condition.POWERED_ON};
            case CONDUCTIVITY -> new Goal[] {Focus.TARGET, Condition.IN_RIGHT_BOX};
            case FIND_LIVING -> new Goal[] {Focus.LIVING, Condition.ANSWER_IN_BOX};
            case FIND_NON_LIVING -> new Goal[] {Focus.NON_LIVING, Condition.ANSWER_IN_BOX};
            case FIND_PLANT -> new Goal[] {Focus.PLANT, Condition.ANSWER_IN_BOX};
            case FIND_ANIMAL -> new Goal[] {Focus.ANIMAL, Condition.ANSWER_IN_BOX};
            case GROW_PLANT -> new Goal[] {Focus.TARGET, Condition.SEEDLING, Condition.ADULT, Condition.REPRODUCING};
            case MIX_PAINT -> new Goal[] {Focus.TARGET};
        };
    }

    /** The optional unordered sub-goals of a task type (those of ScienceWorld's that this world can express). */
    static Milestone[] unordered(TaskType type) {
        return switch (type) {
            case BOIL, MELT -> new Milestone[] {Milestone.SAME_ROOM_TARGET, Milestone.ALONE, Milestone.HEATER_ON,
                Milestone.ON_HEATER, Milestone.HEATED_20};
            case FREEZE -> new Milestone[] {Milestone.SAME_ROOM_TARGET, Milestone.ALONE, Milestone.IN_COOLER,
                Milestone.COOLED_5};
            case USE_THERMOMETER -> new Milestone[] {Milestone.SAME_ROOM_SECOND, Milestone.HOLD_SECOND,
                Milestone.MOVED, Milestone.AT_PLACE, Milestone.HOLD_TARGET, Milestone.USED_THERMOMETER};
            case MEASURE_MELTING -> new Milestone[] {Milestone.SAME_ROOM_SECOND, Milestone.HOLD_SECOND,
                Milestone.AT_PLACE, Milestone.HEATER_ON, Milestone.ON_HEATER, Milestone.USED_THERMOMETER};
            case POWER -> new Milestone[] {Milestone.MOVED, Milestone.SAME_ROOM_TARGET, Milestone.TERMINAL_1,
                Milestone.TERMINAL_2, Milestone.TO_BATTERY};
            case CONDUCTIVITY -> new Milestone[] {Milestone.MOVED, Milestone.SAME_ROOM_TARGET, Milestone.TERMINAL_1,
                Milestone.TERMINAL_2, Milestone.TO_BATTERY, Milestone.TO_BULB, Milestone.BULB_TO_BATTERY};
            case FIND_LIVING, FIND_NON_LIVING, FIND_PLANT, FIND_ANIMAL -> new Milestone[] {Milestone.HOLD_ANSWER,
                Milestone.OPEN_DOOR, Milestone.MOVED, Milestone.AT_PLACE};
            case GROW_PLANT -> new Milestone[] {Milestone.SAME_ROOM_TARGET, Milestone.HOLD_TARGET,
                Milestone.AT_GREENHOUSE, Milestone.SOIL_IN_POT, Milestone.WATER_IN_POT, Milestone.SEED_IN_POT};
            case MIX_PAINT -> new Milestone[] {Milestone.MOVED, Milestone.AT_PLACE, Milestone.MIXABLE,
                Milestone.SAME_ROOM_TARGET};
        };
    }

    World world() {
        return w;
    }

    ElectricalCircuit circuit() {
        return circuit;
    }

    /** The thing a find task's focus chose as its answer, or -1. */
    int answer() {
        return answer;
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
        if (!(ordered[next] instanceof Focus f)) {
            if (!again) {
                failed = true;
            }
            return;
        }
        if (!f.accepts(s, x)) {
            failed = true;
            return;
        }
        if (f.choosesAnswer()) {
            answer = x;
        }
        next++;
        advance();
    }

    /** Checks the ordered sub-goals from the current one on (after an action or a tick). */
    void advance() {
        while (!failed && next < ordered.length && ordered[next] instanceof Condition c) {
            int r = c.check(this);
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
            if (!met[i] && unordered[i].holds(this)) {
                met[i] = true;
                metCount++;
            }
        }
    }

    // ---- what the milestones ask of the world ----

    /** Whether some thing with the flag is switched on. */
    boolean anyOn(int flag) {
        for (int i = 0; i < s.n; i++) {
            if (s.is(i, flag) && w.on[i]) {
                return true;
            }
        }
        return false;
    }

    /** Whether a thing sits (at any depth) in a thing with the flag. */
    boolean around(int thing, int flag) {
        int c = w.in[thing];
        for (int depth = 0; depth < 16 && c >= 0; depth++) {
            if (s.is(c, flag)) {
                return true;
            }
            c = w.in[c];
        }
        return false;
    }

    /** Whether a terminal is wired to a wire. */
    boolean toWire(int terminal) {
        int other = w.conn[terminal];
        return other >= 0 && s.is(s.elecThing[other / 2], WIRE);
    }

    /** Whether some light bulb shares a circuit with the battery. */
    boolean bulbToBattery() {
        for (int bulb : s.elecThing) {
            if (s.is(bulb, POWERED) && circuit.sharesCircuit(bulb, BATTERY)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a door of the agent's location is open. */
    boolean openDoorHere() {
        for (int d = 0; d < House.DOORS.length; d++) {
            if (House.across(d, w.at) >= 0 && w.doorOpen[d]) {
                return true;
            }
        }
        return false;
    }

    /** Whether a container directly holds a thing with the flag (a liquid one when {@code liquid}). */
    boolean directlyIn(int container, int flag, boolean liquid) {
        for (int i = 0; i < s.n; i++) {
            if (w.in[i] == container && s.is(i, flag) && (!liquid || w.state(i) == 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the two primaries of the target colour stand alone together in one container. */
    boolean mixable() {
        int want = s.colour[s.target];
        List<Integer> inputs = switch (want) {
            case 3 -> List.of(0, 1);
            case 4 -> List.of(1, 2);
            default -> List.of(0, 2);
        };
        int first = -1;
        for (int i = 0; i < s.n; i++) {
            if (s.is(i, PAINT) && inputs.contains(s.colour[i])) {
                int c = w.in[i];
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
        return first >= 0 && w.contentCount(first) == 2;
    }
}
