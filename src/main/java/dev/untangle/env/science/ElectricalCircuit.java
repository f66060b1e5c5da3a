package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.BATTERY;
import static dev.untangle.env.science.Scene.CONDUCTIVE;
import static dev.untangle.env.science.Scene.POWERED;
import static dev.untangle.env.science.Scene.SWITCH;

/**
 * ScienceWorld's electrical circuits: wires join terminals; a conducting thing (a wire, a light bulb, a conductive
 * object, a switch that is on) joins its own two terminals; a part is powered when its two terminals reach the
 * battery's two terminals, one each, without the battery being short-circuited around it. Power is recomputed
 * whenever a connection or a switch changes (not on the clock). Union-find over the terminals.
 */
final class ElectricalCircuit {

    private final World w;

    ElectricalCircuit(World world) {
        this.w = world;
    }

    /**
     * Union-find over terminals: connections join terminals; a conducting thing joins its own two terminals unless
     * it is {@code skip}; a battery never does.
     */
    int[] circuit(int skip) {
        Scene s = w.s;
        int[] conn = w.conn;
        int t = conn.length;
        int[] parent = new int[t];
        for (int i = 0; i < t; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < t; i++) {
            if (conn[i] >= 0) {
                union(parent, i, conn[i]);
            }
        }
        for (int e = 0; e < s.elecThing.length; e++) {
            int thing = s.elecThing[e];
            if (thing == skip || w.in[thing] == House.GONE) {
                continue;
            }
            int f = s.flags[thing];
            boolean conducts = (f & SWITCH) != 0 ? w.on[thing] : (f & CONDUCTIVE) != 0;
            if (conducts) {
                union(parent, 2 * e, 2 * e + 1);
            }
        }
        return parent;
    }

    /** The representative of terminal {@code x} in a {@link #circuit}. */
    static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    /** Recomputes which parts are powered. */
    void updatePower() {
        Scene s = w.s;
        int battery = -1;
        for (int thing : s.elecThing) {
            if ((s.flags[thing] & BATTERY) != 0) {
                battery = thing;
            }
        }
        for (int thing : s.elecThing) {
            if ((s.flags[thing] & POWERED) == 0) {
                continue;
            }
            boolean p = false;
            if (battery >= 0) {
                int[] uf = circuit(thing);
                int a = find(uf, w.terminal(battery, 0));
                int c = find(uf, w.terminal(battery, 1));
                int x = find(uf, w.terminal(thing, 0));
                int y = find(uf, w.terminal(thing, 1));
                p = a != c && ((a == x && c == y) || (a == y && c == x));
            }
            w.powered[thing] = p;
        }
    }

    /** Joins two free terminals and recomputes power. */
    void connect(int a, int b) {
        w.conn[a] = b;
        w.conn[b] = a;
        updatePower();
    }

    /** Frees the terminals of a thing that is moved, saying so in {@code out} when any was wired. */
    void disconnect(int thing, StringBuilder out) {
        if (!w.electric(thing)) {
            return;
        }
        int[] conn = w.conn;
        boolean any = false;
        for (int k = 0; k < 2; k++) {
            int t = w.terminal(thing, k);
            if (conn[t] >= 0) {
                conn[conn[t]] = -1;
                conn[t] = -1;
                any = true;
            }
        }
        if (any) {
            out.append("(disconnecting ").append(w.name(thing)).append(")\n");
            updatePower();
        }
    }

    /** Whether a terminal of thing t is joined through conductors to a terminal of another thing with the flag. */
    boolean sharesCircuit(int t, int flag) {
        Scene s = w.s;
        if (s.elec[t] < 0) {
            return false;
        }
        int[] uf = circuit(-1);
        for (int other : s.elecThing) {
            if (other == t || !s.is(other, flag)) {
                continue;
            }
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    if (find(uf, w.terminal(t, a)) == find(uf, w.terminal(other, b))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
