package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.CONTAINER;
import static dev.untangle.env.science.Scene.COOLER;
import static dev.untangle.env.science.Scene.ELECTRIC;
import static dev.untangle.env.science.Scene.HEATER;
import static dev.untangle.env.science.Scene.PAINT;
import static dev.untangle.env.science.Scene.PLANT;
import static dev.untangle.env.science.Scene.SUBSTANCE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mutable state of one science episode over its {@link Scene}: where every thing is, temperatures, what is
 * open or switched on, plant stages, electrical connections and power, open doors, what the agent can see and
 * where it stands, plus the few facts the goals read ({@code moved away}, thermometer use, focused things). Plain
 * arrays indexed by thing (the hot path of a step reads them directly); the {@link Actions} change them, the
 * processes ({@link HeatTransfer}, {@link PlantGrowth}, {@link ElectricalCircuit}, {@link PaintMixing}) move them
 * on, and {@link Goals}, {@link Descriptions}, {@link Commands} and the oracle read them. Not thread-safe.
 */
final class World {

    final Scene s;
    /** Container code per thing ({@link House#INVENTORY}, a location code, {@link House#GONE}, or a thing id). */
    final int[] in;
    final double[] temp;
    final boolean[] open;
    final boolean[] on;
    final int[] stage;
    /** Ticks of growth towards the next stage, per plant. */
    final int[] growth;
    /** The terminal each terminal is wired to, -1 when free (terminals of electric thing e: 2e and 2e+1). */
    final int[] conn;
    final boolean[] doorOpen;
    final boolean[] powered;
    final boolean[] vis;
    final List<Integer> focused = new ArrayList<>();
    int at;
    boolean movedAway;
    boolean measuredLiquid;
    boolean usedOnTarget;

    /** The scene's starting state. */
    World(Scene scene) {
        s = scene;
        int n = s.n;
        in = s.container.clone();
        temp = s.temp.clone();
        open = s.open.clone();
        on = s.on.clone();
        stage = s.stage.clone();
        growth = new int[n];
        conn = new int[2 * s.elecThing.length];
        Arrays.fill(conn, -1);
        doorOpen = new boolean[House.DOORS.length];
        powered = new boolean[n];
        vis = new boolean[n];
        at = s.startRoom;
    }

    Scene scene() {
        return s;
    }

    int at() {
        return at;
    }

    int containerOf(int thing) {
        return in[thing];
    }

    double temperature(int thing) {
        return temp[thing];
    }

    boolean isOpen(int thing) {
        return open[thing];
    }

    boolean isOn(int thing) {
        return on[thing];
    }

    boolean isPowered(int thing) {
        return powered[thing];
    }

    boolean visible(int thing) {
        return vis[thing];
    }

    int stageOf(int thing) {
        return stage[thing];
    }

    boolean doorOpen(int door) {
        return doorOpen[door];
    }

    List<Integer> focusedThings() {
        return focused;
    }

    boolean measuredLiquid() {
        return measuredLiquid;
    }

    int terminalPartner(int terminal) {
        return conn[terminal];
    }

    /** State of matter of a substance: 0 solid, 1 liquid, 2 gas (0 for anything else). */
    int state(int thing) {
        if ((s.flags[thing] & SUBSTANCE) == 0) {
            return (s.flags[thing] & PAINT) != 0 ? 1 : 0;
        }
        double t = temp[thing];
        return t < s.melt[thing] ? 0 : t > s.boil[thing] ? 2 : 1;
    }

    /** Which of its names a thing goes by now: a substance's state, a plant's stage (seed or grown), else 0. */
    int variant(int thing) {
        int f = s.flags[thing];
        if ((f & SUBSTANCE) != 0) {
            return state(thing);
        }
        if ((f & PLANT) != 0) {
            return stage[thing] > 0 ? 1 : 0;
        }
        return 0;
    }

    /** The thing's current name (as descriptions show it). */
    String name(int thing) {
        return s.names[thing][variant(thing)];
    }

    /** The name commands use for the thing: a substance's base name in every state, else its current name. */
    String commandName(int thing) {
        String[] names = s.names[thing];
        return (s.flags[thing] & SUBSTANCE) != 0 ? names[3] : names[variant(thing)];
    }

    /** The location a thing is in (through its containers; the agent's location for carried things), or -1. */
    int roomOf(int thing) {
        int c = in[thing];
        for (int depth = 0; depth < 16 && c >= 0; depth++) {
            c = in[c];
        }
        if (c == House.INVENTORY) {
            return at;
        }
        return House.isRoom(c) ? House.roomOf(c) : -1;
    }

    /** Whether {@code thing} is (directly or inside containers) in the inventory. */
    boolean carried(int thing) {
        int c = in[thing];
        for (int depth = 0; depth < 16 && c >= 0; depth++) {
            c = in[c];
        }
        return c == House.INVENTORY;
    }

    /** Whether {@code inner} is {@code outer} or inside it. */
    boolean within(int inner, int outer) {
        int c = inner;
        for (int depth = 0; depth < 16 && c >= 0; depth++) {
            if (c == outer) {
                return true;
            }
            c = in[c];
        }
        return false;
    }

    /** The nearest heater or cooler around a thing that is switched on, or -1. */
    int activeSource(int thing) {
        int c = in[thing];
        for (int depth = 0; depth < 16 && c >= 0; depth++) {
            if ((s.flags[c] & (HEATER | COOLER)) != 0 && on[c]) {
                return c;
            }
            c = in[c];
        }
        return -1;
    }

    /** Number of things directly in a container. */
    int contentCount(int container) {
        int k = 0;
        for (int i = 0; i < s.n; i++) {
            if (in[i] == container) {
                k++;
            }
        }
        return k;
    }

    /** Whether a container holds something that pours (a liquid or gas substance, paint). */
    boolean holdsFluid(int container) {
        for (int i = 0; i < s.n; i++) {
            if (in[i] == container && s.is(i, SUBSTANCE | PAINT) && state(i) >= 1) {
                return true;
            }
        }
        return false;
    }

    /** Terminal index of terminal k of an electric thing. */
    int terminal(int thing, int k) {
        return 2 * s.elec[thing] + k;
    }

    /** Whether the thing has terminals. */
    boolean electric(int thing) {
        return (s.flags[thing] & ELECTRIC) != 0;
    }

    /** A terminal as feedback names it: {@code anode on battery}. */
    String terminalText(int t) {
        int thing = s.elecThing[t / 2];
        return s.terminalName(thing, t % 2) + " on " + name(thing);
    }

    /** Recomputes what the agent sees: things in its location or inventory, through open containers only. */
    void refreshVisibility() {
        int[] f = s.flags;
        for (int i = 0; i < s.n; i++) {
            int c = in[i];
            boolean v = true;
            for (int depth = 0; depth < 16 && c >= 0; depth++) {
                if ((f[c] & CONTAINER) == 0 || !open[c]) {
                    v = false;
                    break;
                }
                c = in[c];
            }
            vis[i] = v && (c == House.INVENTORY || c == House.room(at));
        }
    }

    /** A text fingerprint of the full world state and the score, for determinism tests. */
    String snapshot(int score) {
        return at + "|" + Arrays.toString(in) + Arrays.toString(temp) + Arrays.toString(open) + Arrays.toString(on)
                + Arrays.toString(stage) + Arrays.toString(conn) + Arrays.toString(doorOpen) + score + focused;
    }
}
