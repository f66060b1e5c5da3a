package dev.untangle.env.science;

import dev.untangle.env.TextEnvironment;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The science expert that knows the world: where every thing is (inside closed containers too), which doors are
 * open, what every container holds and every substance's state. It follows {@link Planner}'s procedure.
 */
public final class OracleExpert extends Planner {

    private ScienceEnvironment env;

    /** Creates an oracle; it works with environments of the science suite. */
    public OracleExpert() {
        // stateless until begin()
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    protected void start(TextEnvironment e, String firstObservation) {
        env = science(e);
    }

    static ScienceEnvironment science(TextEnvironment e) {
        if (e instanceof ScienceEnvironment s) {
            return s;
        }
        throw new IllegalArgumentException("science experts play science environments only, got "
                + e.getClass().getName());
    }

    @Override
    protected void learn(String command, String observation) {
        // the oracle reads the state itself
    }

    @Override
    protected int at() {
        return env.at();
    }

    @Override
    protected boolean doorOpen(int door) {
        return env.doorOpen(door);
    }

    /**
     * A thing that still exists and answers to this name, preferring carried ones: by its current or command name,
     * else by another of its names (a seed that has grown), or -1.
     */
    private int thing(String name) {
        Scene s = env.scene();
        int[] ids = s.byName.get(name);
        if (ids == null) {
            return -1;
        }
        int found = -1;
        int other = -1;
        for (int id : ids) {
            if (env.containerOf(id) == House.GONE) {
                continue;
            }
            if (env.name(id).equals(name) || env.commandName(id).equals(name)) {
                if (env.carried(id)) {
                    return id;
                }
                found = found < 0 ? id : found;
            } else {
                other = other < 0 ? id : other;
            }
        }
        return found >= 0 ? found : other;
    }

    @Override
    protected int roomOf(String name) {
        int id = thing(name);
        return id < 0 ? -1 : env.roomOf(id);
    }

    @Override
    protected boolean carried(String name) {
        int id = thing(name);
        return id >= 0 && env.containerOf(id) == House.INVENTORY;
    }

    @Override
    protected String closedAround(String name) {
        int id = thing(name);
        String outermost = null;
        for (int c = id < 0 ? -1 : env.containerOf(id); c >= 0; c = env.containerOf(c)) {
            if (!env.isOpen(c)) {
                outermost = env.name(c);
            }
        }
        return outermost;
    }

    @Override
    protected boolean hasFocused(String name) {
        for (int id : env.focusedThings()) {
            if (List.of(env.scene().names[id]).contains(name)) {      // under any of its names (a seed grows)
                return true;
            }
        }
        return false;
    }

    @Override
    protected String placedIn(String thing) {
        return holderOf(thing);
    }

    @Override
    protected boolean hasDone(String command) {
        if (command.startsWith("connect ")) {
            int to = command.indexOf(" to ");
            int a = env.terminalByReferent(command.substring(8, to));
            int b = env.terminalByReferent(command.substring(to + 4));
            return a >= 0 && b >= 0 && env.terminalPartner(a) == b;
        }
        if (command.startsWith("pour ")) {
            int from = thing(command.substring(5, command.indexOf(" into ")));
            return from >= 0 && !env.holdsFluid(from);
        }
        return super.hasDone(command);
    }

    @Override
    protected double temperatureOf(String name) {
        int id = thing(name);
        return id < 0 ? Double.NaN : env.temperature(id);
    }

    @Override
    protected Boolean conducts(String name) {
        int id = thing(name);
        return id < 0 ? null : env.scene().is(id, Scene.CONDUCTIVE);
    }

    @Override
    protected double meltingPoint(Catalogue.Substance s) {
        return s.meltC();
    }

    @Override
    protected boolean measuredLiquid() {
        return env.measuredLiquid();
    }

    @Override
    protected boolean exactNow() {
        return true;
    }

    @Override
    protected boolean knowsHere() {
        return true;
    }

    @Override
    protected boolean isOn(String name) {
        int id = here(Scene.DEVICE, name);
        return id >= 0 && env.isOn(id);
    }

    @Override
    protected boolean closedHere(String name) {
        int id = here(Scene.CLOSABLE, name);
        return id >= 0 && !env.isOpen(id);
    }

    /** The first thing standing directly in the agent's location with this flag and name, or -1. */
    private int here(int flag, String name) {
        Scene s = env.scene();
        for (int i = 0; i < s.n; i++) {
            if (env.containerOf(i) == House.room(env.at()) && s.is(i, flag) && env.name(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected String holderOf(String name) {
        int id = thing(name);
        return id < 0 || env.containerOf(id) < 0 ? null : env.name(env.containerOf(id));
    }

    @Override
    protected String contentOf(String container) {
        int c = thing(container);
        Scene s = env.scene();
        for (int i = 0; i < s.n && c >= 0; i++) {
            if (env.containerOf(i) == c) {
                return env.name(i);
            }
        }
        return null;
    }

    @Override
    protected String explore() {
        return null;
    }

    @Override
    protected String candidate(String kind) {
        Scene s = env.scene();
        for (int id : env.focusedThings()) {
            if (qualifies(s, id, kind)) {
                return env.name(id);
            }
        }
        int[] dist = distances(env.at());
        int best = -1;
        for (int i = 0; i < s.n; i++) {
            if (env.containerOf(i) == House.GONE) {
                continue;
            }
            boolean ok = qualifies(s, i, kind);
            int r = env.roomOf(i);
            if (ok && r >= 0 && (best < 0 || dist[r] < dist[env.roomOf(best)])) {
                best = i;
            }
        }
        return best < 0 ? null : env.name(best);
    }

    /** Whether a thing is a movable answer for a find task of this kind. */
    private static boolean qualifies(Scene s, int i, String kind) {
        if (!s.is(i, Scene.MOVABLE) || s.is(i, Scene.BOX)) {
            return false;
        }
        return switch (kind) {
            case "living thing" -> s.is(i, Scene.ANIMAL | Scene.PLANT);
            case "plant" -> s.is(i, Scene.PLANT);
            case "animal" -> s.is(i, Scene.ANIMAL);
            default -> !s.is(i, Scene.ANIMAL | Scene.PLANT) && !s.is(i, Scene.CONTAINER);
        };
    }

    /** Door steps from a location to every location. */
    static int[] distances(int from) {
        int[] dist = new int[House.NAMES.size()];
        Arrays.fill(dist, Integer.MAX_VALUE);
        dist[from] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            int r = queue.poll();
            for (int d = 0; d < House.DOORS.length; d++) {
                int x = House.across(d, r);
                if (x >= 0 && dist[x] == Integer.MAX_VALUE) {
                    dist[x] = dist[r] + 1;
                    queue.add(x);
                }
            }
        }
        return dist;
    }
}
