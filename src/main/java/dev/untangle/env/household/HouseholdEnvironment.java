package dev.untangle.env.household;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.Arrays;
import java.util.List;

/**
 * A live household episode. Commands are matched exactly (after trimming) against the admissible commands,
 * which are recomputed after every state change together with the action each one stands for; anything
 * else answers {@code Nothing happens.}, leaves the state unchanged and still counts as a step. Not
 * thread-safe.
 */
public final class HouseholdEnvironment implements TextEnvironment {

    private static final int GO = 1;
    private static final int OPEN = 2;
    private static final int CLOSE = 3;
    private static final int TAKE = 4;
    private static final int MOVE = 5;
    private static final int HEAT = 6;
    private static final int COOL = 7;
    private static final int CLEAN = 8;
    private static final int USE = 9;
    private static final int EXAMINE_R = 10;
    private static final int EXAMINE_O = 11;
    private static final int INVENTORY = 12;
    private static final int LOOK = 13;
    private static final int HELP = 14;

    private final HouseholdSuite suite;
    private final Catalogue cat;
    private final Grammar grammar;
    private final int maxSteps;
    private final int microwave;
    private final int fridge;
    private final int sinkbasin;

    private World w;
    private int at;
    private int held;
    private int[] objIn;
    private boolean[] open;
    private boolean[] hot;
    private boolean[] cool;
    private boolean[] clean;
    private boolean[] lampOn;
    private int steps;
    private boolean done;
    private boolean won;

    private String[] adm = new String[64];
    private int[] admAct = new int[64];
    private int admN;
    private List<String> admList = List.of();
    private String[] tmp = new String[32];
    private int[] tmpAct = new int[32];
    private int tmpN;
    private String[] names = new String[64];
    /** Per-episode caches of command strings, filled on first use: [object * receptacles + receptacle]. */
    private String[] takeCache;
    private String[] moveCache;
    private String[] examineObjCache;
    private String[] examineRecCache;

    HouseholdEnvironment(HouseholdSuite suite, Catalogue cat, Grammar grammar, int maxSteps) {
        this.suite = suite;
        this.cat = cat;
        this.grammar = grammar;
        this.maxSteps = maxSteps;
        this.microwave = cat.id("microwave");
        this.fridge = cat.id("fridge");
        this.sinkbasin = cat.id("sinkbasin");
    }

    @Override
    public Reset reset(String split, int taskId) {
        if (suite == null) {
            throw new EnvironmentException("this household environment plays one generated world only");
        }
        suite.checkTaskId(split, taskId);
        return load(suite.world(split, taskId));
    }

    /** Starts playing a world. */
    Reset load(World world) {
        w = world;
        int n = world.objClass.length;
        int r = world.layout.receptacles();
        at = -1;
        held = -1;
        objIn = world.objStart.clone();
        open = new boolean[r];
        hot = new boolean[n];
        cool = world.startCool.clone();
        clean = new boolean[n];
        lampOn = new boolean[n];
        steps = 0;
        done = false;
        won = false;
        if (names.length < n + r) {
            names = new String[n + r];
        }
        takeCache = new String[n * r];
        moveCache = new String[n * r];
        examineObjCache = new String[n];
        examineRecCache = new String[r];
        computeAdmissible();
        return new Reset(world.spec, world.initialObservation(), admList);
    }

    @Override
    public StepResult step(String command) {
        if (w == null) {
            throw new EnvironmentException("household: step before reset; call reset(split, taskId) first");
        }
        if (done) {
            throw new EnvironmentException("household task " + w.spec.key() + " is over (" + (won ? "won"
                    : "step limit " + maxSteps + " reached") + "); reset to play again");
        }
        steps++;
        String cmd = command == null ? "" : command.strip();
        int idx = Arrays.binarySearch(adm, 0, admN, cmd);
        String obs;
        boolean valid = idx >= 0;
        double reward = 0;
        int progress = 0;                                // an invalid command changes nothing
        if (valid) {
            int before = potential();
            obs = execute(admAct[idx]);
            if (!won && goalHolds()) {
                won = true;
                reward = 1;
            }
            progress = potential() - before;
            computeAdmissible();
        } else {
            obs = Messages.NOTHING;
        }
        done = won || steps >= maxSteps;
        return new StepResult(obs, reward, reward, done, won, valid, admList, progress);
    }

