package dev.untangle.env.science;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The searcher's knowledge: only what the observations said. It knows ScienceWorld's house plan (which locations
 * doors join), the catalogue's science (melting and boiling points, which names are animals and plants) and the
 * goal text; everything about this episode's world it reads from the feedback: the room descriptions of
 * {@code look around} (what is where, which doors and containers are closed), the results of its own actions, and
 * {@code look at} answers. It learns from any command's answer, so it can follow another agent. It explores the way a person would: it looks around in each location, opens every
 * closed container there and looks again, then walks to the nearest location it has not explored.
 */
final class SearcherKnowledge implements Knowledge {

    private static final Pattern DOOR = Pattern.compile("A door to the ([a-z ]+) \\(that is (open|closed)\\)");
    private static final Pattern CLOSED = Pattern.compile("a ([a-z ]+?)(?:, which is turned (?:on|off))?\\. The "
            + "([a-z ]+) door is closed\\.");
    private static final Pattern TURNED = Pattern.compile("a ([a-z ]+?), which is turned (on|off)");
    private static final Pattern MIXED = Pattern.compile("mix to produce ([a-z]+ paint)\\.");
    private static final Pattern HINT = Pattern.compile("(?:located around|can be found in) the ([a-z ]+?)\\.");
    private static final List<String> NON_LIVING = List.of("thermometer", "painting", "book", "potato", "banana");

    private int at;
    private final String[] roomText = new String[House.NAMES.size()];
    private final boolean[] looked = new boolean[House.NAMES.size()];
    private final boolean[] explored = new boolean[House.NAMES.size()];
    private final List<Set<String>> closed = new ArrayList<>();
    private final boolean[] doors = new boolean[House.DOORS.length];
    private final Set<String> carriedNames = new HashSet<>();
    private final Map<String, Integer> located = new HashMap<>();
    private final Map<String, String> holder = new HashMap<>();
    private final Map<String, Boolean> switchedOn = new HashMap<>();
    private String fresh;
    private String goal;

    SearcherKnowledge() {
        for (int r = 0; r < House.NAMES.size(); r++) {
            closed.add(new HashSet<>());
        }
    }

    @Override
    public String name() {
        return "searcher";
    }

    @Override
    public void start(ScienceEnvironment env, String firstObservation, String goal) {
        this.goal = goal;
        Arrays.fill(roomText, null);
        Arrays.fill(looked, false);
        Arrays.fill(explored, false);
        Arrays.fill(doors, false);
        for (Set<String> c : closed) {
            c.clear();
        }
        carriedNames.clear();
        located.clear();
        holder.clear();
        switchedOn.clear();
        fresh = null;
        int look = firstObservation.indexOf("\nThis ");
        String text = look < 0 ? firstObservation : firstObservation.substring(look + 1);
        at = locationOf(text);
        seeRoom(text);
    }

    @Override
    public boolean followsOtherAgents() {
        return true;
    }

    private static int locationOf(String lookText) {
        String p = lookText.startsWith("This outside location") ? "outside"
                : lookText.substring("This room is called the ".length(), lookText.indexOf(". In it"));
        return House.index(p);
    }

    // ---- memory ----

