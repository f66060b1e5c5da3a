package dev.untangle.env.science;

import static dev.untangle.env.science.Outcome.NO_MATCH;
import static dev.untangle.env.science.Outcome.done;
import static dev.untangle.env.science.Outcome.refuse;
import static dev.untangle.env.science.Scene.CLOSABLE;
import static dev.untangle.env.science.Scene.CONTAINER;
import static dev.untangle.env.science.Scene.DEVICE;
import static dev.untangle.env.science.Scene.EDIBLE;
import static dev.untangle.env.science.Scene.MATERIAL;
import static dev.untangle.env.science.Scene.MOVABLE;
import static dev.untangle.env.science.Scene.PAINT;
import static dev.untangle.env.science.Scene.READABLE;
import static dev.untangle.env.science.Scene.SUBSTANCE;
import static dev.untangle.env.science.Scene.SWITCH;
import static dev.untangle.env.science.Scene.THERMOMETER;

/**
 * The rules of ScienceWorld's actions: what a parsed {@link Action} does to the {@link World}, or ScienceWorld's
 * reason why it cannot be done (a refused action changes nothing). Wiring and switching hand over to
 * {@link ElectricalCircuit}, mixing to {@link PaintMixing}, {@code focus on} to {@link Goals}. One per episode.
 */
final class Actions {

    private final World w;
    private final Scene s;
    private final Goals goals;
    private final Descriptions text;
    private final ElectricalCircuit circuit;
    private final PaintMixing mixing;

    Actions(World world, Goals goals, Descriptions text, ElectricalCircuit circuit, PaintMixing mixing) {
        this.w = world;
        this.s = world.s;
        this.goals = goals;
        this.text = text;
        this.circuit = circuit;
        this.mixing = mixing;
    }

    /** Carries out a parsed command ({@code null}: nothing matched). */
    Outcome run(Parser.Parsed p) {
        if (p == null) {
            return NO_MATCH;
        }
        int x = p.a();
        int y = p.b();
        return switch (p.action()) {
            case LOOK_AROUND -> done(text.lookAround());
            case INVENTORY -> done(text.inventory());
            case TASK -> done("Task Description:\n" + s.spec.goal());
            case WAIT -> new Outcome("You decide to wait for 10 iterations.", true, 10);
            case WAIT1 -> new Outcome("You decide to wait for 1 iterations.", true, 1);
            case OPEN_DOOR, CLOSE_DOOR -> door(x, p.action() == Action.OPEN_DOOR);
            case GO_TO -> go(x);
            case LOOK_AT -> done(text.describe(x, true));
            case FOCUS_ON -> focus(x);
            case PICK_UP -> moveThing(x, House.INVENTORY);
            case PUT_DOWN -> w.in[x] != House.INVENTORY
                    ? refuse("That object does not appear to be in the inventory.")
                    : moveThing(x, House.room(w.at));
            case OPEN, CLOSE -> openClose(x, p.action() == Action.OPEN);
            case ACTIVATE, DEACTIVATE -> activate(x, p.action() == Action.ACTIVATE);
            case EAT -> eat(x);
            case READ -> s.is(x, READABLE) ? done(s.text[x]) : refuse("It's not clear how to read that.");
            case MIX -> mixing.mix(x);
            case MOVE -> moveInto(x, y);
            case POUR -> pour(x, y);
            case USE -> use(x, y);
            case CONNECT -> connect(x, y);
        };
    }

    private Outcome door(int d, boolean opening) {
        if (w.doorOpen[d] == opening) {
            return refuse("The door is already " + (opening ? "open." : "closed."));
        }
        w.doorOpen[d] = opening;
        return done("The door is now " + (opening ? "open." : "closed."));
    }

    private Outcome go(int r) {
        String where = House.NAMES.get(r);
        if (r == w.at) {
            return refuse("You are already in the " + where + ".");
        }
        for (int d = 0; d < House.DOORS.length; d++) {
            if (House.across(d, w.at) == r) {
                if (!w.doorOpen[d]) {
                    return refuse("The door is not open.");
                }
                w.at = r;
                w.movedAway = true;
                w.refreshVisibility();
                return done("You move to the " + where + ".");
            }
        }
        return refuse("It's not clear how to get there from here.");
    }

    private Outcome focus(int x) {
        String said = "You focus on the " + w.name(x) + ".";
        boolean again = w.focused.contains(x);
        if (!again) {
            w.focused.add(x);
        }
        goals.focus(x, again);
        return done(said);
    }

    private Outcome eat(int x) {
        if (!s.is(x, EDIBLE)) {
            return refuse("The " + w.name(x) + " is not edible.");
        }
        String name = w.name(x);
        w.in[x] = House.GONE;
        w.refreshVisibility();
        return done("The " + name + " was delicious.");
    }