    @Override
    public List<String> admissible() {
        return admList;
    }

    @Override
    public TaskSpec task() {
        return w == null ? null : w.spec;
    }

    @Override
    public int steps() {
        return steps;
    }

    /** Whether the episode has ended. */
    public boolean isDone() {
        return done;
    }

    /** Whether the goal was reached. */
    public boolean isWon() {
        return won;
    }

    /** The command grammar. */
    public Grammar grammar() {
        return grammar;
    }

    /** The step limit. */
    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public void close() {
        w = null;
    }

    // ---- state access for the experts and tests (package-private) ----

    World world() {
        return w;
    }

    int at() {
        return at;
    }

    int held() {
        return held;
    }

    int objIn(int o) {
        return objIn[o];
    }

    boolean isOpen(int r) {
        return open[r];
    }

    boolean isHot(int o) {
        return hot[o];
    }

    boolean isCool(int o) {
        return cool[o];
    }

    boolean isClean(int o) {
        return clean[o];
    }

    boolean isLampOn(int o) {
        return lampOn[o];
    }

    /** A text fingerprint of the full world state (not the step count). */
    String snapshot() {
        return at + "|" + held + "|" + Arrays.toString(objIn) + Arrays.toString(open) + Arrays.toString(hot)
                + Arrays.toString(cool) + Arrays.toString(clean) + Arrays.toString(lampOn) + won;
    }

    // ---- rules ----

    private String execute(int action) {
        int op = action & 0xff;
        int a = (action >>> 8) & 0xfff;
        int b = action >>> 20;
        String[] rn = w.layout.recName;
        String[] on = w.objName;
        switch (op) {
            case GO -> {
                at = a;
                return (grammar == Grammar.NEW ? "You arrive at " + rn[a] + ". "
                        : "You arrive at loc " + w.layout.loc[a] + ". ") + describe(a);
            }
            case OPEN -> {
                open[a] = true;
                return "You open the " + rn[a] + ". " + describe(a);
            }
            case CLOSE -> {
                open[a] = false;
                return "You close the " + rn[a] + ".";
            }
            case TAKE -> {
                objIn[a] = -1;
                held = a;
                return "You pick up the " + on[a] + " from the " + rn[b] + ".";
            }
            case MOVE -> {
                objIn[a] = b;
                held = -1;
                return grammar == Grammar.NEW ? "You move the " + on[a] + " to the " + rn[b] + "."
                        : "You put the " + on[a] + " in/on the " + rn[b] + ".";
            }
            case HEAT -> {
                hot[a] = true;
                cool[a] = false;
                return "You heat the " + on[a] + " using the " + rn[b] + ".";
            }
            case COOL -> {
                cool[a] = true;
                hot[a] = false;
                return "You cool the " + on[a] + " using the " + rn[b] + ".";
            }
            case CLEAN -> {
                clean[a] = true;
                return "You clean the " + on[a] + " using the " + rn[b] + ".";
            }
            case USE -> {
                lampOn[a] = true;
                return "You turn on the " + on[a] + ".";
            }
            case EXAMINE_R -> {
                return describe(a);
            }
            case EXAMINE_O -> {
                return examineObject(a);
            }
            case INVENTORY -> {
                return held < 0 ? Messages.EMPTY_HANDS : "You are carrying: a " + on[held] + ".";
            }
            case LOOK -> {
                return at < 0 ? Messages.middle(w.roomList)
                        : "You are facing the " + rn[at] + ". Next to it, you see nothing.";
            }
            case HELP -> {
                return Messages.HELP;
            }
            default -> throw new IllegalStateException("household: unknown action code " + action);
        }
    }

    private String describe(int r) {
        String name = w.layout.recName[r];
        if (w.layout.openable[r] && !open[r]) {
            return Messages.closed(name);
        }
        int n = 0;
        for (int o = 0; o < objIn.length; o++) {
            if (objIn[o] == r) {
                names[n++] = w.objName[o];
            }
        }
        String list = Messages.list(names, n);
        return w.layout.openable[r] ? Messages.open(name, list) : Messages.surface(name, list);
    }

