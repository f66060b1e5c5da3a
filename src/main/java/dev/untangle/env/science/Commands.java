package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.CLOSABLE;
import static dev.untangle.env.science.Scene.CONTAINER;
import static dev.untangle.env.science.Scene.DEVICE;
import static dev.untangle.env.science.Scene.EDIBLE;
import static dev.untangle.env.science.Scene.MATERIAL;
import static dev.untangle.env.science.Scene.MOVABLE;
import static dev.untangle.env.science.Scene.PAINT;
import static dev.untangle.env.science.Scene.READABLE;
import static dev.untangle.env.science.Scene.SUBSTANCE;
import static dev.untangle.env.science.Scene.THERMOMETER;
import static dev.untangle.env.science.Scene.WIRE;

import java.util.Arrays;
import java.util.List;

/**
 * The admissible commands of a scene's states, with the scene's command strings built once and reused (a
 * {@code [thing x name variant]} table per one-thing template, {@code [held thing x container]} tables for
 * {@code move} and {@code pour}, {@code [terminal x terminal]} for {@code connect}). One per scene in an
 * environment's cache; not thread-safe.
 */
final class Commands {

    /** One-thing templates, in the order of {@link #UNARY_PREFIX}. */
    private static final int UNARY_TEMPLATES = 12;
    private static final String[] UNARY_PREFIX = {Action.LOOK_AT.prefix, Action.FOCUS_ON.prefix, Action.PICK_UP.prefix,
        Action.PUT_DOWN.prefix, Action.OPEN.prefix, Action.CLOSE.prefix, Action.ACTIVATE.prefix,
        Action.DEACTIVATE.prefix, Action.EAT.prefix, Action.READ.prefix, Action.MIX.prefix,
        Action.USE.prefix + "thermometer on "};
    private static final String[] OPEN_DOOR_CMD = new String[House.NAMES.size()];
    private static final String[] CLOSE_DOOR_CMD = new String[House.NAMES.size()];
    private static final String[] GO_CMD = new String[House.NAMES.size()];

    static {
        for (int r = 0; r < House.NAMES.size(); r++) {
            OPEN_DOOR_CMD[r] = Action.OPEN_DOOR.prefix + House.NAMES.get(r);
            CLOSE_DOOR_CMD[r] = Action.CLOSE_DOOR.prefix + House.NAMES.get(r);
            GO_CMD[r] = Action.GO_TO.prefix + House.NAMES.get(r);
        }
    }

    /** The scene these commands belong to. */
    final Scene scene;
    private final String[][] unary = new String[UNARY_TEMPLATES][];
    private String[] move;
    private String[] pour;
    private String[] connect;
    private String[] terminal;
    private String[] adm = new String[128];
    private int admN;

    Commands(Scene scene) {
        this.scene = scene;
    }

    private void add(String cmd) {
        if (admN == adm.length) {
            adm = Arrays.copyOf(adm, admN * 2);
        }
        adm[admN++] = cmd;
    }

    private String unary(World world, int template, int x) {
        String[] row = unary[template];
        if (row == null) {
            row = unary[template] = new String[3 * scene.n];
        }
        int k = 3 * x + ((scene.flags[x] & SUBSTANCE) != 0 ? 0 : world.variant(x));
        String c = row[k];
        if (c == null) {
            c = row[k] = UNARY_PREFIX[template] + world.commandName(x);
        }
        return c;
    }

    private String moveCommand(World world, int x, int y) {
        if (move == null) {
            move = new String[3 * scene.n * scene.n];
        }
        int k = (3 * x + world.variant(x)) * scene.n + y;
        String c = move[k];
        if (c == null) {
            c = move[k] = "move " + world.name(x) + " to " + world.name(y);
        }
        return c;
    }

    private String pourCommand(World world, int x, int y) {
        if (pour == null) {
            pour = new String[scene.n * scene.n];
        }
        int k = x * scene.n + y;
        String c = pour[k];
        if (c == null) {
            c = pour[k] = "pour " + world.name(x) + " into " + world.name(y);
        }
        return c;
    }

