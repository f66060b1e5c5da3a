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

/** {@code untangle bench generate}: generated tokens per second with and without the key/value cache. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Measure generation throughput of the policy transformer: one batch of sequences, each "
                + "a seeded random prompt, decoded with the key/value cache and (unless --no-baseline) "
                + "without it (default: 64 sequences, 224-token prompts, 32 new tokens).")
public final class BenchGenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchModelOptions shape = new BenchModelOptions();

    @Option(names = "--context", description = "context length (default: ${DEFAULT-VALUE})")
    int context = 256;

    @Option(names = "--sequences", description = "sequences decoded together (default: ${DEFAULT-VALUE})")
    int sequences = 64;

    @Option(names = "--prompt-tokens", description = "tokens per prompt (default: ${DEFAULT-VALUE})")
    int promptTokens = 224;

    @Option(names = "--new-tokens", description = "tokens generated per sequence (default: ${DEFAULT-VALUE})")
    int newTokens = 32;

    @Option(names = "--no-baseline", description = "skip the slow decoding without the cache")
    boolean noBaseline;

    @Option(names = "--seed", description = "seed of weights, prompts and sampling (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @Override
    public Integer call() {
        TransformerConfig model;
        PolicyBenchmark.GenerateOptions options;
        try {
            model = shape.config(context);
            options = new PolicyBenchmark.GenerateOptions(model, sequences, promptTokens, newTokens, !noBaseline,
                    seed);
        } catch (IllegalArgumentException | dev.untangle.config.ConfigException e) {
            throw new UserError(e.getMessage());
        }
        PolicyBenchmark.GenerateResult r = PolicyBenchmark.generate(options);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("benchmark", "generate");
            doc.put("model", model.toMap());
            doc.put("sequences", r.sequences());
            doc.put("prompt_tokens", r.promptTokens());
            doc.put("new_tokens", r.newTokens());
            doc.put("generated_tokens", r.generatedTokens());
            doc.put("cached_seconds", r.cachedSeconds());
            doc.put("cached_tokens_per_second", r.cachedTokensPerSecond());
            doc.put("cached_cpu_seconds", r.cachedCpuSeconds());
            doc.put("uncached_cpu_seconds", Double.isNaN(r.uncachedCpuSeconds()) ? null : r.uncachedCpuSeconds());
            doc.put("uncached_seconds", Double.isNaN(r.uncachedSeconds()) ? null : r.uncachedSeconds());
            doc.put("uncached_tokens_per_second",
                    Double.isNaN(r.uncachedTokensPerSecond()) ? null : r.uncachedTokensPerSecond());
            doc.put("machine", PolicyBenchmark.machine());
            Json.print(out, doc);
        } else {
            out.printf("model: %s; %d sequences, %d-token prompts, %d new tokens%n", shape.describe(), sequences,
                    promptTokens, newTokens);
            out.printf("with cache:    %.3f s, %.3f CPU s (%,.0f generated tokens/s)%n", r.cachedSeconds(),
                    r.cachedCpuSeconds(), r.cachedTokensPerSecond());
            if (!Double.isNaN(r.uncachedSeconds())) {
                out.printf("without cache: %.3f s, %.3f CPU s (%,.0f generated tokens/s)%n", r.uncachedSeconds(),
                        r.uncachedCpuSeconds(), r.uncachedTokensPerSecond());
            }
            out.println("machine: " + PolicyBenchmark.machine());
            out.flush();
        }
        return 0;
    }
}