    private String examineObject(int o) {
        String name = w.objName[o];
        int c = w.objClass[o];
        if (cat.container(c)) {
            return "This is a normal " + name + ". In it, you see nothing.";
        }
        if (hot[o] && clean[o]) {
            return "This is a hot and clean " + name + ".";
        }
        if (cool[o] && clean[o]) {
            return "This is a cool and clean " + name + ".";
        }
        if (hot[o]) {
            return "This is a hot " + name + ".";
        }
        if (clean[o]) {
            return "This is a clean " + name + ".";
        }
        if (cool[o]) {
            return "This is a cold " + name + ".";
        }
        if (w.lamp[o]) {
            return "This " + name + " is " + (lampOn[o] ? "on." : "off.");
        }
        return "There's nothing special about " + name + ".";
    }

    @Override
    public boolean reportsProgress() {
        return true;
    }

    /**
     * The task-progress potential Phi of the current state (docs/ALGORITHMS.md "GCD labels", {@code progress}):
     * {@value #PHI_WON} once the goal holds; otherwise the hand term (+1 holding an object of the goal's class, -1
     * holding any other object, 0 empty-handed), plus 1 when the held goal-class object already has the state the
     * goal asks for (hot, cool, clean), plus 2 in a pick-two task when a goal-class object already lies in a
     * receptacle of the target class. A step's progress is Phi(s') - Phi(s): taking the right object, heating it,
     * placing the first of two are positive; taking a wrong object or putting the goal object down elsewhere are
     * negative; moving, opening and looking are 0.
     */
    int potential() {
        if (won) {
            return PHI_WON;
        }
        int[] oc = w.objClass;
        int phi = held < 0 ? 0 : oc[held] == w.objCls ? 1 : -1;
        if (held >= 0 && oc[held] == w.objCls && w.type != TaskType.PICK_TWO && w.type != TaskType.LOOK
                && w.type != TaskType.PICK && stateOk(held)) {
            phi += 1;
        }
        if (w.type == TaskType.PICK_TWO) {
            int[] rc = w.layout.recClass;
            for (int x = 0; x < oc.length; x++) {
                if (oc[x] == w.objCls && objIn[x] >= 0 && rc[objIn[x]] == w.targetCls) {
                    phi += 2;
                    break;
                }
            }
        }
        return phi;
    }

    /** The potential of a won state, above every other state's. */
    static final int PHI_WON = 4;

