package dev.untangle.policy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Throughput benchmarks of the policy model (not timed tests): training tokens per second (forward and
 * backward of the language-model loss on a full batch) and generated tokens per second (batched decoding
 * with and without the key/value cache). Inputs are seeded random token ids; docs/BENCHMARKS.md
 * records measured numbers.
 */
public final class PolicyBenchmark {

    private PolicyBenchmark() {
    }

    /**
     * Training-throughput options.
     *
     * @param model     the model shape
     * @param batch     sequences per step (B)
     * @param length    tokens per sequence (T)
     * @param warmup    untimed steps first
     * @param steps     timed steps
     * @param seed      seed of the weights and token ids
     */
    public record TrainOptions(TransformerConfig model, int batch, int length, int warmup, int steps, long seed) {
        /** Checks the values. */
        public TrainOptions {
            if (batch < 1 || length < 2 || length > model.contextLength() || warmup < 0 || steps < 1) {
                throw new IllegalArgumentException("need batch >= 1, 2 <= length <= context length "
                        + model.contextLength() + ", warmup >= 0, steps >= 1");
            }
        }

        /** The reference setting: default model (vocabulary 1024), 64 x 256 tokens, 1 warm-up and 5 timed steps. */
        public static TrainOptions defaults() {
            return new TrainOptions(TransformerConfig.builder().setVocabSize(1024).build(), 64, 256, 1, 5, 1);
        }
    }

    /**
     * Training throughput.
     *
     * @param parameters      trainable scalars
     * @param tokensPerStep   B x T
     * @param secondsPerStep  mean wall time of a timed step
     * @param tokensPerSecond tokens per step / seconds per step
     * @param cpuSecondsPerStep mean process CPU time of a timed step (all threads; robust to a busy machine)
     * @param loss            the last step's mean negative log-likelihood (a sanity value, about log V)
     */
    public record TrainResult(TransformerConfig model, long parameters, int batch, int length, int steps,
                              long tokensPerStep, double secondsPerStep, double tokensPerSecond,
                              double cpuSecondsPerStep, double loss) {
    }

    /**
     * Generation-throughput options.
     *
     * @param model        the model shape
     * @param sequences    parallel sequences (B)
     * @param promptTokens tokens per prompt
     * @param newTokens    tokens generated per sequence
     * @param withoutCache also time decoding without the cache (slow: every step re-reads all columns)
     * @param seed         seed of the weights, prompts and sampling
     */
    public record GenerateOptions(TransformerConfig model, int sequences, int promptTokens, int newTokens,
                                  boolean withoutCache, long seed) {
        /** Checks the values. */
        public GenerateOptions {
            if (sequences < 1 || promptTokens < 1 || newTokens < 1
                    || promptTokens + newTokens - 1 > model.contextLength()) {
                throw new IllegalArgumentException("need sequences, prompt and new tokens >= 1 and prompt + new "
                        + "tokens - 1 <= context length " + model.contextLength());
            }
        }

        /** The reference setting: default model (vocabulary 1024), 64 sequences, 224-token prompts, 32 new tokens. */
        public static GenerateOptions defaults() {
            return new GenerateOptions(TransformerConfig.builder().setVocabSize(1024).build(), 64, 224, 32, true, 1);
        }
    }

    /**
     * Generation throughput.
     *
     * @param cachedSeconds      wall time of one batched generation with the key/value cache
     * @param uncachedSeconds    the same without the cache (NaN when not measured)
     * @param cachedCpuSeconds   process CPU time of the cached generation (all threads)
     * @param uncachedCpuSeconds process CPU time of the uncached generation (NaN when not measured)
     * @param generatedTokens    tokens sampled in the cached run (sequences x new tokens unless rows ended
     *                           early with the end-of-action token)
     * @param cachedTokensPerSecond   generated tokens / cached seconds
     * @param uncachedTokensPerSecond generated tokens / uncached seconds (NaN when not measured)
     */
    public record GenerateResult(TransformerConfig model, int sequences, int promptTokens, int newTokens,
                                 double cachedSeconds, double uncachedSeconds, double cachedCpuSeconds,
                                 double uncachedCpuSeconds, long generatedTokens,
                                 double cachedTokensPerSecond, double uncachedTokensPerSecond) {
    }

