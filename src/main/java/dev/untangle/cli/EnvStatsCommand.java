package dev.untangle.cli;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.household.HouseholdStats;
import dev.untangle.env.household.HouseholdSuite;
import dev.untangle.env.science.ScienceSuite;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code untangle env stats}: split sizes, task-type mix and (household) scene sizes or (science) topics. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print split sizes, the task-type mix of each split, and the scene sizes (household) or topics (science).")
public final class EnvStatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EnvOptions envOptions;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EnvironmentSuite suite = envOptions.suite();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("env", suite.name());
        if (suite instanceof HouseholdSuite h) {
            HouseholdStats.Stats s = HouseholdStats.of(h);
            List<Map<String, Object>> splits = new ArrayList<>();
            for (HouseholdStats.SplitStats sp : s.splits()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", sp.name());
                m.put("size", sp.size());
                m.put("description", sp.description());
                m.put("task_types", sp.taskTypes());
                splits.add(m);
            }
            doc.put("splits", splits);
            Map<String, Object> sizes = new LinkedHashMap<>();
            s.sceneSizes().forEach((size, rooms) -> {
                Map<String, Object> r = new LinkedHashMap<>();
                rooms.forEach((room, st) -> r.put(room, Map.of("min_receptacles", st.min(),
                        "mean_receptacles", st.mean(), "max_receptacles", st.max())));
                sizes.put(size, r);
            });
            doc.put("scene_size", h.options().sceneSize().key());
            doc.put("scene_sizes", sizes);
            doc.put("unseen_plans", s.unseenPlans());
            doc.put("held_out_pairing_percent", s.heldOutPairingPercent());
        } else if (suite instanceof ScienceSuite sc) {
            List<Map<String, Object>> splits = new ArrayList<>();
            for (SplitInfo sp : sc.splits()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", sp.name());
                m.put("size", sp.size());
                m.put("description", sp.description());
                m.put("task_types", sc.typeCounts(sp.name()));
                splits.add(m);
            }
            doc.put("splits", splits);
            Map<String, Object> topics = new LinkedHashMap<>();
            for (String t : sc.taskTypes()) {
                topics.put(t, ScienceSuite.topic(t));
            }
            doc.put("topics", topics);
        } else {
            List<Map<String, Object>> splits = new ArrayList<>();
            for (SplitInfo sp : suite.splits()) {
                splits.add(Map.of("name", sp.name(), "size", sp.size(), "description", sp.description()));
            }
            doc.put("splits", splits);
        }
        if (json) {
            Json.print(out, doc);
            return 0;
        }
        printText(out, doc);
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> doc) {
        out.println("environment " + doc.get("env"));
        for (Map<String, Object> sp : (List<Map<String, Object>>) doc.get("splits")) {
            out.printf(Locale.ROOT, "  %-6s %6s tasks  %s%n", sp.get("name"), sp.get("size"), sp.get("description"));
            Object types = sp.get("task_types");
            if (types != null) {
                out.println("         types: " + types);
            }
        }
        Object topics = doc.get("topics");
        if (topics != null) {
            out.println("topics: " + topics);
        }
        Object sizes = doc.get("scene_sizes");
        if (sizes != null) {
            out.println("scene sizes (receptacles per room: min/mean/max over 30 plans; in use: "
                    + doc.get("scene_size") + ")");
            ((Map<String, Map<String, Map<String, Object>>>) sizes).forEach((size, rooms) -> {
                StringBuilder b = new StringBuilder("  " + size + ":");
                rooms.forEach((room, st) -> b.append(String.format(Locale.ROOT, "  %s %s/%.1f/%s", room,
                        st.get("min_receptacles"), ((Number) st.get("mean_receptacles")).doubleValue(),
                        st.get("max_receptacles"))));
                out.println(b);
            });
            out.println("unseen plans (L1, L2): " + doc.get("unseen_plans") + "; held-out goal pairings: "
                    + doc.get("held_out_pairing_percent") + "%");
        }
        out.flush();
    }
}
