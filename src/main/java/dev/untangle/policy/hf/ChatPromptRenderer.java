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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent prompt of a pretrained chat model: the messages below rendered by the model's own chat template
 * ({@link ChatTemplate}, with {@code add_generation_prompt=True} and {@code enable_thinking=False}) and the rendered
 * text tokenized as a whole, so a prompt's ids are {@code tokenizer(apply_chat_template(messages, ...),
 * add_special_tokens=False)}; docs/ALGORITHMS.md "Pretrained Hugging Face decoders":
 * <pre>
 * system:    instruction + "\nYour task is to: " + goal                            header
 * user:      o_j                      assistant: a_j      (each shown past turn j)   history
 * user:      o_t ["\nAdmissible actions: " c_1 ", " c_2 ...]                        current message
 * assistant: (the template's generation prompt; the action is generated here and closed by the end-of-turn token)
 * </pre>
 * With {@link PromptConfig#goalEachTurn()} every user message ends with {@code "\nYour task is to: " + goal}. In
 * {@code window} mode the history is the last k turns; in {@code full} mode it is every turn and no command list is
 * shown, so where the template renders a past assistant turn as it rendered the generation prompt plus the action
 * (ChatML of Qwen2.5 and SmolLM2, Llama 3 / 3.1 / 3.2), each prompt extends the previous one plus the action taken
 * and the rollout session keeps its cache. Qwen3's template drops the empty think block of past assistant turns, so
 * there every turn's prompt differs from the previous one at that block and the session encodes each prompt afresh.
 *
 * <p>The template's boundary tokens are found as TRL does, by rendering a conversation with and without its last
 * message: the end-of-turn token that closes an action, the text after it, the user message's opening and the
 * generation prompt. They serve the prompts that are built from ids: the classification prompt of GCD (the action's
 * turn closed, the query asked as a user message, the assistant's turn opened) and the correction hint (added to the
 * current user message and the text tokenized again).
 *
 * <p>Length bound, as in the built-in format: every observation is cut to {@link PromptConfig#maxTextTokens()}
 * tokens (of the observation on its own), a longer goal is an error naming the key, and whole turns are dropped
 * from the left of the history until the prompt has at most {@link PromptConfig#maxPromptTokens()} tokens.
 * Immutable and thread-safe.
 */
public final class ChatPromptRenderer implements PromptRenderer {

    private static final String TASK = "\nYour task is to: ";
    private static final String ADMISSIBLE = "\nAdmissible actions: ";
    /** A text no observation contains, to find where a message's content stands in a rendering. */
    private static final String MARK = "\u2063untangle\u2063";

    private final ChatTokenizer tokenizer;
    private final ChatTemplate template;
    private final PromptConfig config;
    private final String instruction;
    private final int maxSequenceTokens;
    private final Boolean enableThinking;
    private final String endOfTurnText;
    private final String afterTurnText;
    private final String userTail;
    private final int[] userOpen;
    private final int eot;
    private final int good;
    private final int bad;
    private final Map<String, String> querySuffixes = new ConcurrentHashMap<>();
    /** Texts already cut to the token limit (every history turn is shown again on every later turn). */
    private final Map<String, String> cappedTexts = lru(4096);
    private final Map<String, Boolean> checkedGoals = lru(256);

    /**
     * A renderer over a model's tokenizer and chat template.
     *
     * @param tokenizer         the model's tokenizer
     * @param vocabSize         the model's output size
     * @param config            prompt options
     * @param instruction       the system message's instruction (the goal follows it)
     * @param maxSequenceTokens the model's context length (classification prompts must fit it)
     * @throws HfFormatException naming the file and {@code chat_template} when the model has no template, it does
     *                           not parse, or it does not close an assistant turn with one special token
     * @throws ConfigException   when {@code prompt.max_tokens} leaves no room for an action
     */
    public static ChatPromptRenderer create(HfTokenizer tokenizer, int vocabSize, PromptConfig config,
                                            String instruction, int maxSequenceTokens) {
        ChatTemplate template = ChatTemplate.of(tokenizer);
        String endOfTurn = endOfTurn(template, tokenizer, Boolean.FALSE);
        return new ChatPromptRenderer(new ChatTokenizer(tokenizer, endOfTurn, vocabSize), template, config,
                instruction, maxSequenceTokens, Boolean.FALSE);
    }

    /**
     * A renderer.
     *
     * @param tokenizer         the model's tokenizer (its end of action is the template's end-of-turn token)
     * @param template          the model's chat template
     * @param config            prompt options
     * @param instruction       the system message's instruction (the goal follows it)
     * @param maxSequenceTokens the model's context length (classification prompts must fit it)
     * @param enableThinking    the template's {@code enable_thinking}, or {@code null} to leave it undefined
     * @throws HfFormatException naming the template's file and {@code chat_template} when the template does not lay
     *                           out turns as a chat template does
     * @throws ConfigException   when {@code prompt.max_tokens} leaves no room for an action
     */
    public ChatPromptRenderer(ChatTokenizer tokenizer, ChatTemplate template, PromptConfig config, String instruction,
                              int maxSequenceTokens, Boolean enableThinking) {
        if (config.maxPromptTokens() >= maxSequenceTokens) {
            throw new ConfigException("prompt.max_tokens", "must be below the model's context length "
                    + maxSequenceTokens + " to leave room for the action, got " + config.maxPromptTokens());
        }
        this.tokenizer = tokenizer;
        this.template = template;
        this.config = config;
        this.instruction = instruction;
        this.maxSequenceTokens = maxSequenceTokens;
        this.enableThinking = enableThinking;
        HfTokenizer hf = tokenizer.hf();
        this.eot = tokenizer.endOfActionId();
        this.endOfTurnText = hf.decode(new int[] {eot}, false);
        String closed = after(render(List.of(system(), user("u"), assistant(MARK)), false), MARK, "an assistant turn");
        this.afterTurnText = closed.substring(endOfTurnText.length());
        this.userTail = after(render(List.of(system(), user(MARK)), true), MARK, "a user turn");
        if (!userTail.startsWith(endOfTurnText)) {
            throw templateError("a user turn is not closed by " + endOfTurnText + " as the assistant's turn is");
        }
        String twoTurns = render(List.of(system(), user("u"), assistant("a"), user(MARK)), false);
        String open = twoTurns.substring(0, twoTurns.indexOf(MARK));
        String betweenTurns = endOfTurnText + afterTurnText;
        open = open.substring(open.lastIndexOf(betweenTurns) + betweenTurns.length());
        this.userOpen = hf.encode(PythonMethods.strip(open, null, false, true));
        if (userOpen.length == 0) {
            throw templateError("a user turn has no opening");
        }
        this.good = hf.encode("good")[0];
        this.bad = hf.encode("bad")[0];
        if (good == bad) {
            throw new HfFormatException(hf.file(), "model", "'good' and 'bad' start with the same token, so they "
                    + "cannot serve as verdicts");
        }
    }

    /**
     * The end-of-turn token of a template: the special token right after an assistant message's content.
     *
     * @throws HfFormatException naming the template's file and {@code chat_template} when there is none
     */
    static String endOfTurn(ChatTemplate template, HfTokenizer tokenizer, Boolean enableThinking) {
        List<ChatTemplate.Message> m = List.of(new ChatTemplate.Message("system", "s"),
                new ChatTemplate.Message("user", "u"), new ChatTemplate.Message("assistant", MARK));
        String text = template.render(m, false, enableThinking);
        int at = text.indexOf(MARK);
        if (at < 0) {
            throw new HfFormatException(template.file(), "chat_template", "does not render an assistant message's "
                    + "content, so untangle cannot tell where an action ends");
        }
        String rest = text.substring(at + MARK.length());
        int[] ids = tokenizer.encode(rest);
        if (ids.length == 0) {
            throw new HfFormatException(template.file(), "chat_template", "nothing follows an assistant message's "
                    + "content, so untangle cannot tell where an action ends");
        }
        String first = tokenizer.decode(new int[] {ids[0]}, false);
        if (!rest.startsWith(first) || tokenizer.encode(first).length != 1 || tokenizer.decode(new int[] {ids[0]},
                true).equals(first)) {
            throw new HfFormatException(template.file(), "chat_template", "an assistant message is followed by '"
                    + rest.substring(0, Math.min(20, rest.length())) + "', not by one special token that ends a turn");
        }
        return first;
    }

    private static String after(String text, String mark, String what) {
        int at = text.indexOf(mark);
        if (at < 0) {
            throw new IllegalStateException("the template does not render the content of " + what);
        }
        return text.substring(at + mark.length());
    }

    private HfFormatException templateError(String message) {
        return new HfFormatException(template.file(), "chat_template", message);
    }

    private ChatTemplate.Message system() {
        return new ChatTemplate.Message("system", "s");
    }

    private static ChatTemplate.Message user(String content) {
        return new ChatTemplate.Message("user", content);
    }

    private static ChatTemplate.Message assistant(String content) {
        return new ChatTemplate.Message("assistant", content);
    }

    private String render(List<ChatTemplate.Message> messages, boolean generationPrompt) {
        return template.render(messages, generationPrompt, enableThinking);
    }

    /** The tokenizer the prompts are encoded with. */
    public ChatTokenizer tokenizer() {
        return tokenizer;
    }

    /** The chat template. */
    public ChatTemplate template() {
        return template;
    }

    /** The messages of a decision's prompt with all of its history (before the length bound drops turns). */
    public List<ChatTemplate.Message> messages(AgentContext context) {
        return messages(context, 0);
    }

    private List<ChatTemplate.Message> messages(AgentContext context, int drop) {
        if (!checkedGoals.containsKey(context.goal())) {
            PromptBudget.goal(tokenizer, context.goal(), config.maxTextTokens());
            checkedGoals.put(context.goal(), Boolean.TRUE);
        }
        List<ChatTemplate.Message> m = new ArrayList<>();
        m.add(new ChatTemplate.Message("system", instruction + TASK + context.goal()));
        List<Turn> history = shownHistory(context);
        for (Turn t : history.subList(drop, history.size())) {
            m.add(user(userText(t.observation(), context.goal())));
            m.add(assistant(t.action()));
        }
        String current = userText(context.observation(), context.goal());
        if (config.showAdmissible() && !context.admissible().isEmpty()) {
            current += ADMISSIBLE + String.join(", ", context.admissible());
        }
        m.add(user(current));
        return m;
    }

    private List<Turn> shownHistory(AgentContext context) {
        List<Turn> history = context.history();
        int first = config.history() == HistoryMode.FULL ? 0 : Math.max(0, history.size() - config.window());
        return history.subList(first, history.size());
    }

    private String userText(String observation, String goal) {
        String text = capped(observation);
        return config.goalEachTurn() ? text + TASK + goal : text;
    }

    @Override
    public int[] render(AgentContext context) {
        int shown = shownHistory(context).size();
        int[] all = encode(messages(context, 0));
        if (all.length <= config.maxPromptTokens()) {
            return all;
        }
        int[] bare = encode(messages(context, shown));
        if (bare.length > config.maxPromptTokens()) {
            throw new ConfigException("prompt.max_tokens", "a prompt needs " + bare.length + " tokens without "
                    + "history (goal, current observation and " + context.admissible().size() + " admissible "
                    + "commands) but the limit is " + config.maxPromptTokens() + "; raise prompt.max_tokens and "
                    + "model.context_length or set prompt.admissible=false");
        }
        // the fewest oldest turns to drop (a prompt only shrinks as turns are dropped)
        int lo = 1;
        int hi = shown;
        int[] best = bare;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int[] ids = encode(messages(context, mid));
            if (ids.length <= config.maxPromptTokens()) {
                best = ids;
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return best;
    }

    private int[] encode(List<ChatTemplate.Message> messages) {
        return tokenizer.hf().encode(render(messages, true));
    }

    /**
     * {@inheritDoc}
     *
     * <p>With a query, the action's turn is closed and the query is a user message; the verdict is the first token of
     * the assistant's reply. With the empty query the verdict is read right after the action's end-of-turn token.
     * The prompt is the one the action was generated from, so the ids equal the template's rendering of the
     * conversation with the action and the query wherever the template renders a past assistant turn as it rendered
     * the generation prompt plus the action (all but Qwen3's, which would drop the empty think block of the action's
     * turn: here it stays, as the model saw it when it acted).
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
            suffix.addAll(tokenizer.hf().encode(querySuffix(query)));
        }
        int[] s = suffix.toArray();
        return cat(trimHistory(prompt, maxSequenceTokens - 1 - s.length), s);
    }

    /** The text after an assistant turn's end-of-turn token up to the reply: the query's user turn, then the reply's
     * opening. */
    private String querySuffix(String query) {
        return querySuffixes.computeIfAbsent(query, q -> {
            String text = render(List.of(system(), user("u"), assistant(MARK), user(q)), true);
            return after(text, MARK + endOfTurnText, "an assistant turn followed by a user turn");
        });
    }

    /** The first token of {@code good} or {@code bad} (checked to differ). */
    @Override
    public int verdictToken(boolean isGood) {
        return isGood ? good : bad;
    }

    /**
     * The hint is appended to the current user message ({@code "\n" + hint}, cut to
     * {@link PromptConfig#maxTextTokens()} tokens) and the text tokenized again, as the template would render the
     * message with the hint (for a tokenizer whose decoding gives back the text, as byte-level BPE does; otherwise the
     * hint's tokens are put in before the end of the user message).
     */
    @Override
    public int[] withCorrectionHint(int[] prompt, String hintText) {
        HfTokenizer hf = tokenizer.hf();
        String text = hf.decode(prompt, false);
        if (!text.endsWith(userTail)) {
            throw new IllegalArgumentException("a correction hint goes into a rendered prompt ending with the "
                    + "assistant's turn");
        }
        String hint = capped("\n" + hintText);
        int cut = text.length() - userTail.length();
        int[] out;
        if (Arrays.equals(hf.encode(text), prompt)) {
            out = hf.encode(text.substring(0, cut) + hint + userTail);
        } else {
            int[] tail = hf.encode(userTail);
            int[] head = Arrays.copyOf(prompt, prompt.length - tail.length);
            out = cat(cat(head, hf.encode(hint)), tail);
        }
        return trimHistory(out, config.maxPromptTokens());
    }

    /**
     * Drops whole history turns (each starting at a user message) from the left of a rendered prompt until it has at
     * most {@code limit} tokens; the header and the current message stay.
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
                return cat(Arrays.copyOfRange(prompt, 0, headerEnd), Arrays.copyOfRange(prompt, s, prompt.length));
            }
        }
        throw new IllegalArgumentException("prompt needs " + (headerEnd + prompt.length - starts.get(starts.size() - 1))
                + " tokens without history but the limit is " + limit + " tokens");
    }

    /** A text cut to its first {@code prompt.max_text_tokens} tokens (whole characters). */
    private String capped(String text) {
        String known = cappedTexts.get(text);
        if (known == null) {
            known = cut(text);
            cappedTexts.put(text, known);
        }
        return known;
    }

    private String cut(String text) {
        HfTokenizer hf = tokenizer.hf();
        int[] ids = hf.encode(text);
        int max = config.maxTextTokens();
        if (ids.length <= max) {
            return text;
        }
        for (int n = max; n > 0; n--) {
            String prefix = hf.decode(Arrays.copyOf(ids, n), false);
            if (!prefix.endsWith("\ufffd") || text.startsWith(prefix)) {
                return prefix;
            }
        }
        return "";
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    static int[] cat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
