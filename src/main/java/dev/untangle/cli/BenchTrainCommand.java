package dev.untangle.cli;

import dev.untangle.policy.PolicyBenchmark;
import dev.untangle.policy.TransformerConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code untangle bench train}: training tokens per second of the policy model (forward + backward). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Measure training throughput: forward and backward of the language-model loss of the "
                + "policy transformer on a batch of seeded random tokens (default: 4 layers, width 128, "
                + "4 heads, 64 x 256 tokens).")
public final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchModelOptions shape = new BenchModelOptions();

    @Option(names = "--batch", description = "sequences per step (default: ${DEFAULT-VALUE})")
    int batch = 64;

    @Option(names = "--length", description = "tokens per sequence, also the context length "
            + "(default: ${DEFAULT-VALUE})")
    int length = 256;

    @Option(names = "--warmup", description = "untimed steps first (default: ${DEFAULT-VALUE})")
    int warmup = 1;

    @Option(names = "--steps", description = "timed steps (default: ${DEFAULT-VALUE})")
    int steps = 5;

    @Option(names = "--seed", description = "seed of weights and tokens (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @Override
    public Integer call() {
        TransformerConfig model;
        PolicyBenchmark.TrainOptions options;
        try {
            model = shape.config(length);
            options = new PolicyBenchmark.TrainOptions(model, batch, length, warmup, steps, seed);
        } catch (IllegalArgumentException | dev.untangle.config.ConfigException e) {
            throw new UserError(e.getMessage());
        }
        PolicyBenchmark.TrainResult r = PolicyBenchmark.train(options);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("benchmark", "train");
            doc.put("model", model.toMap());
            doc.put("parameters", r.parameters());
            doc.put("batch", r.batch());
            doc.put("length", r.length());
            doc.put("steps", r.steps());
            doc.put("seconds_per_step", r.secondsPerStep());
            doc.put("tokens_per_second", r.tokensPerSecond());
            doc.put("cpu_seconds_per_step", r.cpuSecondsPerStep());
            doc.put("loss", r.loss());
            doc.put("machine", PolicyBenchmark.machine());
            Json.print(out, doc);
        } else {
            out.printf("model: %s (%,d parameters)%n", shape.describe(), r.parameters());
            out.printf("batch %d x %d tokens, %d timed steps: %.3f s/step, %,.0f tokens/s, %.3f CPU s/step "
                    + "(loss %.3f)%n", r.batch(), r.length(), r.steps(), r.secondsPerStep(), r.tokensPerSecond(),
                    r.cpuSecondsPerStep(), r.loss());
            out.println("machine: " + PolicyBenchmark.machine());
            out.flush();
        }
        return 0;
    }
}
