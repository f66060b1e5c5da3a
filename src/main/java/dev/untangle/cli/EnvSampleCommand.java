package dev.untangle.cli;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Reset;
import dev.untangle.env.TextEnvironment;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code untangle env sample}: tasks with their type, goal and first observation. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Print tasks 0..N-1 of a split with their type, goal and first observation.")
public final class EnvSampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EnvOptions envOptions;

    @Option(names = "--split", required = true, description = "Split name.")
    String split;

    @Option(names = "--n", defaultValue = "3", description = "Number of tasks (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EnvironmentSuite suite = envOptions.suite();
        int size = suite.split(split).size();
        if (n < 1) {
            throw new EnvironmentException("--n must be >= 1, got " + n);
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        try (TextEnvironment env = suite.create()) {
            for (int id = 0; id < Math.min(n, size); id++) {
                Reset r = env.reset(split, id);
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("task", id);
                t.put("task_type", r.task().taskType());
                t.put("goal", r.task().goal());
                t.put("observation", r.observation());
                tasks.add(t);
                if (!json) {
                    out.println("== " + r.task().key() + " [" + r.task().taskType() + "] " + r.task().goal());
                    out.println(r.observation());
                    out.println();
                }
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("env", suite.name());
            doc.put("split", split);
            doc.put("tasks", tasks);
            Json.print(out, doc);
        }
        out.flush();
        return 0;
    }
}