    @Override
    public void learn(String c, String obs) {
        fresh = null;
        if (obs.startsWith("This room is called") || obs.startsWith("This outside location")) {
            seeRoom(obs);
        } else if (c.startsWith("go to ") && obs.startsWith("You move to the")) {
            at = House.index(c.substring(6));
            looked[at] = false;
        } else if (c.startsWith("open door to ") || c.startsWith("close door to ")) {
            boolean opening = c.startsWith("open ");
            if (obs.startsWith("The door is now") || obs.startsWith("The door is already")) {
                int r = House.index(c.substring(opening ? 13 : 14));
                for (int d = 0; d < House.DOORS.length; d++) {
                    if (House.across(d, at) == r) {
                        doors[d] = opening;
                    }
                }
            }
        } else if (c.startsWith("open ") && (obs.endsWith(" is now open.") || obs.endsWith(" is already open."))) {
            closed.get(at).remove(c.substring(5));
            looked[at] = false;
        } else if (c.startsWith("pick up ") && obs.endsWith(" to the inventory.")) {
            carriedNames.add(c.substring(8));
        } else if (c.startsWith("put down ") && obs.contains("You move the")) {
            String t = c.substring(9);
            carriedNames.remove(t);
            located.put(t, at);
            holder.remove(t);
        } else if (c.startsWith("move ") && obs.endsWith(" isn't open.")) {
            closed.get(at).add(c.substring(c.lastIndexOf(" to ") + 4));
        } else if (c.startsWith("move ") && obs.contains("You move the")) {
            int to = c.lastIndexOf(" to ");
            String t = c.substring(5, to);
            carriedNames.remove(t);
            located.put(t, at);
            holder.put(t, c.substring(to + 4));
        } else if (c.startsWith("pour ") && obs.startsWith("You pour")) {
            int into = c.indexOf(" into ");
            String from = c.substring(5, into);
            String to = c.substring(into + 6);
            holder.replaceAll((k, v) -> v.equals(from) ? to : v);
        } else if (c.startsWith("look at ")) {
            String container = c.substring(8);
            String head = "a " + container + " (containing ";
            if (obs.startsWith(head)) {
                holder.values().removeIf(container::equals);
                readHolders(obs);
                fresh = container;
            }
        } else if (c.startsWith("mix ")) {
            Matcher m = MIXED.matcher(obs);
            if (m.find()) {
                located.put(m.group(1), at);
                holder.put(m.group(1), c.substring(4));
            }
        } else if (c.startsWith("activate ") || c.startsWith("deactivate ")) {
            boolean activating = c.startsWith("activate ");
            if (obs.endsWith(" is now activated.") || obs.endsWith(" is now deactivated.")
                    || obs.endsWith(" is already activated.") || obs.endsWith(" is already deactivated.")) {
                switchedOn.put(at + "/" + c.substring(activating ? 9 : 11), activating);
            }
        } else if (c.startsWith("eat ")) {
            carriedNames.remove(c.substring(4));
        }
    }

    private void seeRoom(String text) {
        at = locationOf(text);
        roomText[at] = text;
        looked[at] = true;
        Matcher d = DOOR.matcher(text);
        while (d.find()) {
            int r = House.index(d.group(1));
            for (int k = 0; k < House.DOORS.length; k++) {
                if (House.across(k, at) == r) {
                    doors[k] = d.group(2).equals("open");
                }
            }
        }
        Set<String> here = closed.get(at);
        here.clear();
        Matcher c = CLOSED.matcher(text);
        while (c.find()) {
            here.add(c.group(2));
        }
        readHolders(text);
        Matcher t = TURNED.matcher(text);
        while (t.find()) {
            switchedOn.put(at + "/" + t.group(1), t.group(2).equals("on"));
        }
    }

