package dev.untangle.env.science;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    private static final Pattern CONDUCT_IF = Pattern.compile(
            "(conductive|nonconductive), place it in the ([a-z]+ box)");
    private static final Pattern MELTING = Pattern.compile("melting point of ([a-z ]+), which");
    private static final Pattern DISCONNECTED = Pattern.compile("\\(disconnecting ([a-z0-9 ]+)\\)");
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
    private double pendingReading = Double.NaN;
    private String readingLabel = "unsure";
    private String litAnswer;
    /** A thing another agent wired where this expert's circuit needs a free terminal: carried away and back. */
    private String repair;
    private String cup;
    private String answer;
    private int waits;
    private final Map<String, String> placed = new HashMap<>();

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
        pendingReading = Double.NaN;
        readingLabel = "unsure";
        litAnswer = null;
        repair = null;
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

    /** Whether {@link #contentOf} describes the state the next command acts on (the oracle's does). */
    protected abstract boolean exactNow();

    /** Whether the expert knows what the agent's location holds (the oracle always does). */
    protected abstract boolean knowsHere();

    /** Whether a device of this name in the agent's location is switched on. */
    protected abstract boolean isOn(String name);

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

    // ---- what the expert remembers of its own episode; the oracle reads these from the state instead, so that it
    // ---- also plays correctly from a state another agent's commands reached (critic distances replay them) ----

    /** Whether a thing of this name has been focused on. */
    protected boolean hasFocused(String name) {
        return focusedNames.contains(name);
    }

    /** The container a thing was last put in by a move, or null. */
    protected String placedIn(String thing) {
        return placed.get(thing);
    }

    /** Whether a connect or pour command has taken effect. */
    protected boolean hasDone(String command) {
        return done.contains(command);
    }

    /** A thing's temperature as last measured, NaN when not measured. */
    protected double temperatureOf(String thing) {
        return lastReading;
    }

    /** Whether a thing conducts electricity, as the test bulb showed; null when not tested. */
    protected Boolean conducts(String thing) {
        return litAnswer == null ? null : litAnswer.equals("on");
    }

    /** A substance's melting point as the readings bracket it (NaN until a solid and a liquid reading exist). */
    protected double meltingPoint(Catalogue.Substance s) {
        return Double.isNaN(solidReading) || Double.isNaN(liquidReading) ? Double.NaN
                : (solidReading + liquidReading) / 2;
    }

    /** Whether the thermometer has been used on the substance while it was liquid. */
    protected boolean measuredLiquid() {
        return !Double.isNaN(liquidReading);
    }

    // ---- bookkeeping shared by both experts ----

    private void heard(String c, String obs) {
        if (c.startsWith("focus on ") && obs.startsWith("You focus on")) {
            focusedNames.add(c.substring(9));
        }
        Matcher m = READING.matcher(obs);
        if (m.find()) {
            lastReading = Double.parseDouble(m.group(1));
        }
        if (obs.contains("is now connected to") || obs.contains("is now activated")
                || obs.endsWith("is already activated.")) {
            done.add(c);
        }
        if (c.startsWith("connect ") && obs.endsWith(" is already connected.")) {
            repair = obs.substring(obs.indexOf(" on ") + 4, obs.length() - " is already connected.".length());
        }
        Matcher cut = DISCONNECTED.matcher(obs);
        while (cut.find()) {
            String thing = cut.group(1);
            done.removeIf(x -> x.startsWith("connect ") && x.contains(thing));
        }
        if (repair != null && c.equals("put down " + repair) && obs.startsWith("You move the")) {
            repair = null;
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
        Arrays.fill(prev, -1);
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
        if (hasFocused(name)) {
            return null;
        }
        String r = reach(name);
        return r != null ? r : "focus on " + name;
    }

    /** Puts a thing into an open container (fetching the thing first); null when it is already there. */
    private String place(String thing, String container) {
        if (container.equals(placedIn(thing))) {
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

    /** Called when a move succeeded, to remember where the thing went. */
    private void notePlaced(String c, String obs) {
        if (c.startsWith("move ") && obs.contains("You move the")) {
            int to = c.lastIndexOf(" to ");
            placed.put(c.substring(5, to), c.substring(to + 4));
        } else if ((c.startsWith("pick up ") || c.startsWith("put down ")) && obs.contains("You move the")) {
            placed.remove(c.substring(c.startsWith("pick up ") ? 8 : 9));
        }
    }

    private String substanceName() {
        String g = goal.substring("Your task is to ".length());
        return g.substring(g.indexOf(' ') + 1, g.indexOf('.'));
    }

    private Catalogue.Substance substance() {
        return Catalogue.byBase(substanceName());
    }

    private String changeState() {
        Catalogue.Substance s = substance();
        if (cup == null) {
            cup = holderOf(s);
            if (cup == null) {
                return explore();
            }
        }
        String f = focusOnIn(s.base(), cup);
        if (f != null) {
            return f;
        }
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
        if (!device.equals(placedIn(cup))) {
            String p = fetch(cup);
            if (p != null) {
                return p;
            }
            String go = goTo(room);
            if (go != null) {
                return go;
            }
            if (!knowsHere()) {
                return "look around";
            }
            return closedHere(device) ? "open " + device : "move " + cup + " to " + device;
        }
        return isOn(device) ? "wait1" : "activate " + device;      // one tick at a time until the task is done
    }

    /** The container of a substance, found by any of its names. */
    private String holderOf(Catalogue.Substance s) {
        for (String n : List.of(s.base(), s.solid(), s.liquid(), s.gas())) {
            String h = holderOf(n);
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    /** Focuses on a thing once, standing where its container is. */
    private String focusOnIn(String name, String container) {
        if (hasFocused(name)) {
            return null;
        }
        String r = reach(container);
        return r != null ? r : "focus on " + name;
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
        double c = temperatureOf(thing);
        if (Double.isNaN(c)) {
            String r = reach(thing);
            return r != null ? r : "use thermometer on " + thing;
        }
        String box = boxFor(c);
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
        Matcher m = MELTING.matcher(goal);
        if (!m.find()) {
            throw new IllegalStateException("no substance in goal: " + goal);
        }
        Catalogue.Substance s = Catalogue.byBase(m.group(1));
        if (cup == null) {
            cup = holderOf(s);
            if (cup == null) {
                return explore();
            }
        }
        f = focusOnIn(s.base(), cup);
        if (f != null) {
            return f;
        }
        if (!"stove".equals(placedIn(cup))) {
            String p = fetch(cup);
            if (p != null) {
                return p;
            }
            String go = goTo(House.KITCHEN);
            return go != null ? go : "move " + cup + " to stove";
        }
        double point = meltingPoint(s);
        if (measuredLiquid() && !Double.isNaN(point)) {
            String box = boxFor(point);
            return hasFocused(box) ? null : "focus on " + box;
        }
        String now = contentOf(cup);
        if (now == null) {
            return "look at " + cup;
        }
        boolean solid = now.equals(s.solid());
        if (solid && !Double.isNaN(pendingReading)) {
            solidReading = pendingReading;                  // the state after that reading was still solid
        }
        pendingReading = Double.NaN;
        boolean known = !Double.isNaN(point) || !Double.isNaN(solidReading);   // known, or bracketed from below
        if (!isOn("stove") && known) {
            return "activate stove";
        }
        if (solid && exactNow()) {
            return "wait1";                                  // the oracle measures once, when it has melted
        }
        readingLabel = solid ? (exactNow() ? "solid" : "unsure") : "liquid";
        return "use thermometer on " + s.base();
    }

    /** Files a melting-point reading by the state it was taken in (an unsure one waits for the next look). */
    private void noteReading(String c, String obs) {
        if (!c.startsWith("use thermometer on ") || !obs.contains("measures a temperature")) {
            return;
        }
        switch (readingLabel) {
            case "solid" -> solidReading = lastReading;
            case "liquid" -> liquidReading = Double.isNaN(liquidReading) ? lastReading : liquidReading;
            default -> pendingReading = lastReading;
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
        if (repair != null) {
            return carried(repair) ? "put down " + repair : "pick up " + repair;
        }
        String[] plan = {
            connect("battery anode", "black wire terminal 1"),
            connect("black wire terminal 2", part + " anode"),
            connect(part + " cathode", "red wire terminal 1"),
            connect("red wire terminal 2", "battery cathode"),
        };
        for (String c : plan) {
            if (!hasDone(c)) {
                return c;
            }
        }
        return "wait1";
    }

    /** A connect command as the admissible list writes it: the two terminals in alphabetical order. */
    static String connect(String x, String y) {
        return x.compareTo(y) <= 0 ? "connect " + x + " to " + y : "connect " + y + " to " + x;
    }

    private String conductivity() {
        String thing = goal.substring("Your task is to determine if ".length(), goal.indexOf(" is electrically"));
        String f = focusOn(thing);
        if (f != null) {
            return f;
        }
        Boolean conductive = conducts(thing);
        if (conductive == null) {
            if (roomOf(thing) != House.WORKSHOP || carried(thing)) {
                String p = fetch(thing);
                if (p != null) {
                    return p;
                }
                String go = goTo(House.WORKSHOP);
                return go != null ? go : "put down " + thing;
            }
            if (repair != null) {
                return carried(repair) ? "put down " + repair : "pick up " + repair;
            }
            String[] plan = {
                connect("battery anode", "black wire terminal 1"),
                connect("black wire terminal 2", thing + " terminal 1"),
                connect(thing + " terminal 2", "blue wire terminal 1"),
                connect("blue wire terminal 2", "red light bulb anode"),
                connect("red light bulb cathode", "red wire terminal 1"),
                connect("red wire terminal 2", "battery cathode"),
            };
            for (String c : plan) {
                if (!hasDone(c)) {
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
        String box = conductive ? yes : no;
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
        if (!pot.equals(placedIn(seed))) {
            String p = fetch(seed);
            if (p != null) {
                return p;
            }
            if (!pot.equals(placedIn("soil"))) {
                return place("soil", pot);
            }
            if (!hasDone("pour jug into " + pot)) {
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
        return exactNow() || waits % 2 == 1 ? "wait" : "look at " + pot;
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
            noteReading(c, obs);
        }
    }
}
