package dev.untangle.env.science;

import java.util.Locale;

/**
 * Turns a command into an {@link Action} and its arguments, after ScienceWorld's parser: the command is matched
 * against the action templates, and each {@code OBJ} against the names of the things the agent can see (its
 * location, through open containers, and its inventory; carried things first). A substance answers to its base
 * name in every state, which is how commands name it. Reads the world; changes nothing.
 */
final class Parser {

    /**
     * A parsed command. {@code a} and {@code b} are thing ids, except: a location index for {@link Action#GO_TO},
     * a door index for {@link Action#OPEN_DOOR} and {@link Action#CLOSE_DOOR}, and terminals for
     * {@link Action#CONNECT} ({@code -2 - thing} for a thing that has none).
     */
    record Parsed(Action action, int a, int b) {
    }

    private static final Parsed LOOK_AROUND = new Parsed(Action.LOOK_AROUND, -1, -1);
    private static final Parsed INVENTORY = new Parsed(Action.INVENTORY, -1, -1);
    private static final Parsed TASK = new Parsed(Action.TASK, -1, -1);
    private static final Parsed WAIT = new Parsed(Action.WAIT, -1, -1);
    private static final Parsed WAIT1 = new Parsed(Action.WAIT1, -1, -1);
    /** The other one-thing templates, in the order they are tried. */
    private static final Action[] ONE_THING = {Action.PICK_UP, Action.PUT_DOWN, Action.ACTIVATE, Action.DEACTIVATE,
        Action.FOCUS_ON, Action.EAT, Action.READ, Action.MIX};
    private static final String[] TERMINALS = {" anode", " cathode", " terminal 1", " terminal 2"};

    private final World w;

    Parser(World world) {
        this.w = world;
    }

    /** Lower case, trimmed, runs of white space made one space. */
    static String normalize(String command) {
        if (command == null) {
            return "";
        }
        String c = command.strip().toLowerCase(Locale.ROOT);
        if (c.indexOf("  ") >= 0 || c.indexOf('\t') >= 0 || c.indexOf('\n') >= 0) {
            c = String.join(" ", c.split("\\s+"));
        }
        return c;
    }

    /** The action a normalized command names, or null when no template and visible thing match. */
    Parsed parse(String c) {
        switch (c) {
            case "look around", "look" -> {
                return LOOK_AROUND;
            }
            case "inventory" -> {
                return INVENTORY;
            }
            case "task" -> {
                return TASK;
            }
            case "wait", "wait10" -> {
                return WAIT;
            }
            case "wait1" -> {
                return WAIT1;
            }
            default -> {
                return parseWithArguments(c);
            }
        }
    }

    private Parsed parseWithArguments(String c) {
        if (c.startsWith(Action.LOOK_AT.prefix)) {
            return one(Action.LOOK_AT, c);
        }
        if (c.startsWith(Action.GO_TO.prefix)) {
            int r = House.index(c.substring(Action.GO_TO.prefix.length()));
            return r < 0 ? null : new Parsed(Action.GO_TO, r, -1);
        }
        if (c.startsWith(Action.OPEN.prefix) || c.startsWith(Action.CLOSE.prefix)) {
            boolean opening = c.startsWith(Action.OPEN.prefix);
            String ref = c.substring(opening ? Action.OPEN.prefix.length() : Action.CLOSE.prefix.length());
            int d = door(ref);
            if (d >= 0) {
                return new Parsed(opening ? Action.OPEN_DOOR : Action.CLOSE_DOOR, d, -1);
            }
            return one(opening ? Action.OPEN : Action.CLOSE, c);
        }
        for (Action a : ONE_THING) {
            if (c.startsWith(a.prefix)) {
                return one(a, c);
            }
        }
        if (c.startsWith(Action.MOVE.prefix)) {
            return two(Action.MOVE, c, c.lastIndexOf(" to "), " to ");
        }
        if (c.startsWith(Action.POUR.prefix)) {
            return two(Action.POUR, c, c.indexOf(" into "), " into ");
        }
        if (c.startsWith(Action.USE.prefix)) {
            return two(Action.USE, c, c.indexOf(" on "), " on ");
        }
        if (c.startsWith(Action.CONNECT.prefix)) {
            int to = c.indexOf(" to ");
            if (to < 0) {
                return null;
            }
            int a = terminalRef(c.substring(Action.CONNECT.prefix.length(), to));
            int b = terminalRef(c.substring(to + 4));
            return a == -1 || b == -1 ? null : new Parsed(Action.CONNECT, a, b);
        }
        return null;
    }

    /** {@code <prefix> OBJ}. */
    private Parsed one(Action action, String c) {
        int x = resolve(c.substring(action.prefix.length()));
        return x < 0 ? null : new Parsed(action, x, -1);
    }

    /** {@code <prefix> OBJ <word> OBJ}, the word at {@code at}. */
    private Parsed two(Action action, String c, int at, String word) {
        if (at < 0) {
            return null;
        }
        int x = resolve(c.substring(action.prefix.length(), at));
        int y = resolve(c.substring(at + word.length()));
        return x < 0 || y < 0 ? null : new Parsed(action, x, y);
    }

    /** A visible thing with this current name (carried things first), or -1. */
    int resolve(String name) {
        int[] ids = w.s.byName.get(name);
        if (ids == null) {
            return -1;
        }
        boolean[] vis = w.vis;
        int found = -1;
        for (int id : ids) {
            if (vis[id] && (w.commandName(id).equals(name) || w.name(id).equals(name))) {
                if (w.carried(id)) {
                    return id;
                }
                if (found < 0) {
                    found = id;
                }
            }
        }
        return found;
    }

    /** A door of the agent's location by its referent {@code door to <location>}, or -1. */
    private int door(String ref) {
        if (!ref.startsWith("door to ")) {
            return -1;
        }
        int r = House.index(ref.substring(8));
        for (int d = 0; d < House.DOORS.length; d++) {
            if (House.across(d, w.at) == r && r >= 0) {
                return d;
            }
        }
        return -1;
    }

    /**
     * A terminal by its referent: {@code <thing> anode|cathode|terminal 1|terminal 2}, or a thing's name (its
     * first free terminal); -1 when nothing matches, {@code -2 - thing} when the thing matches but is not electric.
     */
    private int terminalRef(String ref) {
        Scene s = w.s;
        for (String t : TERMINALS) {
            if (ref.endsWith(t)) {
                int x = resolve(ref.substring(0, ref.length() - t.length()));
                if (x >= 0 && w.electric(x)) {
                    for (int k = 0; k < 2; k++) {
                        if (s.terminalName(x, k).equals(t.substring(1))) {
                            return w.terminal(x, k);
                        }
                    }
                }
            }
        }
        int x = resolve(ref);
        if (x < 0) {
            return -1;
        }
        if (!w.electric(x)) {
            return -2 - x;
        }
        int t0 = w.terminal(x, 0);
        return w.conn[t0] < 0 ? t0 : t0 + 1;
    }

    /** A visible terminal by its command referent, or -1 (for the oracle). */
    int terminalByReferent(String ref) {
        int t = terminalRef(ref);
        return t < 0 ? -1 : t;
    }
}
