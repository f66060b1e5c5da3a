package dev.untangle.env.household;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An expert that does not peek at hidden object locations. It reads the receptacle names from the first
 * observation and what it sees from the feedback text, remembers the contents of every receptacle it has
 * looked into, and searches the way a person would: first the receptacles whose class can hold the object
 * (surfaces before cabinets and drawers, which it opens on arrival), then the rest. It knows the goal and the
 * catalogue's rules (which receptacle classes accept which objects, which appliance treats what).
 */
public final class SearcherExpert implements Expert {

    private Catalogue cat;
    private World goalWorld;
    private Grammar grammar;
    private List<String> receptacles;
    private final Map<String, List<String>> contents = new HashMap<>();
    private final Set<String> closed = new HashSet<>();
    private String at;
    private String held;
    private boolean treated;
    private String placedAt;
    private String lampAt;
    private String lampName;
    private String lastCommand;

    /** Creates a searcher; it works with environments of the household suite. */
    public SearcherExpert() {
        // stateless until begin()
    }

    @Override
    public String name() {
        return "searcher";
    }

    @Override
    public void begin(TextEnvironment env, Reset reset) {
        HouseholdEnvironment h = household(env);
        goalWorld = h.world();
        cat = goalWorld.cat;
        grammar = h.grammar();
        contents.clear();
        closed.clear();
        at = null;
        held = null;
        treated = false;
        placedAt = null;
        lampAt = null;
        lampName = null;
        lastCommand = null;
        String obs = reset.observation();
        String marker = "Looking quickly around you, you see ";
        int s = obs.indexOf(marker) + marker.length();
        int e = obs.indexOf(".\n", s);
        receptacles = parseList(obs.substring(s, e < 0 ? obs.length() : e));
    }

    static HouseholdEnvironment household(TextEnvironment env) {
        if (env instanceof HouseholdEnvironment h) {
            return h;
        }
        throw new IllegalArgumentException("household experts play household environments only, got "
                + env.getClass().getName());
    }

    @Override
    public String next(TextEnvironment env, String lastObservation) {
        update(lastObservation);
        lastCommand = decide();
        return lastCommand;
    }

    /** Follows another agent: its command, not this expert's proposal, is what the next observation answers. */
    @Override
    public void played(String command) {
        lastCommand = command;
    }

    @Override
    public boolean labelsOtherAgents() {
        return true;
    }

    // ---- memory ----

    private void update(String obs) {
        if (lastCommand == null) {
            return;
        }
        String c = lastCommand;
        if (c.startsWith("go to ") && obs.startsWith("You arrive at")) {
            at = c.substring(6);
            see(at, obs);
        } else if (c.startsWith("open ")) {
            see(c.substring(5), obs);
        } else if (c.startsWith("close ") && obs.startsWith("You close")) {
            closed.add(c.substring(6));
        } else if (c.startsWith("take ") && obs.startsWith("You pick up")) {
            int f = c.indexOf(" from ");
            held = c.substring(5, f);
            List<String> l = contents.get(c.substring(f + 6));
            if (l != null) {
                l.remove(held);
            }
            treated = false;
        } else if ((c.startsWith("move ") || c.startsWith("put ")) && obs.startsWith("You ")) {
            String r = c.startsWith("move ") ? c.substring(c.indexOf(" to ") + 4) : c.substring(c.indexOf(" in/on ") + 7);
            contents.computeIfAbsent(r, k -> new ArrayList<>()).add(held);
            if (classOf(held) == goalWorld.objCls && classOf(r) == goalWorld.targetCls) {
                placedAt = r;                                   // one goal object is where the goal wants it
            }
            held = null;
        } else if ((c.startsWith("heat ") || c.startsWith("cool ") || c.startsWith("clean ")) && obs.startsWith("You ")) {
            treated = true;
        }
    }

    private void see(String r, String obs) {
        if (obs.contains(" is closed.")) {
            closed.add(r);
            return;
        }
        int s = obs.indexOf("you see ");
        if (s < 0) {
            return;
        }
        closed.remove(r);
        List<String> items = parseList(obs.substring(s + 8, obs.length() - 1));
        contents.put(r, new ArrayList<>(items));
        for (String item : items) {
            if (classOf(item) == goalWorld.targetCls && goalWorld.type == TaskType.LOOK) {
                lampAt = r;
                lampName = item;
            }
        }
    }

