package dev.untangle.policy.hf;

import dev.untangle.policy.Tokenizer;

/**
 * A model's own subword tokenizer ({@link HfTokenizer}) seen through the policy's {@link Tokenizer}: the end of an
 * action is the chat template's end-of-turn token ({@code <|im_end|>}, {@code <|eot_id|>}, ...), padding is the
 * configuration's pad token (else the end-of-sequence token, else the end-of-turn token), and the vocabulary size is
 * the model's output size (which may exceed the tokenizer's own vocabulary: the extra rows are never produced by
 * encoding). Decoding drops special tokens. Immutable; the wrapped tokenizer is closed by its owner.
 */
public final class ChatTokenizer implements Tokenizer {

    private final HfTokenizer tokenizer;
    private final int vocabSize;
    private final int endOfAction;
    private final int pad;

    /**
     * @param tokenizer the model's tokenizer
     * @param endOfTurn the chat template's end-of-turn token (it ends every action)
     * @param vocabSize the model's output size
     * @throws HfFormatException naming {@code tokenizer.json} when a token it needs is not a single token
     */
    public ChatTokenizer(HfTokenizer tokenizer, String endOfTurn, int vocabSize) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.endOfAction = single(endOfTurn);
        String padToken = tokenizer.padToken() != null ? tokenizer.padToken()
                : tokenizer.eosToken() != null ? tokenizer.eosToken() : endOfTurn;
        this.pad = single(padToken);
        if (endOfAction >= vocabSize || pad >= vocabSize) {
            throw new HfFormatException(tokenizer.file(), "", "special token ids " + endOfAction + " / " + pad
                    + " lie outside the model's vocabulary of " + vocabSize);
        }
    }

    private int single(String token) {
        try {
            return tokenizer.tokenId(token);
        } catch (IllegalArgumentException e) {
            throw new HfFormatException(tokenizer.file(), "added_tokens", "the chat template needs '" + token
                    + "' as one token, but the tokenizer splits it");
        }
    }

    /** The wrapped tokenizer. */
    public HfTokenizer hf() {
        return tokenizer;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int[] encode(String text) {
        return tokenizer.encode(text);
    }

    @Override
    public String decode(int[] ids) {
        return tokenizer.decode(ids, true);
    }

    @Override
    public int padId() {
        return pad;
    }

    /** A subword tokenizer has no unknown words; the pad id stands in where an interface asks for one. */
    @Override
    public int unkId() {
        return pad;
    }

    @Override
    public int endOfActionId() {
        return endOfAction;
    }

    /** The id of {@code word} when it is one token, else {@link #unkId()}. */
    @Override
    public int id(String word) {
        int[] ids = tokenizer.encode(word);
        return ids.length == 1 ? ids[0] : unkId();
    }
}
