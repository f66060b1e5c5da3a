package dev.untangle.cli;

import dev.untangle.policy.TransformerConfig;
import picocli.CommandLine.Option;

/** The model-shape options shared by {@code bench train} and {@code bench generate} (a picocli mixin). */
public final class BenchModelOptions {

    @Option(names = "--layers", description = "transformer blocks (default: ${DEFAULT-VALUE})")
    int layers = 4;

    @Option(names = "--width", description = "model width D (default: ${DEFAULT-VALUE})")
    int width = 128;

    @Option(names = "--heads", description = "attention heads (default: ${DEFAULT-VALUE})")
    int heads = 4;

    @Option(names = "--vocab", description = "vocabulary size (default: ${DEFAULT-VALUE})")
    int vocab = 1024;

    /** The transformer these options describe, with the given context length. */
    TransformerConfig config(int contextLength) {
        return TransformerConfig.builder().setVocabSize(vocab).optLayers(layers).optWidth(width)
                .optHeads(heads).optContextLength(contextLength).build();
    }

    /** One line naming the shape, for the text output. */
    String describe() {
        return String.format("%d layers, width %d, %d heads, vocabulary %d", layers, width, heads, vocab);
    }
}
