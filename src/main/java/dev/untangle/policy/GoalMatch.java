package dev.untangle.policy;

/**
 * The goal-match feature of {@code model.goal_match} (docs/ALGORITHMS.md "Policy model", "Goal match"): every token
 * of a sequence is tagged with the place its word takes in the task's goal,
 * <pre>
 * m(x_i) = 1 + min(k, K - 1)   where k is the first position of x_i among the goal's tokens
 * m(x_i) = 0                   when x_i is not a goal word (or the sequence has no goal)
 * </pre>
 * with K = {@link #SLOTS}, and the model adds a learned row M[m(x_i)] to the token embedding. This is the exact-match
 * feature of reading-comprehension models (DrQA): whether "mug" in the latest observation is the goal's object
 * becomes one embedding lookup instead of an attention pattern the model has to discover from a few thousand
 * demonstrations. The goal is the text between the sequence's first {@code <goal>} marker and the next
 * {@code <obs>} marker (the prompt format of {@link AgentPromptRenderer}). Immutable and thread-safe.
 */
final class GoalMatch {

    /** K: goal positions told apart; later goal words share the last slot. The table has K + 1 rows. */
    static final int SLOTS = 16;

    private final int goalMarker;
    private final int observationMarker;

    /**
     * @param goalMarker        id of {@code <goal>}
     * @param observationMarker id of {@code <obs>}
     */
    GoalMatch(int goalMarker, int observationMarker) {
        this.goalMarker = goalMarker;
        this.observationMarker = observationMarker;
    }

    /** The markers of the built-in word tokenizer. */
    static GoalMatch of(WordTokenizer tokenizer) {
        return new GoalMatch(tokenizer.specialId(WordTokenizer.GOAL), tokenizer.specialId(WordTokenizer.OBS));
    }

    /** The goal's tokens in the first {@code length} ids of {@code seq} (empty when it has no goal marker). */
    int[] goal(int[] seq, int length) {
        int start = -1;
        for (int i = 0; i < length; i++) {
            if (seq[i] == goalMarker) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            return new int[0];
        }
        int end = start;
        while (end < length && seq[end] != observationMarker && seq[end] != goalMarker) {
            end++;
        }
        return java.util.Arrays.copyOfRange(seq, start, end);
    }

    /** m(token) for a goal given by {@link #goal}. */
    static int slot(int[] goal, int token) {
        for (int k = 0; k < goal.length; k++) {
            if (goal[k] == token) {
                return 1 + Math.min(k, SLOTS - 1);
            }
        }
        return 0;
    }

    /** m(x_i) of every token of a sequence. */
    long[] slots(int[] seq) {
        int[] goal = goal(seq, seq.length);
        long[] out = new long[seq.length];
        for (int i = 0; i < seq.length; i++) {
            out[i] = slot(goal, seq[i]);
        }
        return out;
    }
}
