package dev.untangle.env.household;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the world of a task from its split and id. Each attempt draws room, plan, goal pairing, goal
 * template and object placements from a seed that depends only on (split, id, attempt); an attempt is kept
 * when the {@code searcher} expert solves it within {@value #VALIDATION_STEPS} steps (ALFWorld likewise
 * drops games its expert cannot solve). The accepted attempt is cached; the result never depends on the
 * cache. Thread-safe.
 */
final class WorldGenerator {

    /** Step budget the searcher must solve each generated task in. */
    static final int VALIDATION_STEPS = 50;
    private static final int MAX_ATTEMPTS = 5000;

    private final Catalogue cat;
    private final SceneSize size;
    private final HouseholdSplits splits;
    private final Layout[][] layouts;
    private final ConcurrentHashMap<String, Integer> accepted = new ConcurrentHashMap<>();

    WorldGenerator(Catalogue cat, SceneSize size, HouseholdSplits splits) {
        this.cat = cat;
        this.size = size;
        this.splits = splits;
        this.layouts = layouts(cat, size);
    }

    /** All 120 layouts at a size, [room ordinal][plan - first plan]. */
    static Layout[][] layouts(Catalogue cat, SceneSize size) {
        Layout[][] out = new Layout[Room.values().length][Room.PLANS];
        for (Room r : Room.values()) {
            for (int p = 0; p < Room.PLANS; p++) {
                out[r.ordinal()][p] = Layout.generate(cat, r, r.firstPlan() + p, size);
            }
        }
        return out;
    }

    HouseholdSplits splits() {
        return splits;
    }

    /** The world of a task (split and id already checked). */
    World world(String split, int id) {
        String key = split + "/" + id;
        Integer known = accepted.get(key);
        if (known != null) {
            return build(split, id, known);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            World w = build(split, id, attempt);
            if (w != null && solvedBySearcher(w)) {
                accepted.put(key, attempt);
                return w;
            }
        }
        throw new IllegalStateException("household: no solvable task found for " + key + " at scene size "
                + size.key() + " after " + MAX_ATTEMPTS + " attempts");
    }

    private boolean solvedBySearcher(World w) {
        HouseholdEnvironment env = new HouseholdEnvironment(null, cat, Grammar.NEW, VALIDATION_STEPS);
        dev.untangle.env.Reset reset = env.load(w);
        SearcherExpert searcher = new SearcherExpert();
        searcher.begin(env, reset);
        String obs = reset.observation();
        while (!env.isDone()) {
            obs = env.step(searcher.next(env, obs)).observation();
        }
        return env.isWon();
    }

    /** One attempt; {@code null} when the drawn room and plan admit no goal for the split. */
    World build(String split, int id, int attempt) {
        TaskType type = splits.typeOf(split, id);
        SplittableRandom rng = new SplittableRandom(StableHash.of("task/" + split, id, attempt));
        List<Room> rooms = new ArrayList<>(type.rooms());
        Room room = rooms.get(rng.nextInt(rooms.size()));
        List<Layout> plans = new ArrayList<>();
        for (Layout l : layouts[room.ordinal()]) {
            if (HouseholdSplits.layoutAllowed(split, l.plan)) {
                plans.add(l);
            }
        }
        Layout layout = plans.get(rng.nextInt(plans.size()));
        int appliance = type.appliance() == null ? -1 : cat.id(type.appliance());
        if (appliance >= 0 && !layout.hasClass(appliance)) {
            return null;
        }
        List<int[]> pairs = new ArrayList<>();
        for (Catalogue.ObjectSpec spec : cat.objects(room)) {
            int c = spec.cls();
            if (!fitsType(type, c) || !hasPlace(layout, c, -1)) {
                continue;
            }
            if (type == TaskType.LOOK) {
                for (int lampCls = 0; lampCls < cat.size(); lampCls++) {
                    if (cat.lamp(lampCls) && layout.hasDecor(lampCls)
                            && HouseholdSplits.pairingAllowed(split, cat.name(c), cat.name(lampCls))) {
                        pairs.add(new int[] {c, lampCls});
                    }
                }
                continue;
            }
            boolean[] seen = new boolean[cat.size()];
            for (int t : layout.recClass) {
                if (seen[t] || t == appliance || !cat.accepts(t, c) || !hasPlace(layout, c, t)) {
                    continue;
                }
                seen[t] = true;
                if (HouseholdSplits.pairingAllowed(split, cat.name(c), cat.name(t))) {
                    pairs.add(new int[] {c, t});
                }
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        int[] pair = pairs.get(rng.nextInt(pairs.size()));
        int template = rng.nextInt(2);
        int objCls = pair[0];
        int targetCls = pair[1];
        List<Integer> others = new ArrayList<>();
        for (Catalogue.ObjectSpec spec : cat.objects(room)) {
            if (spec.cls() != objCls && rng.nextInt(100) < spec.presencePercent() && hasPlace(layout, spec.cls(), -1)) {
                others.add(spec.cls());
            }
        }
        int cap = size.objectClassCap() - 1;
        while (others.size() > cap) {
            others.remove(rng.nextInt(others.size()));
        }
        List<int[]> placements = new ArrayList<>();
        int targetCount = type == TaskType.PICK_TWO ? 2 + rng.nextInt(3) : 1 + weighted(rng);
        int excluded = type == TaskType.LOOK ? -1 : targetCls;
        for (int k = 0; k < targetCount; k++) {
            placements.add(new int[] {objCls, place(rng, layout, objCls, excluded)});
        }
        for (int c : others) {
            int n = weighted(rng);
            for (int k = 0; k < n; k++) {
                placements.add(new int[] {c, place(rng, layout, c, -1)});
            }
        }
        return new World(cat, layout, split, id, type, objCls, targetCls, template, placements);
    }

    /** 1 (55%), 2 (33%) or 3 (12%). */
    private static int weighted(SplittableRandom rng) {
        int x = rng.nextInt(100);
        return x < 55 ? 1 : x < 88 ? 2 : 3;
    }

    private boolean fitsType(TaskType type, int c) {
        return switch (type) {
            case HEAT -> cat.heatable(c);
            case COOL -> cat.coolable(c);
            case CLEAN -> cat.cleanable(c);
            default -> true;
        };
    }

    /** Whether some receptacle not of class {@code excludedCls} accepts the class. */
    private boolean hasPlace(Layout layout, int cls, int excludedCls) {
        for (int t : layout.recClass) {
            if (t != excludedCls && cat.accepts(t, cls)) {
                return true;
            }
        }
        return false;
    }

    private int place(SplittableRandom rng, Layout layout, int cls, int excludedCls) {
        int n = 0;
        int[] options = new int[layout.receptacles()];
        for (int i = 0; i < layout.receptacles(); i++) {
            int t = layout.recClass[i];
            if (t != excludedCls && cat.accepts(t, cls)) {
                options[n++] = i;
            }
        }
        return options[rng.nextInt(n)];
    }
}
