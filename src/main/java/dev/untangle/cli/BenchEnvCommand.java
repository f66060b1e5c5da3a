package dev.untangle.cli;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.household.EnvBenchmark;
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

/** {@code untangle bench env}: environment steps per second on one thread. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Environment throughput on one thread, with the admissible commands computed every step.")
public final class BenchEnvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EnvOptions envOptions;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5",
            description = "Uncounted warm-up seconds before measuring, for the JIT (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--split", defaultValue = "train", description = "Split to draw tasks from (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--mode", defaultValue = "random",
            description = "Command source: random (admissible), searcher or oracle (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of task and command choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON (key steps_per_second).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EnvironmentSuite suite = envOptions.suite();
        EnvBenchmark.Result r = EnvBenchmark.run(suite, split, EnvBenchmark.Mode.parse(mode), seconds, warmup, seed);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("env", suite.name());
            doc.put("options", envOptions.options());
            doc.put("split", r.split());
            doc.put("mode", r.mode());
            doc.put("threads", 1);
            doc.put("warmup_seconds", warmup);
            doc.put("seconds", r.seconds());
            doc.put("steps", r.steps());
            doc.put("episodes", r.episodes());
            doc.put("steps_per_second", r.stepsPerSecond());
            doc.put("cpu_seconds", r.cpuSeconds());
            doc.put("steps_per_cpu_second", r.stepsPerCpuSecond());
            doc.put("tasks", r.tasks());
            doc.put("generation_ms_per_task", r.generationMillisPerTask());
            Json.print(out, doc);
            return 0;
        }
        out.printf(Locale.ROOT, "%s %s split %s, %s commands, 1 thread: %d steps, %d episodes in %.2f s = %.0f steps/s"
                + " (%.0f steps per CPU second; %d tasks, generated first at %.2f ms per task)%n", suite.name(),
                envOptions.options(), r.split(), r.mode(), r.steps(), r.episodes(), r.seconds(), r.stepsPerSecond(),
                r.stepsPerCpuSecond(), r.tasks(), r.generationMillisPerTask());
        out.flush();
        return 0;
    }
}
