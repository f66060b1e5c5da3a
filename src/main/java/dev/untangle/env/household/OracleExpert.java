package dev.untangle.env.household;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * An expert that knows the whole world state. It enumerates every way to reach the goal (which object
 * instance or pair, which target receptacle, which appliance, which lamp), writes each as a command plan
 * (go, open when closed, take, treat, go, open, move) and plays the shortest, replanning if a command is not
 * admissible.
 */
public final class OracleExpert implements Expert {

    private final List<String> plan = new ArrayList<>();
    private int next;

    /** Creates an oracle; it works with environments of the household suite. */
    public OracleExpert() {
        // stateless until begin()
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public void begin(TextEnvironment env, Reset reset) {
        replan(SearcherExpert.household(env));
    }

    @Override
    public String next(TextEnvironment env, String lastObservation) {
        HouseholdEnvironment h = SearcherExpert.household(env);
        if (next >= plan.size() || !h.admissible().contains(plan.get(next))) {
            replan(h);
        }
        return next < plan.size() ? plan.get(next++) : "look";
    }

    private void replan(HouseholdEnvironment env) {
        plan.clear();
        next = 0;
        List<String> best = shortestPlan(env);
        if (best != null) {
            plan.addAll(best);
        }
    }

    /** The shortest plan from the current state, or {@code null} when none exists. */
    static List<String> shortestPlan(HouseholdEnvironment env) {
        World w = env.world();
        int n = w.objClass.length;
        int r = w.layout.receptacles();
        List<String> best = null;
        switch (w.type) {
            case LOOK -> {
                for (int o = 0; o < n; o++) {
                    if (w.objClass[o] != w.objCls) {
                        continue;
                    }
                    for (int l = 0; l < n; l++) {
                        if (w.objClass[l] != w.targetCls || env.objIn(l) < 0) {
                            continue;
                        }
                        Builder b = new Builder(env);
                        b.fetch(o);
                        b.go(env.objIn(l));
                        b.use(l);
                        best = shorter(best, b);
                    }
                }
            }
            case PICK_TWO -> {
                for (int t = 0; t < r; t++) {
                    if (w.layout.recClass[t] != w.targetCls) {
                        continue;
                    }
                    for (int o1 = 0; o1 < n; o1++) {
                        for (int o2 = 0; o2 < n; o2++) {
                            if (o1 == o2 || w.objClass[o1] != w.objCls || w.objClass[o2] != w.objCls) {
                                continue;
                            }
                            Builder b = new Builder(env);
                            b.deliver(o1, t, -1);
                            b.deliver(o2, t, -1);
                            best = shorter(best, b);
                        }
                    }
                }
            }
            default -> {
                int appCls = w.type.appliance() == null ? -1 : w.cat.id(w.type.appliance());
                for (int o = 0; o < n; o++) {
                    if (w.objClass[o] != w.objCls) {
                        continue;
                    }
                    for (int t = 0; t < r; t++) {
                        if (w.layout.recClass[t] != w.targetCls) {
                            continue;
                        }
                        if (appCls < 0 || env.stateOk(o)) {
                            Builder b = new Builder(env);
                            b.deliver(o, t, -1);
                            best = shorter(best, b);
                            continue;
                        }
                        for (int a = 0; a < r; a++) {
                            if (w.layout.recClass[a] == appCls) {
                                Builder b = new Builder(env);
                                b.deliver(o, t, a);
                                best = shorter(best, b);
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    private static List<String> shorter(List<String> best, Builder b) {
        return b.ok && (best == null || b.cmds.size() < best.size()) ? b.cmds : best;
    }

    /** Writes a plan while tracking the agent's place, hands, open receptacles and object places. */
    private static final class Builder {
        final HouseholdEnvironment env;
        final World w;
        final List<String> cmds = new ArrayList<>();
        final boolean[] open;
        final int[] objIn;
        int at;
        int held;
        boolean ok = true;

        Builder(HouseholdEnvironment env) {
            this.env = env;
            this.w = env.world();
            this.at = env.at();
            this.held = env.held();
            this.open = new boolean[w.layout.receptacles()];
            for (int i = 0; i < open.length; i++) {
                open[i] = env.isOpen(i);
            }
            this.objIn = new int[w.objClass.length];
            for (int i = 0; i < objIn.length; i++) {
                objIn[i] = env.objIn(i);
            }
        }

        void go(int r) {
            if (at != r) {
                cmds.add("go to " + w.layout.recName[r]);
                at = r;
            }
        }

        void openIfClosed(int r) {
            if (w.layout.openable[r] && !open[r]) {
                cmds.add("open " + w.layout.recName[r]);
                open[r] = true;
            }
        }

        void fetch(int o) {
            if (held == o) {
                return;
            }
            if (held >= 0) {
                drop();
            }
            int from = objIn[o];
            go(from);
            openIfClosed(from);
            cmds.add("take " + w.objName[o] + " from " + w.layout.recName[from]);
            objIn[o] = -1;
            held = o;
        }

        /** Brings {@code o} to receptacle {@code t}, treating it with appliance {@code app} first if >= 0. */
        void deliver(int o, int t, int app) {
            if (objIn[o] == t) {
                return;
            }
            fetch(o);
            if (app >= 0) {
                go(app);
                String verb = switch (w.type) {
                    case HEAT -> "heat";
                    case COOL -> "cool";
                    default -> "clean";
                };
                cmds.add(verb + " " + w.objName[o] + " with " + w.layout.recName[app]);
            }
            go(t);
            openIfClosed(t);
            move(o, t);
        }

        void move(int o, int t) {
            cmds.add(env.grammar() == Grammar.NEW ? "move " + w.objName[o] + " to " + w.layout.recName[t]
                    : "put " + w.objName[o] + " in/on " + w.layout.recName[t]);
            objIn[o] = t;
            held = -1;
        }

        void use(int lamp) {
            if (!env.isLampOn(lamp)) {
                cmds.add("use " + w.objName[lamp]);
            }
        }

        /** Puts a held object that the plan does not need somewhere it fits, here if possible. */
        private void drop() {
            int hc = w.objClass[held];
            int where = -1;
            if (at >= 0 && w.cat.accepts(w.layout.recClass[at], hc)) {
                where = at;
            } else {
                for (int r = 0; r < open.length && where < 0; r++) {
                    if (w.cat.accepts(w.layout.recClass[r], hc)) {
                        where = r;
                    }
                }
            }
            if (where < 0) {
                ok = false;
                return;
            }
            go(where);
            openIfClosed(where);
            move(held, where);
        }
    }
}
