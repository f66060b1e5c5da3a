package dev.untangle.cli;

import dev.untangle.policy.hf.HfBenchmark;
import dev.untangle.policy.hf.Tuning;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code untangle hf bench}: generation and training speed of a Hugging Face model directory on this machine
 * ({@link HfBenchmark}); docs/BENCHMARKS.md records the numbers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure key/value-cached batched generation and training-step speed (tokens/s) and peak memory "
                + "of a local Hugging Face model directory (random weights are fine: see 'hf random').")
public final class HfBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the model directory")
    Path model;

    @Option(names = "--tuning", defaultValue = "lora", description = "lora or full (default: ${DEFAULT-VALUE})")
    String tuning;

    @Option(names = "--lora-rank", defaultValue = "8", description = "LoRA rank (default: ${DEFAULT-VALUE})")
    int rank;

    @Option(names = "--batch", defaultValue = "8", description = "sequences per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--prompt", defaultValue = "256", description = "prompt tokens (default: ${DEFAULT-VALUE})")
    int prompt;

    @Option(names = "--tokens", defaultValue = "32",
            description = "generated and scored tokens per sequence (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--repeats", defaultValue = "3", description = "timed repetitions (default: ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() {
        if (batch < 1 || prompt < 1 || tokens < 1 || repeats < 1) {
            throw new UserError("--batch, --prompt, --tokens and --repeats must be >= 1");
        }
        Tuning t = switch (tuning) {
            case "lora" -> Tuning.lora(rank, 2.0 * rank, List.of("q_proj", "k_proj", "v_proj", "o_proj"), 1);
            case "full" -> Tuning.full();
            default -> throw new UserError("--tuning: unknown '" + tuning + "'; known: [lora, full]");
        };
        HfBenchmark.Result r = HfBenchmark.run(new HfBenchmark.Options(model, t, batch, prompt, tokens, repeats, 1));
        PrintWriter p = spec.commandLine().getOut();
        p.printf(Locale.ROOT, "model %s: %,d parameters, %,d trainable (%s); batch %d, prompt %d, %d tokens, %d "
                + "repeats, %d cpus%n", model, r.parameters(), r.trainableParameters(), tuning, batch, prompt, tokens,
                repeats, Runtime.getRuntime().availableProcessors());
        p.printf(Locale.ROOT, "generate (KV cache, greedy): %.1f new tokens/s (%.2f s per batch)%n",
                r.generateTokensPerS(), r.generateSeconds());
        p.printf(Locale.ROOT, "train step (forward + backward): %.1f tokens/s (%.2f s per batch)%n",
                r.trainTokensPerS(), r.trainSeconds());
        p.printf(Locale.ROOT, "peak resident memory: %d MiB after loading, %d MiB after generation, %d MiB at the end%n",
                r.loadPeakRssMiB(), r.generatePeakRssMiB(), r.peakRssMiB());
        p.flush();
        return 0;
    }
}
