package dev.untangle.cli;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.household.ExpertRunner;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code untangle env expert}: success rate and mean steps of an expert on a split. */
@Command(name = "expert", mixinStandardHelpOptions = true,
        description = "Run an expert on tasks 0..N-1 of a split; report success rate, mean steps and per-type figures.")
public final class EnvExpertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EnvOptions envOptions;

    @Option(names = "--split", required = true, description = "Split name.")
    String split;

    @Option(names = "--n", defaultValue = "2147483647",
            description = "Number of tasks (default: the whole split).")
    int n;

    @Option(names = "--expert", defaultValue = "searcher", description = "Expert: searcher or oracle (default: ${DEFAULT-VALUE}).")
    String expert;

    @Option(names = "--json", description = "Print JSON (keys split, expert, episodes, success_rate, mean_steps, by_type).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EnvironmentSuite suite = envOptions.suite();
        ExpertRunner.Report r = ExpertRunner.run(suite, split, n, expert);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("env", suite.name());
            doc.put("split", r.split());
            doc.put("expert", r.expert());
            doc.put("episodes", r.episodes());
            doc.put("success_rate", r.successRate());
            doc.put("mean_steps", r.meanSteps());
            Map<String, Object> byType = new LinkedHashMap<>();
            r.byType().forEach((type, s) -> byType.put(type, Map.of("episodes", s.episodes(),
                    "success_rate", s.successRate(), "mean_steps", s.meanSteps())));
            doc.put("by_type", byType);
            Json.print(out, doc);
            return 0;
        }
        out.printf(Locale.ROOT, "%s expert on %s/%s: %d episodes, success %.3f, mean steps %.2f%n", r.expert(),
                suite.name(), r.split(), r.episodes(), r.successRate(), r.meanSteps());
        r.byType().forEach((type, s) -> out.printf(Locale.ROOT, "  %-32s %4d episodes  success %.3f  mean steps %.2f%n",
                type, s.episodes(), s.successRate(), s.meanSteps()));
        out.flush();
        return 0;
    }
}
