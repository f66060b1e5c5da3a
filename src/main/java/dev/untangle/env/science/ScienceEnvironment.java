package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.BATTERY;
import static dev.untangle.env.science.Scene.CLOSABLE;
import static dev.untangle.env.science.Scene.CONDUCTIVE;
import static dev.untangle.env.science.Scene.CONTAINER;
import static dev.untangle.env.science.Scene.COOLER;
import static dev.untangle.env.science.Scene.DEVICE;
import static dev.untangle.env.science.Scene.EDIBLE;
import static dev.untangle.env.science.Scene.ELECTRIC;
import static dev.untangle.env.science.Scene.HEATER;
import static dev.untangle.env.science.Scene.MATERIAL;
import static dev.untangle.env.science.Scene.MOVABLE;
import static dev.untangle.env.science.Scene.PAINT;
import static dev.untangle.env.science.Scene.PLANT;
import static dev.untangle.env.science.Scene.POT;
import static dev.untangle.env.science.Scene.POWERED;
import static dev.untangle.env.science.Scene.READABLE;
import static dev.untangle.env.science.Scene.SOIL;
import static dev.untangle.env.science.Scene.SUBSTANCE;
import static dev.untangle.env.science.Scene.SWITCH;
import static dev.untangle.env.science.Scene.THERMOMETER;
import static dev.untangle.env.science.Scene.WATER;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A live science episode. A command is parsed against ScienceWorld's action templates and the names of the things
 * the agent can see (its location, through open containers, and its inventory; a substance answers to its base name
 * in every state, which is how commands name it); a command no template or visible
 * thing matches answers {@code No known action matches that input.}, one that matches but cannot be done answers
 * ScienceWorld's reason; neither changes the world, and both count as a step. Every executed command advances the
 * world one tick ({@code wait}: ten), in which heaters and coolers move their contents' temperatures and potted
 * plants with soil and water grow. The score (0-100) follows ScienceWorld's goal sequences
 * ({@link Goals}); a {@code focus on} aimed at the wrong thing fails the task (done, score 0). A step's reward and
 * progress are the score change / 100 (negative on the failing step, so an episode's rewards sum to its final
 * score / 100); its raw reward is the change in points. Not thread-safe.
 */
public final class ScienceEnvironment implements TextEnvironment {

    /** Longest command accepted; a longer one raises {@link EnvironmentException}. */
    public static final int MAX_COMMAND_CHARS = 300;

    // operation codes of parsed commands
    static final int LOOK_AROUND = 1;
    static final int INVENTORY = 2;
    static final int TASK = 3;
    static final int WAIT = 4;
    static final int WAIT1 = 5;
    static final int OPEN_DOOR = 6;
    static final int CLOSE_DOOR = 7;
    static final int GO = 8;
    static final int LOOK_AT = 9;
    static final int FOCUS = 10;
    static final int PICK_UP = 11;
    static final int PUT_DOWN = 12;
    static final int OPEN = 13;
    static final int CLOSE = 14;
    static final int ACTIVATE = 15;
    static final int DEACTIVATE = 16;
    static final int EAT = 17;
    static final int READ = 18;
    static final int MIX = 19;
    static final int MOVE = 20;
    static final int POUR = 21;
    static final int USE = 22;
    static final int CONNECT = 23;

    /** Most scenes kept with their command strings, per environment. */
    private static final int CACHE = 2048;


    private final ScienceSuite suite;
    private final int maxSteps;
    private final Map<String, Commands> cache = new LinkedHashMap<>();
    private final Descriptions text = new Descriptions(this);

    private Scene s;
    private Commands commands;
    private int[] in;
    private double[] temp;
    private boolean[] open;
    private boolean[] on;
    private int[] stage;
    private int[] growth;
    private int[] conn;
    private boolean[] doorOpen;
    private boolean[] powered;
    private boolean[] vis;
    private int at;
    private int steps;
    private boolean done;
    private Goals goals;
    private boolean movedAway;
    private boolean measuredLiquid;
    private boolean usedOnTarget;
    private final List<Integer> focused = new ArrayList<>();

    private List<String> admList = List.of();

    ScienceEnvironment(ScienceSuite suite, int maxSteps) {
        this.suite = suite;
        this.maxSteps = maxSteps;
    }

