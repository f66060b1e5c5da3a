package dev.untangle.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The network under a {@link DecoderPolicy}: a causal decoder that maps token ids to final hidden states and hidden
 * states to next-token logits. The built-in {@link TransformerLm} and a pretrained Hugging Face decoder
 * ({@code dev.untangle.policy.hf}) implement it, so generation ({@link BatchDecoder}) and scoring are written once.
 */
public interface LanguageModel {

    /**
     * The most attention scores of one head that one pass over a batch should hold (rows x new columns x keys):
     * 2^25 values, 512 MiB of float32 scores for 4 heads. Long full-history prompts are read in chunks under it
     * (cached prefill, diagnostics probes); every household and Hugging Face batch so far stays within it.
     */
    long SCORES_PER_PASS = 1L << 25;

    /** Rows of the output layer (token ids run {@code 0 .. vocabSize-1}). */
    int vocabSize();

    /** Width of the hidden states that {@link #forward} returns. */
    int width();

    /** The longest sequence, in tokens, the model reads (prompt plus action). */
    int contextLength();

    /** The manager that owns the weights; callers open sub-managers of it for their scopes. */
    NDManager manager();

    /** A zeroed key/value cache for {@code batch} rows and up to {@code capacity} columns, in {@code scope}. */
    KvCache newCache(NDManager scope, int batch, int capacity);

    /**
     * Runs the decoder over new columns.
     *
     * @param ids       token ids [B, T] (int64)
     * @param positions position ids [B, T] (int64)
     * @param match     goal-match slots [B, T], or {@code null} (models without the goal-match embedding ignore it)
     * @param mask      additive attention mask [B or 1, 1, T, S], S = cached columns + T
     * @param cache     keys/values of earlier columns, extended in place, or {@code null} for a plain pass
     * @param train     whether training-only randomness (dropout) applies
     * @return final hidden states [B, T, width]
     */
    NDArray forward(NDArray ids, NDArray positions, NDArray match, NDArray mask, KvCache cache, boolean train);

    /** Next-token logits of hidden states, [..., vocabSize]. */
    NDArray logits(NDArray hidden);

    /**
     * Next-token logits of hidden states [B, ..., D] whose rows read the given goals: a model with goal-copy
     * scores (the built-in transformer's {@code model.goal_copy}) adds them, any other model ignores the goals.
     *
     * @param goals per row the goal's tokens, or {@code null} when the caller has no goal-copy tagger
     */
    default NDArray logits(NDArray hidden, int[][] goals) {
        return logits(hidden);
    }
}
