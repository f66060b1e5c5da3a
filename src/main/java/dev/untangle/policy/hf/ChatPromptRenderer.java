package dev.untangle.policy.hf;

import dev.untangle.config.ConfigException;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.HistoryMode;
import dev.untangle.policy.IntList;
import dev.untangle.policy.PromptBudget;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.PromptRenderer;
import dev.untangle.policy.Turn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The agent prompt of a pretrained chat model, in the model's own chat format ({@link ChatFormat}); docs/ALGORITHMS.md
 * "Pretrained Hugging Face decoders":
 * <pre>
 * system:    instruction + "\nYour task is to: " + goal                            header
 * user:      o_j                      assistant: a_j      (each shown past turn j)   history
 * user:      o_t ["\nAdmissible actions: " c_1 ", " c_2 ...]                        current section
 * assistant: (the action is generated here and closed by the end-of-turn token)
 * </pre>
 * With {@link PromptConfig#goalEachTurn()} every user message ends with {@code "\nYour task is to: " + goal}. In
 * {@code window} mode the history is the last k turns; in {@code full} mode it is every turn and no command list is
 * shown, so each prompt extends the previous one plus the action taken (the rollout session keeps its cache).
 *
 * <p>Length bound, as in the built-in format: every observation is cut to {@link PromptConfig#maxTextTokens()}
 * tokens, a longer goal is an error naming the key, and whole turns are dropped from the left of the history until
 * the prompt has at most {@link PromptConfig#maxPromptTokens()} tokens. Immutable and thread-safe.
 */
public final class ChatPromptRenderer implements PromptRenderer {

    private static final String TASK = "\nYour task is to: ";
    private static final String ADMISSIBLE = "\nAdmissible actions: ";

    private final ChatTokenizer tokenizer;
    private final ChatFormat format;
    private final PromptConfig config;
    private final String instruction;
    private final int maxSequenceTokens;
    private final int[] userOpen;
    private final int[] assistantOpen;
    private final int[] afterTurn;
    private final int eot;
    private final int good;
    private final int bad;

    /**
     * @param tokenizer         the model's tokenizer
     * @param format            the model's chat format
     * @param config            prompt options
     * @param instruction       the system message's instruction (the goal follows it)
     * @param maxSequenceTokens the model's context length (classification prompts must fit it)
     * @throws ConfigException when {@code prompt.max_tokens} leaves no room for an action
     */
    public ChatPromptRenderer(ChatTokenizer tokenizer, ChatFormat format, PromptConfig config, String instruction,
                              int maxSequenceTokens) {
        if (config.maxPromptTokens() >= maxSequenceTokens) {
            throw new ConfigException("prompt.max_tokens", "must be below the model's context length "
                    + maxSequenceTokens + " to leave room for the action, got " + config.maxPromptTokens());
        }
        this.tokenizer = tokenizer;
        this.format = format;
        this.config = config;
        this.instruction = instruction;
        this.maxSequenceTokens = maxSequenceTokens;
        HfTokenizer hf = tokenizer.hf();
        this.userOpen = format.open(hf, "user");
        this.assistantOpen = format.open(hf, "assistant");
        this.afterTurn = format.afterTurn(hf);
        this.eot = tokenizer.endOfActionId();
        this.good = hf.encode("good")[0];
        this.bad = hf.encode("bad")[0];
        if (good == bad) {
            throw new HfFormatException(hf.file(), "model", "'good' and 'bad' start with the same token, so they "
                    + "cannot serve as verdicts");
        }
    }

    /** The tokenizer the prompts are encoded with. */
    public ChatTokenizer tokenizer() {
        return tokenizer;
    }

    /** The chat format. */
    public ChatFormat format() {
        return format;
    }

    @Override
    public int[] render(AgentContext context) {
        int[] goalIds = goalTokens(context.goal());
        IntList header = new IntList();
        header.addAll(format.begin(tokenizer.hf()));
        header.addAll(format.open(tokenizer.hf(), "system"));
        header.addAll(tokenizer.encode(instruction + TASK));
        header.addAll(goalIds);
        endTurn(header);

        List<Turn> history = context.history();
        int first = config.history() == HistoryMode.FULL ? 0 : Math.max(0, history.size() - config.window());
        List<int[]> turns = new ArrayList<>();
        for (Turn t : history.subList(first, history.size())) {
            IntList turn = new IntList();
            userMessage(turn, t.observation(), goalIds);
            endTurn(turn);
            turn.addAll(assistantOpen);
            turn.addAll(tokenizer.encode(t.action()));
            endTurn(turn);
            turns.add(turn.toArray());
        }

        IntList current = new IntList();
        userMessage(current, context.observation(), goalIds);
        if (config.showAdmissible() && !context.admissible().isEmpty()) {
            current.addAll(tokenizer.encode(ADMISSIBLE + String.join(", ", context.admissible())));
        }
        endTurn(current);
        current.addAll(assistantOpen);

        return PromptBudget.assemble(header.toArray(), turns, current.toArray(), config.maxPromptTokens(),
                context.admissible().size());
    }

    private void userMessage(IntList b, String observation, int[] goalIds) {
        b.addAll(userOpen);
        b.addAll(capped(observation));
        if (config.goalEachTurn()) {
            b.addAll(tokenizer.encode(TASK));
            b.addAll(goalIds);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>With a query, the action's turn is closed and the query is a user message; the verdict is the first token of
     * the assistant's reply. With the empty query the verdict is read right after the action's end-of-turn token.
     */
    @Override
    public int[] classificationPrompt(int[] prompt, int[] action, String query) {
        boolean closes = action.length == 0 || action[action.length - 1] != eot;
        IntList suffix = new IntList();
        suffix.addAll(action);
        if (closes) {
            suffix.add(eot);
        }
        if (!query.isEmpty()) {
            suffix.addAll(afterTurn);
            suffix.addAll(userOpen);
            suffix.addAll(tokenizer.encode(query));
            endTurn(suffix);
            suffix.addAll(assistantOpen);
        }
        int[] s = suffix.toArray();
        return ChatFormat.cat(trimHistory(prompt, maxSequenceTokens - 1 - s.length), s);
    }

    /** The first token of {@code good} or {@code bad} (checked to differ). */
    @Override
    public int verdictToken(boolean isGood) {
        return isGood ? good : bad;
    }

    /** The hint is appended to the current user message, before the assistant's turn opens. */
    @Override
    public int[] withCorrectionHint(int[] prompt, String hintText) {
        int tail = 1 + afterTurn.length + assistantOpen.length;
        if (prompt.length < tail || !Arrays.equals(prompt, prompt.length - assistantOpen.length, prompt.length,
                assistantOpen, 0, assistantOpen.length)) {
            throw new IllegalArgumentException("a correction hint goes into a rendered prompt ending with the "
                    + "assistant's turn");
        }
        int cut = prompt.length - tail;
        int[] hint = capped("\n" + hintText);
        return trimHistory(ChatFormat.cat(ChatFormat.cat(Arrays.copyOf(prompt, cut), hint),
                Arrays.copyOfRange(prompt, cut, prompt.length)), config.maxPromptTokens());
    }

    /**
     * Drops whole history turns (each starting at a user message) from the left of a rendered prompt until it has at
     * most {@code limit} tokens; the header and the current section stay.
     *
     * @throws IllegalArgumentException when even a prompt without history is longer than {@code limit}
     */
    int[] trimHistory(int[] prompt, int limit) {
        if (prompt.length <= limit) {
            return prompt;
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + userOpen.length <= prompt.length; i++) {
            if (Arrays.equals(prompt, i, i + userOpen.length, userOpen, 0, userOpen.length)) {
                starts.add(i);
            }
        }
        if (starts.size() < 2) {
            throw new IllegalArgumentException("prompt of " + prompt.length + " tokens has no history to drop "
                    + "and exceeds the limit of " + limit + " tokens");
        }
        int headerEnd = starts.get(0);
        for (int k = 1; k < starts.size(); k++) {
            int s = starts.get(k);
            if (headerEnd + (prompt.length - s) <= limit) {
                return ChatFormat.cat(Arrays.copyOfRange(prompt, 0, headerEnd),
                        Arrays.copyOfRange(prompt, s, prompt.length));
            }
        }
        throw new IllegalArgumentException("prompt needs " + (headerEnd + prompt.length - starts.get(starts.size() - 1))
                + " tokens without history but the limit is " + limit + " tokens");
    }

    private int[] goalTokens(String text) {
        return PromptBudget.goal(tokenizer, text, config.maxTextTokens());
    }

    private int[] capped(String text) {
        return PromptBudget.capped(tokenizer, text, config.maxTextTokens());
    }

    /** Closes a message: the end-of-turn token and what follows it. */
    private void endTurn(IntList b) {
        b.add(eot);
        b.addAll(afterTurn);
    }
}