    private String connectCommand(World world, int a, int b) {
        int t = 2 * scene.elecThing.length;
        if (connect == null) {
            connect = new String[t * t];
            terminal = new String[t];
        }
        String c = connect[a * t + b];
        if (c == null) {
            String x = terminalCommand(world, a);
            String y = terminalCommand(world, b);
            boolean inOrder = x.compareTo(y) <= 0;                  // listed in alphabetical order of the terminals
            c = connect[a * t + b] = "connect " + (inOrder ? x : y) + " to " + (inOrder ? y : x);
        }
        return c;
    }

    private String terminalCommand(World world, int t) {
        String c = terminal[t];
        if (c == null) {
            int thing = scene.elecThing[t / 2];
            c = terminal[t] = world.name(thing) + " " + scene.terminalName(thing, t % 2);
        }
        return c;
    }

    /** The admissible commands of the world's current state (its visibility already refreshed). */
    List<String> admissible(World world) {
        admN = 0;
        int at = world.at();
        add(Action.LOOK_AROUND.prefix);
        add(Action.INVENTORY.prefix);
        add(Action.TASK.prefix);
        add(Action.WAIT.prefix);
        add(Action.WAIT1.prefix);
        for (int d = 0; d < House.DOORS.length; d++) {
            int r = House.across(d, at);
            if (r >= 0) {
                add(world.doorOpen(d) ? CLOSE_DOOR_CMD[r] : OPEN_DOOR_CMD[r]);
                if (world.doorOpen(d)) {
                    add(GO_CMD[r]);
                }
            }
        }
        int[] f = scene.flags;
        int n = scene.n;
        int thermometer = -1;
        for (int x = 0; x < n; x++) {
            if (!world.visible(x)) {
                continue;
            }
            int fx = f[x];
            add(unary(world, 0, x));
            add(unary(world, 1, x));
            if ((fx & MOVABLE) != 0) {
                if (world.containerOf(x) == House.INVENTORY) {
                    add(unary(world, 3, x));
                    if ((fx & THERMOMETER) != 0) {
                        thermometer = x;
                    }
                } else {
                    add(unary(world, 2, x));
                }
            }
            if ((fx & CLOSABLE) != 0) {
                add(unary(world, world.isOpen(x) ? 5 : 4, x));
            }
            if ((fx & DEVICE) != 0) {
                add(unary(world, world.isOn(x) ? 7 : 6, x));
            }
            if ((fx & EDIBLE) != 0) {
                add(unary(world, 8, x));
            }
            if ((fx & READABLE) != 0) {
                add(unary(world, 9, x));
            }
            if ((fx & CONTAINER) != 0 && world.isOpen(x) && world.contentCount(x) >= 2) {
                add(unary(world, 10, x));
            }
        }
        for (int x = 0; x < n; x++) {
            if (world.containerOf(x) != House.INVENTORY || (f[x] & MOVABLE) == 0) {
                continue;
            }
            boolean fluid = (f[x] & CONTAINER) != 0 && world.holdsFluid(x);
            for (int y = 0; y < n; y++) {
                if (!world.visible(y) || (f[y] & CONTAINER) == 0 || !world.isOpen(y) || y == x || world.containerOf(x) == y || world.within(y, x)) {
                    continue;
                }
                add(moveCommand(world, x, y));
                if (fluid) {
                    add(pourCommand(world, x, y));
                }
            }
        }
        if (thermometer >= 0) {
            for (int y = 0; y < n; y++) {
                if (world.visible(y) && y != thermometer && (f[y] & (MATERIAL | SUBSTANCE | PAINT)) != 0) {
                    add(unary(world, 11, y));
                }
            }
        }
        int terminals = 2 * scene.elecThing.length;
        for (int a = 0; a < terminals; a++) {
            int ta = scene.elecThing[a / 2];
            if (world.terminalPartner(a) >= 0 || !world.visible(ta)) {
                continue;
            }
            for (int b = a + 1; b < terminals; b++) {
                int tb = scene.elecThing[b / 2];
                if (world.terminalPartner(b) >= 0 || ta == tb || !world.visible(tb) || ((f[ta] | f[tb]) & WIRE) == 0) {
                    continue;
                }
                add(connectCommand(world, a, b));
            }
        }
        return List.of(Arrays.copyOf(adm, admN));
    }
}
