package dev.untangle.env.science;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A science expert: the one procedure both science experts follow, one command at a time, re-deciding from what
 * they know after every observation: focus on what the task names, fetch the things it needs, walk through the
 * house (opening doors), heat or cool with the appliance the substance's melting or boiling point calls for, wire a
 * circuit, plant a seed, mix paints, answer with a box. What the expert knows (where a thing is, whether a door is
 * open, what a container holds) comes from its {@link Knowledge}: {@link #oracle()} reads the world state
 * ({@link OracleKnowledge}), {@link #searcher()} only what the observations said ({@link SearcherKnowledge}). Goal
 * details (names, thresholds, box colours) are read from the goal text by both.
 */
final class Planner implements Expert {

    private static final Pattern READING = Pattern.compile("measures a temperature of (-?\\d+) degrees");
    private static final Pattern BOX_IF = Pattern.compile("(above|below) (-?\\d+) degrees celsius, (?:place it in|focus"
            + " on) the ([a-z]+ box)");
    private static final Pattern CONDUCT_IF = Pattern.compile(
            "(conductive|nonconductive), place it in the ([a-z]+ box)");
    private static final Pattern MELTING = Pattern.compile("melting point of ([a-z ]+), which");
    private static final Pattern DISCONNECTED = Pattern.compile("\\(disconnecting ([a-z0-9 ]+)\\)");
    private static final Pattern FIND = Pattern.compile("find a\\(n\\) ([a-z -]+)\\. .* move it to the ([a-z]+ box) in"
            + " the ([a-z ]+)\\.");

    private final Knowledge k;
    private final Memory memory = new Memory();
    /** The task type, from the task spec. */
    private TaskType type;
    /** The goal sentence. */
    private String goal;
    /** The last command played (this expert's, or another agent's when following it). */
    private String last;
    private double pendingReading = Double.NaN;
    private String readingLabel = "unsure";
    /** A thing another agent wired where this expert's circuit needs a free terminal: carried away and back. */
    private String repair;
    private String cup;
    private String answer;
    private int waits;

    Planner(Knowledge knowledge) {
        this.k = knowledge;
    }

    /** The science expert that knows the world state. */
    static Planner oracle() {
        return new Planner(new OracleKnowledge());
    }

    /** The science expert that acts only from observations. */
    static Planner searcher() {
        return new Planner(new SearcherKnowledge());
    }

    @Override
    public String name() {
        return k.name();
    }

    @Override
    public void begin(TextEnvironment env, Reset reset) {
        goal = reset.task().goal();
        type = typeOf(reset.task().taskType());
        last = null;
        memory.clear();
        pendingReading = Double.NaN;
        readingLabel = "unsure";
        repair = null;
        cup = null;
        answer = null;
        waits = 0;
        k.start(science(env), reset.observation(), goal);
    }

    /** Follows another agent when the knowledge can: its command, not this expert's proposal, is what the next
     * observation answers. */
    @Override
    public void played(String command) {
        if (!k.followsOtherAgents()) {
            Expert.super.played(command);
        }
        last = command;
    }

    @Override
    public boolean labelsOtherAgents() {
        return k.followsOtherAgents();
    }

    static ScienceEnvironment science(TextEnvironment e) {
        if (e instanceof ScienceEnvironment s) {
            return s;
        }
        throw new IllegalArgumentException("science experts play science environments only, got "
                + e.getClass().getName());
    }

    @Override
    public String next(TextEnvironment env, String lastObservation) {
        if (last != null) {
            heard(last, lastObservation);
            k.learn(last, lastObservation);
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

    // ---- bookkeeping shared by both experts ----

    private void heard(String c, String obs) {
        if (c.startsWith("focus on ") && obs.startsWith("You focus on")) {
            memory.focusedNames.add(c.substring(9));
        }
        Matcher m = READING.matcher(obs);
        if (m.find()) {
            memory.lastReading = Double.parseDouble(m.group(1));
        }
        if (obs.contains("is now connected to") || obs.contains("is now activated")
                || obs.endsWith("is already activated.")) {
            memory.done.add(c);
        }
        if (c.startsWith("connect ") && obs.endsWith(" is already connected.")) {
            repair = obs.substring(obs.indexOf(" on ") + 4, obs.length() - " is already connected.".length());
        }
        Matcher cut = DISCONNECTED.matcher(obs);
        while (cut.find()) {
            String thing = cut.group(1);
            memory.done.removeIf(x -> x.startsWith("connect ") && x.contains(thing));
        }
        if (repair != null && c.equals("put down " + repair) && obs.startsWith("You move the")) {
            repair = null;
        }
        if (c.startsWith("look at ") && c.endsWith("light bulb")) {
            memory.litAnswer = obs.contains("which is on") ? "on" : "off";
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
    private String goTo(int room) {
        return goTo(k, room);
    }

    /** The next command towards a location by what {@code k} knows of the doors, or null when there. */
    static String goTo(Knowledge k, int room) {
        int at = k.at();
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
                return k.doorOpen(d) ? "go to " + House.NAMES.get(step) : "open door to " + House.NAMES.get(step);
            }
        }
        throw new IllegalStateException("no door from " + House.NAMES.get(at) + " to " + House.NAMES.get(step));
    }

    /** The next command to stand where {@code name} is, with it reachable; null when there. */
    private String reach(String name) {
        int r = k.roomOf(name);
        if (r < 0) {
            return k.explore();
        }
        String go = goTo(r);
        if (go != null) {
            return go;
        }
        String closed = k.closedAround(name);
        return closed == null ? null : "open " + closed;
    }

    /** The next command to carry {@code name}; null when carried. */
    private String fetch(String name) {
        if (k.carried(name)) {
            return null;
        }
        String r = reach(name);
        return r != null ? r : "pick up " + name;
    }

    private String focusOn(String name) {
        if (k.hasFocused(name, memory)) {
            return null;
        }
        String r = reach(name);
        return r != null ? r : "focus on " + name;
    }

    /** Puts a thing into an open container (fetching the thing first); null when it is already there. */
    private String place(String thing, String container) {
        if (container.equals(k.placedIn(thing, memory))) {
            return null;
        }
        String r = reach(container);
        if (r != null) {
            return r;
        }
        if (!k.carried(thing)) {
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
            memory.placed.put(c.substring(5, to), c.substring(to + 4));
        } else if ((c.startsWith("pick up ") || c.startsWith("put down ")) && obs.contains("You move the")) {
            memory.placed.remove(c.substring(c.startsWith("pick up ") ? 8 : 9));
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
                return k.explore();
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
        if (!device.equals(k.placedIn(cup, memory))) {
            String p = fetch(cup);
            if (p != null) {
                return p;
            }
            String go = goTo(room);
            if (go != null) {
                return go;
            }
            if (!k.knowsHere()) {
                return "look around";
            }
            return k.closedHere(device) ? "open " + device : "move " + cup + " to " + device;
        }
        return k.isOn(device) ? "wait1" : "activate " + device;      // one tick at a time until the task is done
    }

    /** The container of a substance, found by any of its names. */
    private String holderOf(Catalogue.Substance s) {
        for (String n : List.of(s.base(), s.solid(), s.liquid(), s.gas())) {
            String h = k.holderOf(n);
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    /** Focuses on a thing once, standing where its container is. */
    private String focusOnIn(String name, String container) {
        if (k.hasFocused(name, memory)) {
            return null;
        }
        String r = reach(container);
        return r != null ? r : "focus on " + name;
    }

    /** Focuses on the thermometer and carries it; null when both are done. */
    private String thermometerInHand() {
        String f = focusOn("thermometer");
        return f != null ? f : fetch("thermometer");
    }

    private String thermometer() {
        String t = thermometerInHand();
        if (t != null) {
            return t;
        }
        String thing = goal.substring("Your task is to measure the temperature of ".length(), goal.indexOf(','));
        String f = focusOn(thing);
        if (f != null) {
            return f;
        }
        double c = k.temperatureOf(thing, memory);
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
        String t = thermometerInHand();
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
                return k.explore();
            }
        }
        String f = focusOnIn(s.base(), cup);
        if (f != null) {
            return f;
        }
        if (!"stove".equals(k.placedIn(cup, memory))) {
            String p = fetch(cup);
            if (p != null) {
                return p;
            }
            String go = goTo(House.KITCHEN);
            return go != null ? go : "move " + cup + " to stove";
        }
        double point = k.meltingPoint(s, memory);
        if (k.measuredLiquid(memory) && !Double.isNaN(point)) {
            String box = boxFor(point);
            return k.hasFocused(box, memory) ? null : "focus on " + box;
        }
        String now = k.contentOf(cup);
        if (now == null) {
            return "look at " + cup;
        }
        boolean solid = now.equals(s.solid());
        if (solid && !Double.isNaN(pendingReading)) {
            memory.solidReading = pendingReading;           // the state after that reading was still solid
        }
        pendingReading = Double.NaN;
        boolean known = !Double.isNaN(point) || !Double.isNaN(memory.solidReading);  // known, or bracketed below
        if (!k.isOn("stove") && known) {
            return "activate stove";
        }
        if (solid && k.exactNow()) {
            return "wait1";                                  // the oracle measures once, when it has melted
        }
        readingLabel = solid ? (k.exactNow() ? "solid" : "unsure") : "liquid";
        return "use thermometer on " + s.base();
    }

    /** Files a melting-point reading by the state it was taken in (an unsure one waits for the next look). */
    private void noteReading(String c, String obs) {
        if (!c.startsWith("use thermometer on ") || !obs.contains("measures a temperature")) {
            return;
        }
        switch (readingLabel) {
            case "solid" -> memory.solidReading = memory.lastReading;
            case "liquid" -> memory.liquidReading = Double.isNaN(memory.liquidReading) ? memory.lastReading
                    : memory.liquidReading;
            default -> pendingReading = memory.lastReading;
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
            return k.carried(repair) ? "put down " + repair : "pick up " + repair;
        }
        String[] plan = {
            connect("battery anode", "black wire terminal 1"),
            connect("black wire terminal 2", part + " anode"),
            connect(part + " cathode", "red wire terminal 1"),
            connect("red wire terminal 2", "battery cathode"),
        };
        for (String c : plan) {
            if (!k.hasDone(c, memory)) {
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
        Boolean conductive = k.conducts(thing, memory);
        if (conductive == null) {
            if (k.roomOf(thing) != House.WORKSHOP || k.carried(thing)) {
                String p = fetch(thing);
                if (p != null) {
                    return p;
                }
                String go = goTo(House.WORKSHOP);
                return go != null ? go : "put down " + thing;
            }
            if (repair != null) {
                return k.carried(repair) ? "put down " + repair : "pick up " + repair;
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
                if (!k.hasDone(c, memory)) {
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
            String c = k.candidate(kind);
            if (c == null) {
                return k.explore();
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
        if (!pot.equals(k.placedIn(seed, memory))) {
            String p = fetch(seed);
            if (p != null) {
                return p;
            }
            if (!pot.equals(k.placedIn("soil", memory))) {
                return place("soil", pot);
            }
            if (!k.hasDone("pour jug into " + pot, memory)) {
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
        return k.exactNow() || waits % 2 == 1 ? "wait" : "look at " + pot;
    }

    private String paint() {
        String want = goal.substring("Your task is to use chemistry to create ".length(), goal.indexOf(" paint."));
        String[] inputs = switch (want) {
            case "violet" -> new String[] {"red paint", "blue paint"};
            case "green" -> new String[] {"blue paint", "yellow paint"};
            default -> new String[] {"red paint", "yellow paint"};
        };
        String result = want + " paint";
        if (k.roomOf(result) >= 0) {
            return focusOn(result);
        }
        String first = k.holderOf(inputs[0]);
        String second = k.holderOf(inputs[1]);
        if (first == null || second == null) {
            return k.explore();
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
            memory.done.add(c);
        }
        if (type == TaskType.MEASURE_MELTING) {
            noteReading(c, obs);
        }
    }
}
