package dev.untangle.env.science;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The procedure both science experts follow, one command at a time, re-deciding from what they know after every
 * observation: focus on what the task names, fetch the things it needs, walk through the house (opening doors),
 * heat or cool with the appliance the substance's melting or boiling point calls for, wire a circuit, plant a seed,
 * mix paints, answer with a box. What an expert knows (where a thing is, whether a door is open, what a container
 * holds) comes from {@link #roomOf}, {@link #doorOpen} and the other abstract methods: the {@link OracleExpert} reads
 * the world state, the {@link SearcherExpert} only what the observations said. Goal details (names, thresholds,
 * box colours) are read from the goal text by both.
 */
abstract class Planner implements Expert {

    private static final Pattern READING = Pattern.compile("measures a temperature of (-?\\d+) degrees");
    private static final Pattern BOX_IF = Pattern.compile("(above|below) (-?\\d+) degrees celsius, (?:place it in|focus"
            + " on) the ([a-z]+ box)");
    private static final Pattern CONDUCT_IF = Pattern.compile("(conductive|nonconductive), place it in the ([a-z]+ box)");
    private static final Pattern AROUND = Pattern.compile("located around the ([a-z ]+?)\\.");
    private static final Pattern FIND = Pattern.compile("find a\\(n\\) ([a-z -]+)\\. .* move it to the ([a-z]+ box) in"
            + " the ([a-z ]+)\\.");

    /** The task type, from the task spec. */
    protected TaskType type;
    /** The goal sentence. */
    protected String goal;
    /** The last command this expert played. */
    protected String last;
    private final Set<String> focusedNames = new HashSet<>();
    private final Set<String> done = new HashSet<>();
    private double lastReading = Double.NaN;
    private double solidReading = Double.NaN;
    private double liquidReading = Double.NaN;
    private String litAnswer;
    private String cup;
    private String answer;
    private int waits;
    private final java.util.Map<String, String> placed = new java.util.HashMap<>();

    @Override
    public void begin(TextEnvironment env, Reset reset) {
        goal = reset.task().goal();
        type = typeOf(reset.task().taskType());
        last = null;
        focusedNames.clear();
        done.clear();
        lastReading = Double.NaN;
        solidReading = Double.NaN;
        liquidReading = Double.NaN;
        litAnswer = null;
        cup = null;
        answer = null;
        placed.clear();
        waits = 0;
        start(env, reset.observation());
    }

    @Override
    public String next(TextEnvironment env, String lastObservation) {
        if (last != null) {
            heard(last, lastObservation);
            learn(last, lastObservation);
            afterLearn(last, lastObservation);
        }
        String c = decide();
        last = c;
        return c;
    }

    private static TaskType typeOf(String id) {
        for (TaskType t : TaskType.values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("science experts play science tasks only, got type " + id);
    }

    // ---- what an expert knows (oracle: the state; searcher: the observations) ----

    /** Prepares for an episode, given the environment and the first observation. */
    protected abstract void start(TextEnvironment env, String firstObservation);

    /** Updates the expert's memory after {@code command} answered {@code observation}. */
    protected abstract void learn(String command, String observation);

    /** The agent's location. */
    protected abstract int at();

    /** Whether a door is known to be open. */
    protected abstract boolean doorOpen(int door);

    /** The location where a thing with this name can be reached (the agent's when carried), or -1 when unknown. */
    protected abstract int roomOf(String name);

    /** Whether the thing is carried. */
    protected abstract boolean carried(String name);

    /** A closed container that must be opened to reach the thing, or null. */
    protected abstract String closedAround(String name);

    /** Whether a closable thing of this name in the agent's location is closed. */
    protected abstract boolean closedHere(String name);

    /** The container holding a thing with this name (a substance, a paint, a seed), or null when unknown. */
    protected abstract String holderOf(String name);

    /** The name of what a container now holds (its first thing), or null when unknown or stale. */
    protected abstract String contentOf(String container);

    /** The next command that explores the house for unseen things, or null when nothing is left to explore. */
    protected abstract String explore();

    /** The nearest candidate for a find task ({@code living thing}, {@code plant}, ...), or null if none known. */
    protected abstract String candidate(String kind);

    // ---- bookkeeping shared by both experts ----

    private void heard(String c, String obs) {
        if (c.startsWith("focus on ") && obs.startsWith("You focus on")) {
            focusedNames.add(c.substring(9));
        }
        Matcher m = READING.matcher(obs);
        if (m.find()) {
            lastReading = Double.parseDouble(m.group(1));
        }
        if (obs.contains("is now connected to") || obs.contains("is now activated") || obs.contains("is already")) {
            done.add(c);
        }
        if (c.startsWith("look at ") && c.endsWith("light bulb")) {
            litAnswer = obs.contains("which is on") ? "on" : "off";
        }
    }

    // ---- decisions ----

    private String decide() {
        String c = switch (type) {
            case BOIL, MELT, FREEZE -> changeState();
            case USE_THERMOMETER -> thermometer();
            case MEASURE_MELTING -> meltingPoint();
            case POWER -> power();
            case CONDUCTIVITY -> conductivity();
            case FIND_LIVING, FIND_NON_LIVING, FIND_PLANT, FIND_ANIMAL -> find();
            case GROW_PLANT -> grow();
            case MIX_PAINT -> paint();
        };
        return c == null ? "look around" : c;
    }

    /** The next command towards a location, or null when there. */
    protected final String goTo(int room) {
        int at = at();
        if (room < 0 || room == at) {
            return null;
        }
        int[] prev = new int[House.NAMES.size()];
        java.util.Arrays.fill(prev, -1);
        prev[at] = at;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(at));
        while (!queue.isEmpty()) {
            int r = queue.poll();
            for (int d = 0; d < House.DOORS.length; d++) {
                int x = House.across(d, r);
                if (x >= 0 && prev[x] < 0) {
                    prev[x] = r;
                    queue.add(x);
                }
            }
        }
        int step = room;
        while (prev[step] != at) {
            step = prev[step];
        }
        for (int d = 0; d < House.DOORS.length; d++) {
            if (House.across(d, at) == step) {
                return doorOpen(d) ? "go to " + House.NAMES.get(step) : "open door to " + House.NAMES.get(step);
            }
        }
        throw new IllegalStateException("no door from " + House.NAMES.get(at) + " to " + House.NAMES.get(step));
    }

    /** The next command to stand where {@code name} is, with it reachable; null when there. */
    protected final String reach(String name) {
        int r = roomOf(name);
        if (r < 0) {
            return explore();
        }
        String go = goTo(r);
        if (go != null) {
            return go;
        }
        String closed = closedAround(name);
        return closed == null ? null : "open " + closed;
    }

    /** The next command to carry {@code name}; null when carried. */
    protected final String fetch(String name) {
        if (carried(name)) {
            return null;
        }
        String r = reach(name);
        return r != null ? r : "pick up " + name;
    }

    private String focusOn(String name) {
        if (focusedNames.contains(name)) {
            return null;
        }
        String r = reach(name);
        return r != null ? r : "focus on " + name;
    }

    /** Puts a carried thing into a container, opening it first; null when it is already there. */
    private String place(String thing, String container) {
        if (container.equals(lastPlaceTarget(thing))) {
            return null;
        }
        String r = reach(container);
        if (r != null) {
            return r;
        }
        if (!carried(thing)) {
            String f = fetch(thing);
            if (f != null) {
                return f;
            }
        }
        return "move " + thing + " to " + container;
    }

    private String lastPlaceTarget(String thing) {
        return placed.get(thing);
    }

    /** Called when a move succeeded, to remember where the thing went. */
    private void notePlaced(String c, String obs) {
        if (c.startsWith("move ") && obs.contains("You move the")) {
            int to = c.lastIndexOf(" to ");
            placed.put(c.substring(5, to), c.substring(to + 4));
        } else if ((c.startsWith("pick up ") || c.startsWith("put down ")) && obs.contains("You move the")) {
            placed.remove(c.substring(c.startsWith("pick up ") ? 8 : 9));
        }
    }

    private String once(String command) {
        return done.contains(command) ? null : command;
    }

    private String substanceName() {
        String g = goal.substring("Your task is to ".length());
        return g.substring(g.indexOf(' ') + 1, g.indexOf('.'));
    }

    private Catalogue.Substance substance() {
        return Catalogue.byTaskName(substanceName());
    }

    private String changeState() {
        String sub = substanceName();
        if (cup == null) {
            cup = holderOf(sub);
            if (cup == null) {
                return explore();
            }
        }
        String f = focusOn(sub);
        if (f != null) {
            return f;
        }
        Catalogue.Substance s = substance();
        String device;
        int room;
        if (type == TaskType.FREEZE) {
            boolean ult = s.meltC() < Catalogue.FREEZER_C + 8;
            device = ult ? "ultra low temperature freezer" : "freezer";
            room = ult ? House.WORKSHOP : House.KITCHEN;
        } else {
            double point = type == TaskType.BOIL ? s.boilC() : s.meltC();
            boolean furnace = point > Catalogue.STOVE_C - 20;
            device = furnace ? "blast furnace" : "stove";
            room = furnace ? House.FOUNDRY : House.KITCHEN;
        }
        if (!device.equals(placed.get(cup))) {
            String p = fetch(cup);
            if (p != null) {
                return p;
            }
            String go = goTo(room);
            if (go != null) {
                return go;
            }
            return closedHere(device) ? "open " + device : "move " + cup + " to " + device;
        }
        if (type != TaskType.FREEZE) {
            String a = once("activate " + device);
            if (a != null) {
                return a;
            }
        }
        return watch();
    }

    /** Lets time pass one tick at a time (the episode ends when the task is done). */
    private String watch() {
        return "wait1";
    }

    private String thermometer() {
        String f = focusOn("thermometer");
        if (f != null) {
            return f;
        }
        String t = fetch("thermometer");
        if (t != null) {
            return t;
        }
        String thing = goal.substring("Your task is to measure the temperature of ".length(), goal.indexOf(','));
        f = focusOn(thing);
        if (f != null) {
            return f;
        }
        if (Double.isNaN(lastReading)) {
            String r = reach(thing);
            return r != null ? r : "use thermometer on " + thing;
        }
        String box = boxFor(lastReading);
        String p = fetch(thing);
        if (p != null) {
            return p;
        }
        return place(thing, box);
    }

    /** The box of a thermometer or melting-point task for a temperature. */
    private String boxFor(double c) {
        Matcher m = BOX_IF.matcher(goal);
        String above = null;
        String below = null;
        double threshold = Double.NaN;
        while (m.find()) {
            threshold = Double.parseDouble(m.group(2));
            if (m.group(1).equals("above")) {
                above = m.group(3);
            } else {
                below = m.group(3);
            }
        }
        return c > threshold ? above : below;
    }

    private String meltingPoint() {
        String f = focusOn("thermometer");
        if (f != null) {
            return f;
        }
        String t = fetch("thermometer");
        if (t != null) {
            return t;
        }
        Matcher m = Pattern.compile("melting point of ([a-z ]+), which").matcher(goal);
        if (!m.find()) {
            throw new IllegalStateException("no substance in goal: " + goal);
        }
        String sub = m.group(1);
        if (cup == null) {
            cup = holderOf(sub);
            if (cup == null) {
                return explore();
            }
        }
        f = focusOn(sub);
        if (f != null) {
            return f;
        }
        if (!"stove".equals(placed.get(cup))) {
            String p = fetch(cup);
            if (p != null) {
                return p;
            }
            String go = goTo(House.KITCHEN);
            return go != null ? go : "move " + cup + " to stove";
        }
        if (!Double.isNaN(liquidReading)) {
            double estimate = Double.isNaN(solidReading) ? liquidReading : (solidReading + liquidReading) / 2;
            return once("focus on " + boxFor(estimate));
        }
        String now = contentOf(cup);
        if (now == null) {
            return "look at " + cup;
        }
        if (!done.contains("activate stove")) {
            if (Double.isNaN(solidReading)) {
                return "use thermometer on " + now;
            }
            return "activate stove";
        }
        return "use thermometer on " + now;
    }

    /** Records melting-point readings by the state the reading was taken in. */
    private void noteReading(String c, String obs, String solidName) {
        if (!c.startsWith("use thermometer on ") || !obs.contains("measures a temperature")) {
            return;
        }
        if (c.substring(19).equals(solidName)) {
            solidReading = lastReading;
        } else {
            liquidReading = lastReading;
        }
    }

    private String power() {
        String part = goal.substring("Your task is to turn on the ".length(), goal.indexOf('.'));
        String f = focusOn(part);
        if (f != null) {
            return f;
        }
        String r = reach(part);
        if (r != null) {
            return r;
        }
        String[] plan = {
            "connect battery anode to black wire terminal 1",
            "connect black wire terminal 2 to " + part + " anode",
            "connect " + part + " cathode to red wire terminal 1",
            "connect red wire terminal 2 to battery cathode",
        };
        for (String c : plan) {
            if (!done.contains(c)) {
                return c;
            }
        }
        return "wait1";
    }

    private String conductivity() {
        String thing = goal.substring("Your task is to determine if ".length(), goal.indexOf(" is electrically"));
        String f = focusOn(thing);
        if (f != null) {
            return f;
        }
        if (litAnswer == null) {
            if (roomOf(thing) != House.WORKSHOP || carried(thing)) {
                String p = fetch(thing);
                if (p != null) {
                    return p;
                }
                String go = goTo(House.WORKSHOP);
                return go != null ? go : "put down " + thing;
            }
            String[] plan = {
                "connect battery anode to black wire terminal 1",
                "connect black wire terminal 2 to " + thing + " terminal 1",
                "connect " + thing + " terminal 2 to blue wire terminal 1",
                "connect blue wire terminal 2 to red light bulb anode",
                "connect red light bulb cathode to red wire terminal 1",
                "connect red wire terminal 2 to battery cathode",
            };
            for (String c : plan) {
                if (!done.contains(c)) {
                    return c;
                }
            }
            return "look at red light bulb";
        }
        Matcher m = CONDUCT_IF.matcher(goal);
        String yes = null;
        String no = null;
        while (m.find()) {
            if (m.group(1).equals("conductive")) {
                yes = m.group(2);
            } else {
                no = m.group(2);
            }
        }
        String box = litAnswer.equals("on") ? yes : no;
        String p = fetch(thing);
        return p != null ? p : place(thing, box);
    }

    private String find() {
        Matcher m = FIND.matcher(goal);
        if (!m.find()) {
            throw new IllegalStateException("not a find goal: " + goal);
        }
        String kind = m.group(1);
        String box = m.group(2);
        if (answer == null) {
            String c = candidate(kind);
            if (c == null) {
                return explore();
            }
            String r = reach(c);
            if (r != null) {
                return r;
            }
            answer = c;
        }
        String f = focusOn(answer);
        if (f != null) {
            return f;
        }
        String p = fetch(answer);
        return p != null ? p : place(answer, box);
    }

    private String grow() {
        String sp = goal.substring("Your task is to grow a ".length(), goal.indexOf(" plant from seed"));
        String seed = sp + " seed";
        String pot = "flower pot 3";
        String f = focusOn(seed);
        if (f != null) {
            return f;
        }
        if (!pot.equals(placed.get(seed))) {
            String p = fetch(seed);
            if (p != null) {
                return p;
            }
            if (!pot.equals(placed.get("soil"))) {
                return place("soil", pot);
            }
            if (!done.contains("pour jug into " + pot)) {
                String j = fetch("jug");
                if (j != null) {
                    return j;
                }
                String r = reach(pot);
                return r != null ? r : "pour jug into " + pot;
            }
            return place(seed, pot);
        }
        waits++;
        return waits % 2 == 1 ? "wait" : "look at " + pot;
    }

    private String paint() {
        String want = goal.substring("Your task is to use chemistry to create ".length(), goal.indexOf(" paint."));
        String[] inputs = switch (want) {
            case "violet" -> new String[] {"red paint", "blue paint"};
            case "green" -> new String[] {"blue paint", "yellow paint"};
            default -> new String[] {"red paint", "yellow paint"};
        };
        String result = want + " paint";
        if (roomOf(result) >= 0) {
            return focusOn(result);
        }
        String first = holderOf(inputs[0]);
        String second = holderOf(inputs[1]);
        if (first == null || second == null) {
            return explore();
        }
        if (!first.equals(second)) {
            String p = fetch(first);
            if (p != null) {
                return p;
            }
            String r = reach(second);
            return r != null ? r : "pour " + first + " into " + second;
        }
        String r = reach(first);
        return r != null ? r : "mix " + first;
    }

    /** Shared reactions to an observation that the subclasses' memories do not cover. */
    private void afterLearn(String c, String obs) {
        notePlaced(c, obs);
        if (c.startsWith("pour ") && obs.startsWith("You pour")) {
            done.add(c);
        }
        if (type == TaskType.MEASURE_MELTING) {
            Matcher m = Pattern.compile("melting point of ([a-z ]+), which").matcher(goal);
            if (m.find()) {
                noteReading(c, obs, m.group(1));
            }
        }
    }
}