    @Override
    public Reset reset(String split, int taskId) {
        suite.checkTaskId(split, taskId);
        String key = split + "/" + taskId;
        Commands l = cache.get(key);
        if (l == null) {
            if (cache.size() >= CACHE) {
                cache.clear();
            }
            l = new Commands(suite.scene(split, taskId));
            cache.put(key, l);
        }
        return load(l);
    }

    /** Starts playing a scene (tests use hand-built ones). */
    Reset load(Scene scene) {
        return load(new Commands(scene));
    }

    private Reset load(Commands l) {
        commands = l;
        s = l.scene;
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
        steps = 0;
        done = false;
        movedAway = false;
        measuredLiquid = false;
        usedOnTarget = false;
        focused.clear();
        goals = new Goals(this, s.type);
        computeAdmissible();
        return new Reset(s.spec, s.spec.goal() + "\n" + text.lookAround(), admList);
    }

    @Override
    public StepResult step(String command) {
        if (s == null) {
            throw new EnvironmentException("science: step before reset; call reset(split, taskId) first");
        }
        if (done) {
            throw new EnvironmentException("science task " + s.spec.key() + " is over (" + (goals.won() ? "won"
                    : goals.failed() ? "failed" : "step limit " + maxSteps + " reached") + "); reset to play again");
        }
        if (command != null && command.length() > MAX_COMMAND_CHARS) {
            throw new EnvironmentException("science: a command of " + command.length() + " characters is longer than"
                    + " the limit of " + MAX_COMMAND_CHARS);
        }
        steps++;
        int before = goals.score();
        Outcome o = execute(normalize(command));
        if (o.valid) {
            int ticks = o.ticks;
            for (int t = 0; t < ticks && !goals.over(); t++) {
                tick();
                goals.advance();
            }
            goals.update();
            computeAdmissible();
        }
        int after = goals.score();
        done = goals.over() || steps >= maxSteps;
        double delta = (after - before) / 100.0;
        return new StepResult(o.text, delta, after - before, done, goals.won(), o.valid, admList, delta);
    }

    @Override
    public List<String> admissible() {
        return admList;
    }

