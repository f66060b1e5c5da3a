package dev.untangle.policy.hf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Generation;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.ScoreRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Speed of a Hugging Face policy on this machine: key/value-cached batched generation (new tokens per second) and a
 * training step (forward and backward of the scored tokens, tokens per second), with the process's peak resident
 * memory. Prompts are random token ids of the tokenizer's range, so any checkpoint (random weights included) can be
 * measured; generation decodes freely and greedily for a fixed number of tokens.
 */
public final class HfBenchmark {

    /**
     * What to measure.
     *
     * @param model   the model directory
     * @param tuning  what trains in the training step
     * @param batch   sequences per batch
     * @param prompt  prompt tokens per sequence
     * @param tokens  generated (and, in training, scored) tokens per sequence
     * @param repeats timed repetitions after one warm-up
     * @param seed    seed of the random prompts
     */
    public record Options(Path model, Tuning tuning, int batch, int prompt, int tokens, int repeats, long seed) {
    }

    /**
     * Measured speeds.
     *
     * @param parameters          parameters of the model
     * @param trainableParameters trainable parameters under the tuning
     * @param generateTokensPerS  generated tokens per second (batch x tokens / time)
     * @param generateSeconds     mean seconds per batch generation
     * @param trainTokensPerS     tokens per second of a training step (batch x (prompt + tokens) / time)
     * @param trainSeconds        mean seconds per training step (forward + backward)
     * @param loadPeakRssMiB      the process's peak resident memory (VmHWM) after loading the model, or -1 where
     *                            unknown
     * @param generatePeakRssMiB  the peak after loading and generation, before the training step (the training
     *                            step's activations usually set the process's peak), or -1 where unknown
     * @param peakRssMiB          the process's peak resident memory (VmHWM) at the end, or -1 where unknown
     */
    public record Result(long parameters, long trainableParameters, double generateTokensPerS, double generateSeconds,
                         double trainTokensPerS, double trainSeconds, long loadPeakRssMiB, long generatePeakRssMiB,
                         long peakRssMiB) {
    }

    private HfBenchmark() {
    }

    /** Runs both measurements. */
    public static Result run(Options o) {
        PromptConfig prompt = PromptConfig.builder().optShowAdmissible(false)
                .optMaxPromptTokens(o.prompt() + 1).optMaxTextTokens(o.prompt()).build();
        int context = o.prompt() + o.tokens() + 2;
        try (HfPolicy policy = HfPolicy.load(new HfPolicy.Options(o.model(), o.tuning(), prompt, context, "bench"))) {
            long loadPeak = peakRss();
            Random rng = new Random(o.seed());
            // ids of the byte-level range every tokenizer of this family has (the model's rows past it are unused)
            int range = Math.min(256, policy.decoder().config().vocabSize());
            List<int[]> prompts = new ArrayList<>();
            List<AgentContext> contexts = new ArrayList<>();
            for (int b = 0; b < o.batch(); b++) {
                int[] p = new int[o.prompt()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = 3 + rng.nextInt(range - 3);
                }
                prompts.add(p);
                contexts.add(new AgentContext("", List.of(), "", List.of()));
            }
            Decoding free = new Decoding(false, true, 1.0, o.tokens());
            long generated = 0;
            double genSeconds = 0;
            List<Generation> gens = null;
            for (int r = 0; r <= o.repeats(); r++) {
                long t0 = System.nanoTime();
                gens = policy.generateFromPrompts(prompts, contexts, free, new Random(r));
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) {
                    genSeconds += s;
                    for (Generation g : gens) {
                        generated += g.actionTokens().length;
                    }
                }
            }
            long generatePeak = peakRss();
            List<ScoreRequest> requests = new ArrayList<>();
            for (int b = 0; b < o.batch(); b++) {
                int[] target = new int[o.tokens()];
                for (int i = 0; i < target.length; i++) {
                    target[i] = 3 + rng.nextInt(range - 3);
                }
                requests.add(new ScoreRequest(prompts.get(b), target, null, 1.0));
            }
            double trainSeconds = 0;
            for (int r = 0; r <= o.repeats(); r++) {
                long t0 = System.nanoTime();
                try (NDManager scope = policy.decoder().manager().newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = policy.score(scope, requests, false).logProbs().sum().neg();
                    gc.backward(loss);
                }
                for (var p : policy.parameters()) {
                    NDArray g = p.getArray().getGradient();
                    g.subi(g);
                }
                if (r > 0) {
                    trainSeconds += (System.nanoTime() - t0) / 1e9;
                }
            }
            long all = 0;
            for (var p : policy.decoder().weights().values()) {
                all += p.getArray().getShape().size();
            }
            long trainable = policy.parameterCount();
            if (o.tuning() instanceof Tuning.Lora) {
                all += trainable;
            }
            double n = o.repeats();
            return new Result(all, trainable, generated / genSeconds, genSeconds / n,
                    o.batch() * (double) (o.prompt() + o.tokens()) / (trainSeconds / n), trainSeconds / n, loadPeak, generatePeak, peakRss());
        }
    }

    /** VmHWM of this process in MiB, or -1 where /proc is not readable. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
