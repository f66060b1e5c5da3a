package dev.untangle.policy;

import java.util.Arrays;

/**
 * Turns text into token ids and back. The built-in tokenizer is word-level; unknown words map to
 * {@link #unkId()}.
 */
public interface Tokenizer {

    /** Vocabulary size (ids run {@code 0 .. vocabSize-1}). */
    int vocabSize();

    /** Token ids of a text. */
    int[] encode(String text);

    /** Text of token ids (special tokens dropped). */
    String decode(int[] ids);

    /** Id of the padding token. */
    int padId();

    /** Id of the unknown-word token. */
    int unkId();

    /** Id of the end-of-action token that ends every generated action. */
    int endOfActionId();

    /** Id of a word, or {@link #unkId()} when it is not in the vocabulary. */
    int id(String word);

    /** Token ids of an action text followed by the end-of-action token: the target a demonstration trains on. */
    default int[] encodeAction(String action) {
        int[] words = encode(action);
        int[] out = Arrays.copyOf(words, words.length + 1);
        out[words.length] = endOfActionId();
        return out;
    }
}