    /** Remembers which container holds which thing, from every {@code (containing ...)} and {@code is: ...} list. */
    private void readHolders(String text) {
        int from = 0;
        while (true) {
            int p = text.indexOf(" (containing ", from);
            if (p < 0) {
                return;
            }
            int start = Math.max(Math.max(text.lastIndexOf("\ta ", p), text.lastIndexOf(": a ", p)),
                    Math.max(text.lastIndexOf(", a ", p), text.lastIndexOf("containing a ", p)));
            String container = null;
            if (start >= 0) {
                int nameAt = text.indexOf("a ", start) + 2;
                container = text.substring(nameAt, p);
            } else if (text.startsWith("a ")) {
                container = text.substring(2, p);
            }
            int depth = 0;
            int end = p + 13;
            int itemStart = end;
            for (; end < text.length(); end++) {
                char ch = text.charAt(end);
                if (ch == '(') {
                    depth++;
                } else if (ch == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (ch == ',' && depth == 0) {
                    note(text.substring(itemStart, end), container);
                    itemStart = end + 2;
                }
            }
            note(text.substring(itemStart, Math.min(end, text.length())), container);
            from = p + 13;
        }
    }

    private void note(String item, String container) {
        if (container == null || item.equals("nothing")) {
            return;
        }
        String t = item.startsWith("a ") ? item.substring(2) : item;
        int cut = t.indexOf(" (");
        t = cut >= 0 ? t.substring(0, cut) : t;
        cut = t.indexOf(" in the ");
        t = cut >= 0 ? t.substring(0, cut) : t;
        cut = t.indexOf(", which");
        t = cut >= 0 ? t.substring(0, cut) : t;
        holder.put(t, container);
    }

    /** Whether a description text mentions a thing by its whole name. */
    static boolean mentions(String text, String name) {
        int from = 0;
        while (true) {
            int i = text.indexOf(name, from);
            if (i < 0) {
                return false;
            }
            from = i + 1;
            char before = i == 0 ? ' ' : text.charAt(i - 1);
            if (before != ' ' && before != '\t' && before != '(') {
                continue;
            }
            int e = i + name.length();
            if (e == text.length()) {
                return true;
            }
            char after = text.charAt(e);
            if (after == ',' || after == ')' || after == '.' || after == '\n' || text.startsWith(" (", e)
                    || text.startsWith(" in the ", e)) {
                return true;
            }
        }
    }

    // ---- what the planner asks ----

    @Override
    public int at() {
        return at;
    }

    @Override
    public boolean doorOpen(int door) {
        return doors[door];
    }

    @Override
    public int roomOf(String name) {
        if (carriedNames.contains(name)) {
            return at;
        }
        Integer moved = located.get(name);
        if (moved != null) {
            return moved;
        }
        int[] dist = House.distances(at);
        int best = -1;
        for (int r = 0; r < roomText.length; r++) {
            if (roomText[r] != null && mentions(roomText[r], name) && (best < 0 || dist[r] < dist[best])) {
                best = r;
            }
        }
        return best;
    }

    @Override
    public boolean carried(String name) {
        return carriedNames.contains(name);
    }

    @Override
    public String closedAround(String name) {
        return null;
    }

    @Override
    public boolean exactNow() {
        return false;
    }

    @Override
    public boolean knowsHere() {
        return roomText[at] != null;
    }

    @Override
    public boolean isOn(String name) {
        return switchedOn.getOrDefault(at + "/" + name, false);
    }

    @Override
    public boolean closedHere(String name) {
        return closed.get(at).contains(name);
    }

    @Override
    public String holderOf(String name) {
        return holder.get(name);
    }

    @Override
    public String contentOf(String container) {
        if (!container.equals(fresh)) {
            return null;
        }
        for (Map.Entry<String, String> e : holder.entrySet()) {
            if (e.getValue().equals(container)) {
                return e.getKey();
            }
        }
        return null;
    }

    @Override
    public String explore() {
        if (!looked[at] && !explored[at]) {
            return "look around";
        }
        Set<String> shut = closed.get(at);
        if (!shut.isEmpty()) {
            return "open " + shut.iterator().next();
        }
        explored[at] = true;
        int hint = hintedLocation();
        if (hint >= 0 && !explored[hint]) {
            return Planner.goTo(this, hint);
        }
        int[] dist = House.distances(at);
        int best = -1;
        for (int r = 0; r < explored.length; r++) {
            if (!explored[r] && (best < 0 || dist[r] < dist[best])) {
                best = r;
            }
        }
        return best < 0 ? null : Planner.goTo(this, best);
    }

    /** The location the goal points to ({@code located around the X}, {@code found in the X}), or -1. */
    private int hintedLocation() {
        Matcher m = HINT.matcher(goal);
        return m.find() ? House.index(m.group(1)) : -1;
    }

    @Override
    public String candidate(String kind) {
        List<String> names = new ArrayList<>();
        boolean animals = kind.equals("living thing") || kind.equals("animal");
        boolean plants = kind.equals("living thing") || kind.equals("plant");
        if (animals) {
            names.addAll(Catalogue.ANIMALS);
        }
        if (plants) {
            for (String sp : Catalogue.SPECIES) {
                names.add(sp + " plant");
            }
        }
        if (!animals && !plants) {
            names.addAll(NON_LIVING);
        }
        int[] dist = House.distances(at);
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (String n : names) {
            int r = roomOf(n);
            if (r >= 0 && dist[r] < bestDist) {
                best = n;
                bestDist = dist[r];
            }
        }
        return best;
    }
}