    /** Runs the training benchmark. */
    public static TrainResult train(TrainOptions o) {
        WordTokenizer tok = syntheticTokenizer(o.model().vocabSize());
        Random rng = new Random(o.seed());
        try (TransformerPolicy policy = TransformerPolicy.create(o.model(), PromptConfig.builder()
                .optMaxPromptTokens(o.model().contextLength() - 1).build(), tok, o.seed())) {
            List<ScoreRequest> batch = new ArrayList<>();
            for (int b = 0; b < o.batch(); b++) {
                int[] seq = randomTokens(rng, o.length(), tok.vocabSize());
                batch.add(new ScoreRequest(new int[] {seq[0]}, java.util.Arrays.copyOfRange(seq, 1, seq.length)));
            }
            double loss = Double.NaN;
            long start = 0;
            long cpuStart = 0;
            for (int s = 0; s < o.warmup() + o.steps(); s++) {
                if (s == o.warmup()) {
                    start = System.nanoTime();
                    cpuStart = processCpuNanos();
                }
                try (NDManager scope = NDManager.newBaseManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    Scores scores = policy.score(scope, batch, false);
                    var nll = scores.logProbs().sum().div(scores.mask().sum()).neg();
                    gc.backward(nll);
                    loss = nll.getFloat();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9 / o.steps();
            double cpu = (processCpuNanos() - cpuStart) / 1e9 / o.steps();
            long tokens = (long) o.batch() * o.length();
            return new TrainResult(o.model(), policy.parameterCount(), o.batch(), o.length(), o.steps(), tokens,
                    seconds, tokens / seconds, cpu, loss);
        }
    }

    /** Runs the generation benchmark (a one-row warm-up first, untimed). */
    public static GenerateResult generate(GenerateOptions o) {
        WordTokenizer tok = syntheticTokenizer(o.model().vocabSize());
        Random rng = new Random(o.seed());
        try (TransformerPolicy policy = TransformerPolicy.create(o.model(), PromptConfig.builder()
                .optMaxPromptTokens(o.model().contextLength() - 1).build(), tok, o.seed())) {
            List<BatchDecoder.Row> rows = new ArrayList<>();
            for (int b = 0; b < o.sequences(); b++) {
                rows.add(new BatchDecoder.Row(new int[0], null, null,
                        randomTokens(rng, o.promptTokens(), tok.vocabSize()), null));
            }
            Decoding decoding = new Decoding(false, false, 1.0, o.newTokens());
            timeDecode(policy, rows.subList(0, 1), decoding, new Random(o.seed()), true);
            long[] generated = new long[1];
            long cpu0 = processCpuNanos();
            double cached = timeDecode(policy, rows, decoding, new Random(o.seed()), true, generated);
            double cachedCpu = (processCpuNanos() - cpu0) / 1e9;
            double uncached = Double.NaN;
            double uncachedCpu = Double.NaN;
            if (o.withoutCache()) {
                cpu0 = processCpuNanos();
                uncached = timeDecode(policy, rows, decoding, new Random(o.seed()), false);
                uncachedCpu = (processCpuNanos() - cpu0) / 1e9;
            }
            return new GenerateResult(o.model(), o.sequences(), o.promptTokens(), o.newTokens(), cached, uncached,
                    cachedCpu, uncachedCpu, generated[0], generated[0] / cached, generated[0] / uncached);
        }
    }

    private static double timeDecode(TransformerPolicy policy, List<BatchDecoder.Row> rows, Decoding decoding,
                                     Random rng, boolean useCache) {
        return timeDecode(policy, rows, decoding, rng, useCache, new long[1]);
    }

    private static double timeDecode(TransformerPolicy policy, List<BatchDecoder.Row> rows, Decoding decoding,
                                     Random rng, boolean useCache, long[] generated) {
        return TransformerPolicy.withoutGradients(() -> {
            long start = System.nanoTime();
            try (NDManager scope = policy.lm().manager().newSubManager()) {
                for (BatchDecoder.Result r : policy.decoder().decode(scope, rows, decoding, rng, useCache, false)) {
                    generated[0] += r.tokens().length;
                }
            }
            return (System.nanoTime() - start) / 1e9;
        });
    }

    /**
     * Where a benchmark ran: processors, PyTorch threads, allocator (as set by the launcher), Java, OS.
     */
    public static java.util.Map<String, Object> machine() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("allocator", System.getenv().getOrDefault("UNTANGLE_ALLOCATOR",
                System.getenv().getOrDefault("LD_PRELOAD", "").contains("jemalloc") ? "jemalloc" : "default"));
        m.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        m.put("load_average_1min", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    /** CPU time of this process, all threads (NaN-free: 0 when the platform cannot tell). */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** A tokenizer of exactly {@code vocabSize} tokens ({@code w0, w1, ...} after the fixed ones). */
    static WordTokenizer syntheticTokenizer(int vocabSize) {
        int fixed = WordTokenizer.SPECIALS.size() + WordTokenizer.VERDICTS.size();
        if (vocabSize < fixed + 1) {
            throw new IllegalArgumentException("vocabulary size must be >= " + (fixed + 1) + ", got " + vocabSize);
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < vocabSize - fixed; i++) {
            words.add("w" + i);
        }
        return WordTokenizer.build(words);
    }

    private static int[] randomTokens(Random rng, int n, int vocabSize) {
        int fixed = WordTokenizer.SPECIALS.size() + WordTokenizer.VERDICTS.size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = fixed + rng.nextInt(vocabSize - fixed);
        }
        return out;
    }
}