    @Override
    public TaskSpec task() {
        return s == null ? null : s.spec;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public boolean reportsProgress() {
        return true;
    }

    @Override
    public void close() {
        s = null;
        cache.clear();
    }

    /** The score so far, 0-100 (0 after a failure). */
    public int score() {
        return goals.score();
    }

    /** Whether the episode has ended. */
    public boolean isDone() {
        return done;
    }

    /** Whether the task was completed. */
    public boolean isWon() {
        return goals.won();
    }

    /** Whether the task failed (a wrong {@code focus on}, a wrong answer box). */
    public boolean isFailed() {
        return goals.failed();
    }

    // ---- state access for goals, experts and tests ----

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

    boolean movedAway() {
        return movedAway;
    }

    boolean measuredLiquid() {
        return measuredLiquid;
    }

    boolean usedOnTarget() {
        return usedOnTarget;
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

    // ---- the world's clock ----

    private void tick() {
        int[] f = s.flags;
        for (int i = 0; i < s.n; i++) {
            if (in[i] == House.GONE) {
                continue;
            }
            if ((f[i] & MATERIAL) != 0) {
                int src = activeSource(i);
                if (src >= 0) {
                    double target = s.sourceTemp[src];
                    boolean heater = (f[src] & HEATER) != 0;
                    if (heater ? temp[i] < target : temp[i] > target) {
                        temp[i] += Catalogue.HEAT_TRANSFER * (target - temp[i]);
                    }
                }
            }
            if ((f[i] & PLANT) != 0 && stage[i] < Catalogue.STAGES.size() - 1 && canGrow(i)) {
                if (++growth[i] >= Catalogue.TICKS_PER_STAGE) {
                    growth[i] = 0;
                    stage[i]++;
                }
            }
        }
    }

    /** A plant grows while it stands in a flower pot holding soil and liquid water. */
    boolean canGrow(int plant) {
        int pot = in[plant];
        if (pot < 0 || (s.flags[pot] & POT) == 0) {
            return false;
        }
        boolean soil = false;
        boolean water = false;
        for (int i = 0; i < s.n; i++) {
            if (in[i] == pot) {
                soil |= (s.flags[i] & SOIL) != 0;
                water |= (s.flags[i] & WATER) != 0 && state(i) == 1;
            }
        }
        return soil && water;
    }

    // ---- electricity ----

    /** Terminal index of terminal k of an electric thing. */
    int terminal(int thing, int k) {
        return 2 * s.elec[thing] + k;
    }

    /**
     * Union-find over terminals: connections join terminals; a conducting thing (wire, light bulb, conductive
     * object, switch that is on) joins its own two terminals unless it is {@code skip}; a battery never does.
     */
    int[] circuit(int skip) {
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
            if (thing == skip || in[thing] == House.GONE) {
                continue;
            }
            int f = s.flags[thing];
            boolean conducts = (f & SWITCH) != 0 ? on[thing] : (f & CONDUCTIVE) != 0;
            if (conducts) {
                union(parent, 2 * e, 2 * e + 1);
            }
        }
        return parent;
    }

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

    /**
     * A part is powered when its two terminals reach the battery's two terminals through conductors, one each, and
     * the battery is not short-circuited around it.
     */
    private void updatePower() {
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
                int a = find(uf, terminal(battery, 0));
                int c = find(uf, terminal(battery, 1));
                int x = find(uf, terminal(thing, 0));
                int y = find(uf, terminal(thing, 1));
                p = a != c && ((a == x && c == y) || (a == y && c == x));
            }
            powered[thing] = p;
        }
    }

    private void disconnect(int thing, StringBuilder out) {
        if ((s.flags[thing] & ELECTRIC) == 0) {
            return;
        }
        boolean any = false;
        for (int k = 0; k < 2; k++) {
            int t = terminal(thing, k);
            if (conn[t] >= 0) {
                conn[conn[t]] = -1;
                conn[t] = -1;
                any = true;
            }
        }
        if (any) {
            out.append("(disconnecting ").append(name(thing)).append(")\n");
            updatePower();
        }
    }

    // ---- parsing and rules ----

    /** What a command did. */
    private record Outcome(String text, boolean valid, int ticks) {
    }

    private static Outcome refuse(String text) {
        return new Outcome(text, false, 0);
    }

    private static Outcome done(String text) {
        return new Outcome(text, true, 1);
    }

    private static final Outcome NO_MATCH = refuse(ScienceText.NO_MATCH);

    static String normalize(String command) {
        if (command == null) {
            return "";
        }
        String c = command.strip().toLowerCase(Locale.ROOT);
        if (c.indexOf("  ") >= 0 || c.indexOf('\t') >= 0 || c.indexOf('\n') >= 0) {
            c = String.join(" ", c.split("\\s+"));
        }
        return c;
    }

    /** A visible thing with this current name (carried things first), or -1. */
    int resolve(String name) {
        int[] ids = s.byName.get(name);
        if (ids == null) {
            return -1;
        }
        int found = -1;
        for (int id : ids) {
            if (vis[id] && (commandName(id).equals(name) || name(id).equals(name))) {
                if (carried(id)) {
                    return id;
                }
                if (found < 0) {
                    found = id;
                }
            }
        }
        return found;
    }

    /** A door of the agent's location by its referent {@code door to <location>}, or -1. */
    private int door(String ref) {
        if (!ref.startsWith("door to ")) {
            return -1;
        }
        int r = House.index(ref.substring(8));
        for (int d = 0; d < House.DOORS.length; d++) {
            if (House.across(d, at) == r && r >= 0) {
                return d;
            }
        }
        return -1;
    }

    private Outcome execute(String c) {
        switch (c) {
            case "look around", "look" -> {
                return done(text.lookAround());
            }
            case "inventory" -> {
                return done(text.inventory());
            }
            case "task" -> {
                return done("Task Description:\n" + s.spec.goal());
            }
            case "wait", "wait10" -> {
                return new Outcome("You decide to wait for 10 iterations.", true, 10);
            }
            case "wait1" -> {
                return new Outcome("You decide to wait for 1 iterations.", true, 1);
            }
            default -> {
                return executeWithArguments(c);
            }
        }
    }

    private Outcome executeWithArguments(String c) {
        if (c.startsWith("look at ")) {
            int x = resolve(c.substring(8));
            return x < 0 ? NO_MATCH : done(text.describe(x, true));
        }
        if (c.startsWith("go to ")) {
            return go(c.substring(6));
        }
        if (c.startsWith("open ") || c.startsWith("close ")) {
            boolean opening = c.startsWith("open ");
            String ref = c.substring(opening ? 5 : 6);
            int d = door(ref);
            if (d >= 0) {
                if (doorOpen[d] == opening) {
                    return refuse("The door is already " + (opening ? "open." : "closed."));
                }
                doorOpen[d] = opening;
                return done("The door is now " + (opening ? "open." : "closed."));
            }
            int x = resolve(ref);
            return x < 0 ? NO_MATCH : openClose(x, opening);
        }
        if (c.startsWith("pick up ")) {
            int x = resolve(c.substring(8));
            return x < 0 ? NO_MATCH : moveThing(x, House.INVENTORY);
        }
        if (c.startsWith("put down ")) {
            int x = resolve(c.substring(9));
            if (x < 0) {
                return NO_MATCH;
            }
            if (in[x] != House.INVENTORY) {
                return refuse("That object does not appear to be in the inventory.");
            }
            return moveThing(x, House.room(at));
        }
        if (c.startsWith("activate ") || c.startsWith("deactivate ")) {
            boolean activating = c.startsWith("activate ");
            int x = resolve(c.substring(activating ? 9 : 11));
            return x < 0 ? NO_MATCH : activate(x, activating);
        }
        if (c.startsWith("focus on ")) {
            int x = resolve(c.substring(9));
            if (x < 0) {
                return NO_MATCH;
            }
            String text = "You focus on the " + name(x) + ".";
            boolean again = focused.contains(x);
            if (!again) {
                focused.add(x);
            }
            goals.focus(x, again);
            return done(text);
        }
        if (c.startsWith("eat ")) {
            int x = resolve(c.substring(4));
            if (x < 0) {
                return NO_MATCH;
            }
            if (!s.is(x, EDIBLE)) {
                return refuse("The " + name(x) + " is not edible.");
            }
            String name = name(x);
            in[x] = House.GONE;
            refreshVisibility();
            return done("The " + name + " was delicious.");
        }
        if (c.startsWith("read ")) {
            int x = resolve(c.substring(5));
            if (x < 0) {
                return NO_MATCH;
            }
            return s.is(x, READABLE) ? done(s.text[x]) : refuse("It's not clear how to read that.");
        }
        if (c.startsWith("mix ")) {
            int x = resolve(c.substring(4));
            return x < 0 ? NO_MATCH : mix(x);
        }
        if (c.startsWith("move ")) {
            int to = c.lastIndexOf(" to ");
            if (to < 0) {
                return NO_MATCH;
            }
            int x = resolve(c.substring(5, to));
            int y = resolve(c.substring(to + 4));
            if (x < 0 || y < 0) {
                return NO_MATCH;
            }
            return moveInto(x, y);
        }
        if (c.startsWith("pour ")) {
            int into = c.indexOf(" into ");
            if (into < 0) {
                return NO_MATCH;
            }
            int x = resolve(c.substring(5, into));
            int y = resolve(c.substring(into + 6));
            return x < 0 || y < 0 ? NO_MATCH : pour(x, y);
        }
        if (c.startsWith("use ")) {
            int onAt = c.indexOf(" on ");
            if (onAt < 0) {
                return NO_MATCH;
            }
            int x = resolve(c.substring(4, onAt));
            int y = resolve(c.substring(onAt + 4));
            return x < 0 || y < 0 ? NO_MATCH : use(x, y);
        }
        if (c.startsWith("connect ")) {
            int to = c.indexOf(" to ");
            if (to < 0) {
                return NO_MATCH;
            }
            int a = terminalRef(c.substring(8, to));
            int b = terminalRef(c.substring(to + 4));
            return a == -1 || b == -1 ? NO_MATCH : connect(a, b);
        }
        return NO_MATCH;
    }

    private Outcome go(String where) {
        int r = House.index(where);
        if (r < 0) {
            return NO_MATCH;
        }
        if (r == at) {
            return refuse("You are already in the " + where + ".");
        }
        for (int d = 0; d < House.DOORS.length; d++) {
            if (House.across(d, at) == r) {
                if (!doorOpen[d]) {
                    return refuse("The door is not open.");
                }
                at = r;
                movedAway = true;
                refreshVisibility();
                return done("You move to the " + where + ".");
            }
        }
        return refuse("It's not clear how to get there from here.");
    }

    private Outcome openClose(int x, boolean opening) {
        String n = name(x);
        if (!s.is(x, CLOSABLE)) {
            return refuse("The " + n + " is not " + (opening ? "openable." : "closeable."));
        }
        if (open[x] == opening) {
            return refuse("The " + n + " is already " + (opening ? "open." : "closed."));
        }
        open[x] = opening;
        refreshVisibility();
        return done("The " + n + " is now " + (opening ? "open." : "closed."));
    }

    private Outcome activate(int x, boolean activating) {
        String n = name(x);
        if (!s.is(x, DEVICE)) {
            return refuse("The " + n + " is not something that can be activated.");
        }
        if (on[x] == activating) {
            return refuse("The " + n + " is already " + (activating ? "activated." : "deactivated."));
        }
        on[x] = activating;
        if (s.is(x, SWITCH)) {
            updatePower();
        }
        return done("The " + n + " is now " + (activating ? "activated." : "deactivated."));
    }

    /** Why a thing cannot be carried, or null when it can. */
    private String immovable(int x) {
        if (s.is(x, MOVABLE)) {
            return null;
        }
        int st = state(x);
        if (s.is(x, SUBSTANCE | PAINT) && st == 1) {
            return "You can't pick up a liquid directly.  Try pouring it from one container to another.";
        }
        if (s.is(x, SUBSTANCE) && st == 2) {
            return "You can't pick up a gas directly.";
        }
        return "The " + name(x) + " is not moveable.";
    }

    private Outcome moveThing(int x, int where) {
        String why = immovable(x);
        if (why != null) {
            return refuse(why);
        }
        if (where == House.INVENTORY && in[x] == House.INVENTORY) {
            return refuse("That object already appears to be in the inventory.");
        }
        StringBuilder out = new StringBuilder();
        disconnect(x, out);
        in[x] = where;
        refreshVisibility();
        out.append("You move the ").append(name(x)).append(" to the ")
                .append(where == House.INVENTORY ? "inventory" : House.NAMES.get(House.roomOf(where))).append('.');
        return done(out.toString());
    }

    private Outcome moveInto(int x, int y) {
        if (x == y || within(y, x)) {
            return refuse("You can't move something into itself.");
        }
        String why = immovable(x);
        if (why != null) {
            return refuse(why);
        }
        if (!s.is(y, CONTAINER)) {
            return refuse("That can't be moved there.");
        }
        if (!open[y]) {
            return refuse("That can't be moved there, because the " + name(y) + " isn't open.");
        }
        if (in[x] == y) {
            return refuse("The " + name(x) + " is already in the " + name(y) + ".");
        }
        StringBuilder out = new StringBuilder();
        disconnect(x, out);
        in[x] = y;
        refreshVisibility();
        out.append("You move the ").append(name(x)).append(" to the ").append(name(y)).append('.');
        return done(out.toString());
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

    private Outcome pour(int x, int y) {
        if (x == y || within(y, x)) {
            return refuse("You can't move something into itself.");
        }
        if (!s.is(x, CONTAINER)) {
            return refuse("I'm not sure how to pour that.");
        }
        if (!s.is(y, CONTAINER)) {
            return refuse("That can't be moved there, because it's not a container.");
        }
        if (!open[y]) {
            return refuse("That can't be moved there, because the " + name(y) + " isn't open.");
        }
        if (!holdsFluid(x)) {
            return refuse("The " + name(x) + " is empty, so there's nothing to pour.");
        }
        for (int i = 0; i < s.n; i++) {
            if (in[i] == x) {
                in[i] = y;
            }
        }
        refreshVisibility();
        return done("You pour the contents of the " + name(x) + " into the " + name(y) + ".");
    }

    private Outcome use(int x, int y) {
        if (!s.is(x, THERMOMETER) || x == y) {
            return refuse("I'm not sure how to use those two things together.");
        }
        if (!s.is(y, MATERIAL | SUBSTANCE | PAINT)) {
            return refuse("That thing doesn't appear to have a temperature that the thermometer can read. ");
        }
        if (y == s.target) {
            usedOnTarget = true;
            if (state(y) == 1) {
                measuredLiquid = true;
            }
        }
        return done("the thermometer measures a temperature of " + SceneGenerator.fmt(temp[y]) + " degrees celsius");
    }

    private Outcome mix(int x) {
        if (!s.is(x, CONTAINER)) {
            return refuse("It's not clear how to mix that.");
        }
        int count = 0;
        int last = -1;
        int paints = 0;
        int colours = 0;
        for (int i = 0; i < s.n; i++) {
            if (in[i] == x) {
                count++;
                last = i;
                if (s.is(i, PAINT) && s.colour[i] < 3) {
                    paints++;
                    colours |= 1 << s.colour[i];
                }
            }
        }
        if (count == 0) {
            return refuse("That container is empty, so there are no items to mix.");
        }
        if (count == 1) {
            return refuse("There is only one thing (" + name(last) + ")");
        }
        int result = count == 2 && paints == 2 ? switch (colours) {
            case 0b011 -> 3;
            case 0b110 -> 4;
            case 0b101 -> 5;
            default -> -1;
        } : -1;
        int made = -1;
        for (int i = 0; i < s.n && result >= 0; i++) {
            if (s.is(i, PAINT) && s.colour[i] == result && in[i] == House.GONE) {
                made = i;
            }
        }
        if (made < 0) {
            return done("Mixing the contents of the " + name(x) + " does not appear to produce anything new.");
        }
        for (int i = 0; i < s.n; i++) {
            if (in[i] == x) {
                in[i] = House.GONE;
            }
        }
        in[made] = x;
        refreshVisibility();
        String a = Scene.COLOURS.get(Integer.numberOfTrailingZeros(colours));
        String b = Scene.COLOURS.get(31 - Integer.numberOfLeadingZeros(colours));
        return done(Character.toUpperCase(a.charAt(0)) + a.substring(1) + " and " + b + " paint mix to produce "
                + Scene.COLOURS.get(result) + " paint.");
    }

    /**
     * A terminal by its referent: {@code <thing> anode|cathode|terminal 1|terminal 2}, or a thing's name (its
     * first free terminal); -1 when nothing matches, -2 when the thing matches but is not electric.
     */
    private int terminalRef(String ref) {
        for (String t : new String[] {" anode", " cathode", " terminal 1", " terminal 2"}) {
            if (ref.endsWith(t)) {
                int x = resolve(ref.substring(0, ref.length() - t.length()));
                if (x >= 0 && s.is(x, ELECTRIC)) {
                    for (int k = 0; k < 2; k++) {
                        if (s.terminalName(x, k).equals(t.substring(1))) {
                            return terminal(x, k);
                        }
                    }
                }
            }
        }
        int x = resolve(ref);
        if (x < 0) {
            return -1;
        }
        if (!s.is(x, ELECTRIC)) {
            return -2 - x;
        }
        int t0 = terminal(x, 0);
        return conn[t0] < 0 ? t0 : t0 + 1;
    }

    /** A visible terminal by its command referent, or -1 (for the oracle). */
    int terminalByReferent(String ref) {
        int t = terminalRef(ref);
        return t < 0 ? -1 : t;
    }

    /** A terminal as feedback names it: {@code anode on battery}. */
    String terminalText(int t) {
        int thing = s.elecThing[t / 2];
        return s.terminalName(thing, t % 2) + " on " + name(thing);
    }

    private Outcome connect(int a, int b) {
        if (a <= -2 || b <= -2) {
            int x = a <= -2 ? -2 - a : -2 - b;
            return refuse("It's not clear how to connect something to " + name(x));
        }
        if (a / 2 == b / 2) {
            return refuse("Something can't be connected to itself.");
        }
        if (conn[a] >= 0 || conn[b] >= 0) {
            return refuse("The " + terminalText(conn[a] >= 0 ? a : b) + " is already connected.");
        }
        conn[a] = b;
        conn[b] = a;
        updatePower();
        return done(terminalText(a) + " is now connected to " + terminalText(b));
    }

    // ---- text ----

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

    // ---- admissible commands ----

    private void computeAdmissible() {
        refreshVisibility();
        admList = commands.admissible(this);
    }

    /** A text fingerprint of the full world state, for determinism tests. */
    String snapshot() {
        return at + "|" + Arrays.toString(in) + Arrays.toString(temp) + Arrays.toString(open) + Arrays.toString(on)
                + Arrays.toString(stage) + Arrays.toString(conn) + Arrays.toString(doorOpen) + goals.score()
                + focused;
    }

}