    private boolean goalHolds() {
        int[] oc = w.objClass;
        int[] rc = w.layout.recClass;
        switch (w.type) {
            case LOOK -> {
                if (held < 0 || oc[held] != w.objCls || at < 0) {
                    return false;
                }
                for (int l = 0; l < oc.length; l++) {
                    if (oc[l] == w.targetCls && lampOn[l] && objIn[l] == at) {
                        return true;
                    }
                }
                return false;
            }
            case PICK_TWO -> {
                for (int x = 0; x < oc.length; x++) {
                    if (oc[x] != w.objCls || objIn[x] < 0 || rc[objIn[x]] != w.targetCls) {
                        continue;
                    }
                    for (int y = x + 1; y < oc.length; y++) {
                        if (oc[y] == w.objCls && objIn[y] == objIn[x]) {
                            return true;
                        }
                    }
                }
                return false;
            }
            default -> {
                for (int x = 0; x < oc.length; x++) {
                    if (oc[x] == w.objCls && objIn[x] >= 0 && rc[objIn[x]] == w.targetCls && stateOk(x)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /** Whether object {@code o} has the state the goal asks for (hot, cool, clean, or none). */
    boolean stateOk(int o) {
        return switch (w.type) {
            case HEAT -> hot[o];
            case COOL -> cool[o];
            case CLEAN -> clean[o];
            default -> true;
        };
    }

    // ---- admissible commands ----

    private void add(String cmd, int op, int a, int b) {
        if (tmpN == tmp.length) {
            tmp = Arrays.copyOf(tmp, tmpN * 2);
            tmpAct = Arrays.copyOf(tmpAct, tmpN * 2);
        }
        tmp[tmpN] = cmd;
        tmpAct[tmpN++] = op | (a << 8) | (b << 20);
    }

    private String examineCommand(int o) {
        String e = examineObjCache[o];
        if (e == null) {
            e = examineObjCache[o] = "examine " + w.objName[o];
        }
        return e;
    }

    private void computeAdmissible() {
        tmpN = 0;
        String[] rn = w.layout.recName;
        String[] on = w.objName;
        add("inventory", INVENTORY, 0, 0);
        add("look", LOOK, 0, 0);
        if (grammar == Grammar.NEW) {
            add("help", HELP, 0, 0);
        }
        if (at >= 0) {
            String r = rn[at];
            String exr = examineRecCache[at];
            if (exr == null) {
                exr = examineRecCache[at] = "examine " + r;
            }
            add(exr, EXAMINE_R, at, 0);
            boolean openable = w.layout.openable[at];
            if (openable) {
                if (open[at]) {
                    add("close " + r, CLOSE, at, 0);
                } else {
                    add("open " + r, OPEN, at, 0);
                }
            }
            boolean visible = !openable || open[at];
            if (visible) {
                for (int o = 0; o < objIn.length; o++) {
                    if (objIn[o] != at) {
                        continue;
                    }
                    add(examineCommand(o), EXAMINE_O, o, 0);
                    if (held < 0 && w.portable[o]) {
                        int k = o * open.length + at;
                        String take = takeCache[k];
                        if (take == null) {
                            take = takeCache[k] = "take " + on[o] + " from " + r;
                        }
                        add(take, TAKE, o, at);
                    }
                    if (w.lamp[o]) {
                        add("use " + on[o], USE, o, 0);
                    }
                }
            }
            if (held >= 0) {
                int rc = w.layout.recClass[at];
                int hc = w.objClass[held];
                if (visible && cat.accepts(rc, hc)) {
                    int k = held * open.length + at;
                    String move = moveCache[k];
                    if (move == null) {
                        move = moveCache[k] = grammar == Grammar.NEW ? "move " + on[held] + " to " + r
                                : "put " + on[held] + " in/on " + r;
                    }
                    add(move, MOVE, held, at);
                }
                if (rc == microwave && cat.heatable(hc)) {
                    add("heat " + on[held] + " with " + r, HEAT, held, at);
                } else if (rc == fridge && cat.coolable(hc)) {
                    add("cool " + on[held] + " with " + r, COOL, held, at);
                } else if (rc == sinkbasin && cat.cleanable(hc)) {
                    add("clean " + on[held] + " with " + r, CLEAN, held, at);
                }
            }
        }
        if (held >= 0) {
            add(examineCommand(held), EXAMINE_O, held, 0);
        }
        // insertion sort of the few non-"go to" commands
        for (int i = 1; i < tmpN; i++) {
            String s = tmp[i];
            int act = tmpAct[i];
            int j = i - 1;
            while (j >= 0 && tmp[j].compareTo(s) > 0) {
                tmp[j + 1] = tmp[j];
                tmpAct[j + 1] = tmpAct[j];
                j--;
            }
            tmp[j + 1] = s;
            tmpAct[j + 1] = act;
        }
        // merge with the pre-sorted "go to" commands
        String[] go = w.goCmds;
        int[] goR = w.goRecep;
        int need = tmpN + go.length;
        if (adm.length < need) {
            adm = new String[need * 2];
            admAct = new int[need * 2];
        }
        int i = 0;
        int g = 0;
        int n = 0;
        while (i < tmpN || g < go.length) {
            if (g < go.length && goR[g] == at) {
                g++;
                continue;
            }
            String next;
            int act;
            if (g >= go.length || (i < tmpN && tmp[i].compareTo(go[g]) <= 0)) {
                next = tmp[i];
                act = tmpAct[i++];
            } else {
                next = go[g];
                act = GO | (goR[g++] << 8);
            }
            if (n > 0 && adm[n - 1].equals(next)) {
                continue;
            }
            adm[n] = next;
            admAct[n++] = act;
        }
        admN = n;
        admList = List.of(Arrays.copyOf(adm, n));
    }
}
