package dev.untangle.policy;

/**
 * Renders what the agent sees into token ids. RL code never concatenates prompt text itself: it asks the
 * renderer, so that prompts for generation, scoring and classification stay identical.
 */
public interface PromptRenderer {

    /** The prompt for one decision (task, history as the history mode shows it, observation, admissible). */
    int[] render(AgentContext context);

    /**
     * A generative-classification prompt: the policy's prompt, the action it took, and the verdict query;
     * the verdict token is predicted right after it.
     *
     * @param prompt the prompt tokens the action was generated from
     * @param action the action tokens (with the end-of-action token)
     * @param query  the verdict query wording, for example {@code Is this action good or bad?}; the empty string
     *               means no query at all: the verdict is predicted right after the action's last token
     */
    int[] classificationPrompt(int[] prompt, int[] action, String query);

    /** The token id of the verdict word {@code good} ({@code true}) or {@code bad} ({@code false}). */
    int verdictToken(boolean good);

    /** Tokens of a short correction hint added to the prompt before resampling (self-correction). */
    int[] withCorrectionHint(int[] prompt, String hint);
}
