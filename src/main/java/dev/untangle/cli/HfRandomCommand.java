package dev.untangle.cli;

import dev.untangle.policy.hf.RandomCheckpoint;
import dev.untangle.policy.hf.TensorDtype;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code untangle hf random}: writes a Hugging Face model directory with random weights and a byte-level BPE
 * tokenizer trained on an environment's corpus (see {@link RandomCheckpoint}).
 */
@Command(name = "random", mixinStandardHelpOptions = true,
        description = "Write a local Hugging Face model directory (Llama) with random weights and a byte-level BPE "
                + "tokenizer trained on the environment's corpus, for tests, demos and speed benchmarks.")
public final class HfRandomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EnvOptions envOptions;

    @Option(names = "--out", required = true, description = "The model directory to write.")
    Path out;

    @Option(names = "--shape", defaultValue = "tiny",
            description = "Model shape: tiny, smollm2-135m or qwen2.5-0.5b (sizes only, Llama layout) (default: ${DEFAULT-VALUE}).")
    String shape;

    @Option(names = "--vocab", defaultValue = "1024",
            description = "Largest tokenizer vocabulary, special tokens and 256 byte symbols included; training "
                    + "stops earlier when no pair of symbols repeats (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dtype", description = "Weight storage type: float32 or bfloat16 (default: float32 for tiny, "
            + "bfloat16 for the larger shapes).")
    String dtype;

    @Option(names = "--force", description = "Write into an existing non-empty directory, replacing files.")
    boolean force;

    @Override
    public Integer call() {
        RandomCheckpoint.Preset preset;
        try {
            preset = RandomCheckpoint.Preset.of(shape);
        } catch (IllegalArgumentException e) {
            throw new UserError("--shape: " + e.getMessage());
        }
        TensorDtype type = dtype == null ? preset.defaultDtype() : switch (dtype) {
            case "float32" -> TensorDtype.F32;
            case "bfloat16" -> TensorDtype.BF16;
            default -> throw new UserError("--dtype: unknown type '" + dtype + "'; known: [float32, bfloat16]");
        };
        if (vocab < RandomCheckpoint.SPECIAL_TOKENS.size() + 256) {
            throw new UserError("--vocab " + vocab + " is below " + (RandomCheckpoint.SPECIAL_TOKENS.size() + 256)
                    + " (" + RandomCheckpoint.SPECIAL_TOKENS.size() + " special tokens + 256 byte symbols)");
        }
        checkOut();
        List<String> corpus = envOptions.suite().corpus();
        if (corpus.isEmpty()) {
            throw new UserError("environment '" + envOptions.env + "' declares no corpus to train a tokenizer on");
        }
        RandomCheckpoint.Written w;
        try {
            w = RandomCheckpoint.write(out, preset, corpus, vocab, seed, type);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter p = spec.commandLine().getOut();
        p.println("wrote " + out + " (shape " + preset.key() + ", environment " + envOptions.env + ", seed " + seed
                + ")");
        for (Path f : w.files()) {
            p.printf(Locale.ROOT, "  %-24s %,12d bytes%n", f.getFileName(), size(f));
        }
        p.printf(Locale.ROOT, "parameters: %,d (%s)%n", w.parameters(), w.dtype().torchName());
        p.printf(Locale.ROOT, "tokenizer: %d tokens (byte-level BPE, %d special); model vocab_size %d%n",
                w.tokenizerSize(), RandomCheckpoint.SPECIAL_TOKENS.size(), w.config().vocabSize());
        p.printf(Locale.ROOT, "model: %d layers, hidden %d, intermediate %d, %d heads (%d key/value)%n",
                w.config().layers(), w.config().hiddenSize(), w.config().intermediateSize(), w.config().heads(),
                w.config().kvHeads());
        p.flush();
        return 0;
    }

    private void checkOut() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a file, not a directory");
        }
        if (Files.isDirectory(out) && !force) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError("--out " + out + " exists and is not empty; pass --force to write into it");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
            }
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return -1;
        }
    }
}