    private Outcome openClose(int x, boolean opening) {
        String n = w.name(x);
        if (!s.is(x, CLOSABLE)) {
            return refuse("The " + n + " is not " + (opening ? "openable." : "closeable."));
        }
        if (w.open[x] == opening) {
            return refuse("The " + n + " is already " + (opening ? "open." : "closed."));
        }
        w.open[x] = opening;
        w.refreshVisibility();
        return done("The " + n + " is now " + (opening ? "open." : "closed."));
    }

    private Outcome activate(int x, boolean activating) {
        String n = w.name(x);
        if (!s.is(x, DEVICE)) {
            return refuse("The " + n + " is not something that can be activated.");
        }
        if (w.on[x] == activating) {
            return refuse("The " + n + " is already " + (activating ? "activated." : "deactivated."));
        }
        w.on[x] = activating;
        if (s.is(x, SWITCH)) {
            circuit.updatePower();
        }
        return done("The " + n + " is now " + (activating ? "activated." : "deactivated."));
    }

    /** Why a thing cannot be carried, or null when it can. */
    private String immovable(int x) {
        if (s.is(x, MOVABLE)) {
            return null;
        }
        int st = w.state(x);
        if (s.is(x, SUBSTANCE | PAINT) && st == 1) {
            return "You can't pick up a liquid directly.  Try pouring it from one container to another.";
        }
        if (s.is(x, SUBSTANCE) && st == 2) {
            return "You can't pick up a gas directly.";
        }
        return "The " + w.name(x) + " is not moveable.";
    }

    private Outcome moveThing(int x, int where) {
        String why = immovable(x);
        if (why != null) {
            return refuse(why);
        }
        if (where == House.INVENTORY && w.in[x] == House.INVENTORY) {
            return refuse("That object already appears to be in the inventory.");
        }
        StringBuilder out = new StringBuilder();
        circuit.disconnect(x, out);
        w.in[x] = where;
        w.refreshVisibility();
        out.append("You move the ").append(w.name(x)).append(" to the ")
                .append(where == House.INVENTORY ? "inventory" : House.NAMES.get(House.roomOf(where))).append('.');
        return done(out.toString());
    }

    private Outcome moveInto(int x, int y) {
        if (x == y || w.within(y, x)) {
            return refuse("You can't move something into itself.");
        }
        String why = immovable(x);
        if (why != null) {
            return refuse(why);
        }
        if (!s.is(y, CONTAINER)) {
            return refuse("That can't be moved there.");
        }
        if (!w.open[y]) {
            return refuse("That can't be moved there, because the " + w.name(y) + " isn't open.");
        }
        if (w.in[x] == y) {
            return refuse("The " + w.name(x) + " is already in the " + w.name(y) + ".");
        }
        StringBuilder out = new StringBuilder();
        circuit.disconnect(x, out);
        w.in[x] = y;
        w.refreshVisibility();
        out.append("You move the ").append(w.name(x)).append(" to the ").append(w.name(y)).append('.');
        return done(out.toString());
    }

    private Outcome pour(int x, int y) {
        if (x == y || w.within(y, x)) {
            return refuse("You can't move something into itself.");
        }
        if (!s.is(x, CONTAINER)) {
            return refuse("I'm not sure how to pour that.");
        }
        if (!s.is(y, CONTAINER)) {
            return refuse("That can't be moved there, because it's not a container.");
        }
        if (!w.open[y]) {
            return refuse("That can't be moved there, because the " + w.name(y) + " isn't open.");
        }
        if (!w.holdsFluid(x)) {
            return refuse("The " + w.name(x) + " is empty, so there's nothing to pour.");
        }
        int[] in = w.in;
        for (int i = 0; i < s.n; i++) {
            if (in[i] == x) {
                in[i] = y;
            }
        }
        w.refreshVisibility();
        return done("You pour the contents of the " + w.name(x) + " into the " + w.name(y) + ".");
    }

    private Outcome use(int x, int y) {
        if (!s.is(x, THERMOMETER) || x == y) {
            return refuse("I'm not sure how to use those two things together.");
        }
        if (!s.is(y, MATERIAL | SUBSTANCE | PAINT)) {
            return refuse("That thing doesn't appear to have a temperature that the thermometer can read. ");
        }
        if (y == s.target) {
            w.usedOnTarget = true;
            if (w.state(y) == 1) {
                w.measuredLiquid = true;
            }
        }
        return done("the thermometer measures a temperature of " + SceneGenerator.fmt(w.temp[y])
                + " degrees celsius");
    }

    private Outcome connect(int a, int b) {
        int[] conn = w.conn;
        if (a <= -2 || b <= -2) {
            int x = a <= -2 ? -2 - a : -2 - b;
            return refuse("It's not clear how to connect something to " + w.name(x));
        }
        if (a / 2 == b / 2) {
            return refuse("Something can't be connected to itself.");
        }
        if (conn[a] >= 0 || conn[b] >= 0) {
            return refuse("The " + w.terminalText(conn[a] >= 0 ? a : b) + " is already connected.");
        }
        circuit.connect(a, b);
        return done(w.terminalText(a) + " is now connected to " + w.terminalText(b));
    }
}