    private static List<String> parseList(String text) {
        List<String> out = new ArrayList<>();
        if (text.equals("nothing")) {
            return out;
        }
        for (String part : text.split(", ")) {
            String p = part.startsWith("and ") ? part.substring(4) : part;
            out.add(p.startsWith("a ") ? p.substring(2) : p);
        }
        return out;
    }

    private int classOf(String name) {
        return cat.id(name.substring(0, name.lastIndexOf(' ')));
    }

    // ---- decisions ----

    private String decide() {
        if (held != null) {
            if (classOf(held) != goalWorld.objCls) {
                return dropStray();
            }
            if (goalWorld.type == TaskType.LOOK) {
                if (lampAt == null) {
                    return explore(-1);
                }
                return at == null || !at.equals(lampAt) ? "go to " + lampAt : "use " + lampName;
            }
            String appliance = goalWorld.type.appliance();
            if (appliance != null && !treated) {
                String app = firstOfClass(cat.id(appliance));
                if (!app.equals(at)) {
                    return "go to " + app;
                }
                String verb = appliance.equals("microwave") ? "heat" : appliance.equals("fridge") ? "cool" : "clean";
                return verb + " " + held + " with " + app;
            }
            String target = placedAt != null && goalWorld.type == TaskType.PICK_TWO ? placedAt : chooseTarget();
            if (!target.equals(at)) {
                return "go to " + target;
            }
            if (closed.contains(target)) {
                return "open " + target;
            }
            return moveCommand(held, target);
        }
        for (String r : receptacles) {
            List<String> items = contents.get(r);
            if (items == null || (goalWorld.type == TaskType.PICK_TWO && r.equals(placedAt))) {
                continue;
            }
            for (String item : items) {
                if (classOf(item) == goalWorld.objCls) {
                    if (!r.equals(at)) {
                        return "go to " + r;
                    }
                    if (closed.contains(r)) {
                        return "open " + r;
                    }
                    return "take " + item + " from " + r;
                }
            }
        }
        return explore(goalWorld.objCls);
    }

    private String moveCommand(String o, String r) {
        return grammar == Grammar.NEW ? "move " + o + " to " + r : "put " + o + " in/on " + r;
    }

    /** Visits (and opens) the next receptacle whose contents are unknown, likely places for {@code cls} first. */
    private String explore(int cls) {
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < receptacles.size(); i++) {
            String r = receptacles.get(i);
            if (contents.containsKey(r)) {
                continue;
            }
            int rc = classOf(r);
            int rank = cls >= 0 ? (cat.accepts(rc, cls) ? 0 : 4) : 0;
            rank += cat.openableClass(rc) ? 2 : 0;
            int number = Integer.parseInt(r.substring(r.lastIndexOf(' ') + 1));
            int key = rank * 100000 + rc * 100 + number;
            if (key < bestRank) {
                bestRank = key;
                best = r;
            }
        }
        if (best == null) {
            return "look";
        }
        if (best.equals(at) && closed.contains(best)) {
            return "open " + best;
        }
        return "go to " + best;
    }

    private String chooseTarget() {
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        for (String r : receptacles) {
            if (classOf(r) != goalWorld.targetCls) {
                continue;
            }
            int rank = r.equals(at) ? 0 : contents.containsKey(r) ? 1 : closed.contains(r) ? 3 : 2;
            if (rank < bestRank) {
                bestRank = rank;
                best = r;
            }
        }
        return best;
    }

    private String firstOfClass(int cls) {
        String best = null;
        for (String r : receptacles) {
            if (classOf(r) == cls && (best == null || r.equals(at))) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Puts down an object of the wrong class: where it stands when that receptacle accepts it (opening it first),
     * else at the first receptacle that accepts it, preferring one that needs no opening. (A random agent may have
     * taken an object that only openable receptacles accept; the searcher once answered {@code look} forever then.)
     */
    private String dropStray() {
        int hc = classOf(held);
        if (at != null && cat.accepts(classOf(at), hc)) {
            return closed.contains(at) ? "open " + at : moveCommand(held, at);
        }
        String openable = null;
        for (String r : receptacles) {
            if (cat.accepts(classOf(r), hc)) {
                if (!cat.openableClass(classOf(r))) {
                    return "go to " + r;
                }
                openable = openable == null ? r : openable;
            }
        }
        return openable != null ? "go to " + openable : "look";
    }
}
