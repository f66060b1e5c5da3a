package dev.untangle.env.science;

import java.util.List;

/**
 * The oracle's knowledge: it reads the world state, so it knows where every thing is (inside closed containers
 * too), which doors are open, what every container holds and every substance's state; what its own episode showed
 * it also reads from the state, so it plays correctly from a state another agent's commands reached.
 */
final class OracleKnowledge implements Knowledge {

    private ScienceEnvironment sci;
    private World world;

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public void start(ScienceEnvironment e, String firstObservation, String goal) {
        sci = e;
        world = e.world();
    }

    @Override
    public void learn(String command, String observation) {
        // the oracle reads the state itself
    }

    @Override
    public boolean followsOtherAgents() {
        return false;
    }

    @Override
    public int at() {
        return world.at();
    }

    @Override
    public boolean doorOpen(int door) {
        return world.doorOpen(door);
    }

    /**
     * A thing that still exists and answers to this name, preferring carried ones: by its current or command name,
     * else by another of its names (a seed that has grown), or -1.
     */
    private int thing(String name) {
        Scene s = world.scene();
        int[] ids = s.byName.get(name);
        if (ids == null) {
            return -1;
        }
        int found = -1;
        int other = -1;
        for (int id : ids) {
            if (world.containerOf(id) == House.GONE) {
                continue;
            }
            if (world.name(id).equals(name) || world.commandName(id).equals(name)) {
                if (world.carried(id)) {
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
    public int roomOf(String name) {
        int id = thing(name);
        return id < 0 ? -1 : world.roomOf(id);
    }

    @Override
    public boolean carried(String name) {
        int id = thing(name);
        return id >= 0 && world.containerOf(id) == House.INVENTORY;
    }

    @Override
    public String closedAround(String name) {
        int id = thing(name);
        String outermost = null;
        for (int c = id < 0 ? -1 : world.containerOf(id); c >= 0; c = world.containerOf(c)) {
            if (!world.isOpen(c)) {
                outermost = world.name(c);
            }
        }
        return outermost;
    }

    @Override
    public boolean hasFocused(String name, Memory own) {
        for (int id : world.focusedThings()) {
            if (List.of(world.scene().names[id]).contains(name)) {      // under any of its names (a seed grows)
                return true;
            }
        }
        return false;
    }

    @Override
    public String placedIn(String thing, Memory own) {
        return holderOf(thing);
    }

    @Override
    public boolean hasDone(String command, Memory own) {
        if (command.startsWith("connect ")) {
            int to = command.indexOf(" to ");
            int a = sci.parser().terminalByReferent(command.substring(8, to));
            int b = sci.parser().terminalByReferent(command.substring(to + 4));
            return a >= 0 && b >= 0 && world.terminalPartner(a) == b;
        }
        if (command.startsWith("pour ")) {
            int from = thing(command.substring(5, command.indexOf(" into ")));
            return from >= 0 && !world.holdsFluid(from);
        }
        return own.hasDone(command);
    }

    @Override
    public double temperatureOf(String name, Memory own) {
        int id = thing(name);
        return id < 0 ? Double.NaN : world.temperature(id);
    }

    @Override
    public Boolean conducts(String name, Memory own) {
        int id = thing(name);
        return id < 0 ? null : world.scene().is(id, Scene.CONDUCTIVE);
    }

    @Override
    public double meltingPoint(Catalogue.Substance s, Memory own) {
        return s.meltC();
    }

    @Override
    public boolean measuredLiquid(Memory own) {
        return world.measuredLiquid();
    }

    @Override
    public boolean exactNow() {
        return true;
    }

    @Override
    public boolean knowsHere() {
        return true;
    }

    @Override
    public boolean isOn(String name) {
        int id = here(Scene.DEVICE, name);
        return id >= 0 && world.isOn(id);
    }

    @Override
    public boolean closedHere(String name) {
        int id = here(Scene.CLOSABLE, name);
        return id >= 0 && !world.isOpen(id);
    }

    /** The first thing standing directly in the agent's location with this flag and name, or -1. */
    private int here(int flag, String name) {
        Scene s = world.scene();
        for (int i = 0; i < s.n; i++) {
            if (world.containerOf(i) == House.room(world.at()) && s.is(i, flag) && world.name(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String holderOf(String name) {
        int id = thing(name);
        return id < 0 || world.containerOf(id) < 0 ? null : world.name(world.containerOf(id));
    }

    @Override
    public String contentOf(String container) {
        int c = thing(container);
        Scene s = world.scene();
        for (int i = 0; i < s.n && c >= 0; i++) {
            if (world.containerOf(i) == c) {
                return world.name(i);
            }
        }
        return null;
    }

    @Override
    public String explore() {
        return null;
    }

    @Override
    public String candidate(String kind) {
        Scene s = world.scene();
        for (int id : world.focusedThings()) {
            if (qualifies(s, id, kind)) {
                return world.name(id);
            }
        }
        int[] dist = House.distances(world.at());
        int best = -1;
        for (int i = 0; i < s.n; i++) {
            if (world.containerOf(i) == House.GONE) {
                continue;
            }
            boolean ok = qualifies(s, i, kind);
            int r = world.roomOf(i);
            if (ok && r >= 0 && (best < 0 || dist[r] < dist[world.roomOf(best)])) {
                best = i;
            }
        }
        return best < 0 ? null : world.name(best);
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
}
