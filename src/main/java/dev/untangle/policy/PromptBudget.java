package dev.untangle.policy;

import dev.untangle.config.ConfigException;
import java.util.Arrays;
import java.util.List;

/**
 * The length bounds every prompt format applies (docs/ALGORITHMS.md "Prompt format"): untrusted texts are cut to
 * {@code prompt.max_text_tokens}, a goal longer than that is an error (a cut goal would silently change the task),
 * and whole history turns are dropped from the left until the prompt has at most {@code prompt.max_tokens}.
 */
public final class PromptBudget {

    private PromptBudget() {
    }

    /**
     * The goal's tokens.
     *
     * @throws ConfigException naming {@code prompt.max_text_tokens} when the goal needs more than {@code max} tokens
     */
    public static int[] goal(Tokenizer tokenizer, String text, int max) {
        int[] ids = tokenizer.encode(text);
        if (ids.length > max) {
            throw new ConfigException("prompt.max_text_tokens", "the goal \""
                    + (text.length() <= 60 ? text : text.substring(0, 60) + "...") + "\" needs "
                    + ids.length + " tokens but texts are cut at " + max + "; raise "
                    + "prompt.max_text_tokens (and prompt.max_tokens / model.context_length if the prompt no longer "
                    + "fits) so that the task is never truncated");
        }
        return ids;
    }

    /** A text's tokens, cut to the first {@code max}. */
    public static int[] capped(Tokenizer tokenizer, String text, int max) {
        int[] ids = tokenizer.encode(text);
        return ids.length <= max ? ids : Arrays.copyOf(ids, max);
    }

    /**
     * Header, the newest history turns that fit, and the current section, concatenated.
     *
     * @param admissible the number of admissible commands listed (for the error message)
     * @throws ConfigException naming {@code prompt.max_tokens} when header and current section alone exceed the limit
     */
    public static int[] assemble(int[] header, List<int[]> turns, int[] current, int limit, int admissible) {
        int fixed = header.length + current.length;
        if (fixed > limit) {
            throw new ConfigException("prompt.max_tokens", "a prompt needs " + fixed + " tokens without history "
                    + "(goal, current observation and " + admissible + " admissible commands) but the limit is "
                    + limit + "; raise prompt.max_tokens and model.context_length or set prompt.admissible=false");
        }
        int total = fixed;
        for (int[] t : turns) {
            total += t.length;
        }
        int drop = 0;
        while (total > limit) {
            total -= turns.get(drop).length;
            drop++;
        }
        int[] out = Arrays.copyOf(header, total);
        int at = header.length;
        for (int[] t : turns.subList(drop, turns.size())) {
            System.arraycopy(t, 0, out, at, t.length);
            at += t.length;
        }
        System.arraycopy(current, 0, out, at, current.length);
        return out;
    }
}
