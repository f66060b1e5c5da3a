package dev.untangle.policy;

import dev.untangle.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The built-in prompt format (docs/ALGORITHMS.md "Prompt format"):
 * <pre>
 * &lt;bos&gt; &lt;goal&gt; goal                                   header
 * &lt;obs&gt; o_j &lt;act&gt; a_j &lt;eoa&gt;    (for each shown past turn j)  history
 * &lt;obs&gt; o_t [&lt;cmds&gt; c_1 &lt;sep&gt; c_2 ...] &lt;act&gt;           current section
 * </pre>
 * With {@link PromptConfig#goalEachTurn()} every observation (past and current) is followed by
 * {@code <goal> goal}.
 * In {@code window} mode the history is the last k turns and the admissible commands may be listed; in
 * {@code full} mode it is every turn and no list is shown, so each turn's prompt extends the previous
 * prompt plus the action taken, and a {@link RolloutSession} can keep its key/value cache.
 *
 * <p>Length bound: every goal and observation text is cut to {@link PromptConfig#maxTextTokens()} tokens;
 * when the prompt is still longer than {@link PromptConfig#maxPromptTokens()}, whole turns are dropped from
 * the left of the history (oldest first). The header and the current section are never cut; if they alone
 * do not fit, rendering fails with a message naming the sizes. Immutable and thread-safe.
 */
public final class AgentPromptRenderer implements PromptRenderer {

    private final WordTokenizer tokenizer;
    private final PromptConfig config;
    private final int maxSequenceTokens;
    private final int bos;
    private final int goal;
    private final int obs;
    private final int act;
    private final int cmds;
    private final int sep;
    private final int ask;
    private final int hint;
    private final int eoa;

    /**
     * Creates a renderer.
     *
     * @param tokenizer          the vocabulary
     * @param config             prompt options
     * @param maxSequenceTokens  the model's context length: classification prompts (prompt, action, query,
     *                           verdict) must fit it
     */
    public AgentPromptRenderer(WordTokenizer tokenizer, PromptConfig config, int maxSequenceTokens) {
        this.tokenizer = tokenizer;
        this.config = config;
        if (config.maxPromptTokens() >= maxSequenceTokens) {
            throw new dev.untangle.config.ConfigException("prompt.max_tokens", "must be below the model's "
                    + "context length " + maxSequenceTokens + " to leave room for the action, got "
                    + config.maxPromptTokens());
        }
        this.maxSequenceTokens = maxSequenceTokens;
        this.bos = tokenizer.specialId(WordTokenizer.BOS);
        this.goal = tokenizer.specialId(WordTokenizer.GOAL);
        this.obs = tokenizer.specialId(WordTokenizer.OBS);
        this.act = tokenizer.specialId(WordTokenizer.ACT);
        this.cmds = tokenizer.specialId(WordTokenizer.CMDS);
        this.sep = tokenizer.specialId(WordTokenizer.SEP);
        this.ask = tokenizer.specialId(WordTokenizer.ASK);
        this.hint = tokenizer.specialId(WordTokenizer.HINT);
        this.eoa = tokenizer.endOfActionId();
    }

    /** The prompt options. */
    public PromptConfig config() {
        return config;
    }

    @Override
    public int[] render(AgentContext context) {
        IntList header = new IntList();
        header.add(bos);
        int[] goalIds = goalTokens(context.goal());
        header.add(goal);
        header.addAll(goalIds);

        List<Turn> history = context.history();
        int first = config.history() == HistoryMode.FULL ? 0 : Math.max(0, history.size() - config.window());
        List<int[]> turns = new ArrayList<>();
        for (Turn t : history.subList(first, history.size())) {
            IntList turn = new IntList();
            turn.add(obs);
            turn.addAll(capped(t.observation()));
            if (config.goalEachTurn()) {
                turn.add(goal);
                turn.addAll(goalIds);
            }
            turn.add(act);
            turn.addAll(tokenizer.encode(t.action()));
            turn.add(eoa);
            turns.add(turn.toArray());
        }

        IntList current = new IntList();
        current.add(obs);
        current.addAll(capped(context.observation()));
        if (config.goalEachTurn()) {
            current.add(goal);
            current.addAll(goalIds);
        }
        if (config.showAdmissible() && !context.admissible().isEmpty()) {
            current.add(cmds);
            for (int i = 0; i < context.admissible().size(); i++) {
                if (i > 0) {
                    current.add(sep);
                }
                current.addAll(tokenizer.encode(context.admissible().get(i)));
            }
        }
        current.add(act);

        return PromptBudget.assemble(header.toArray(), turns, current.toArray(), config.maxPromptTokens(),
                context.admissible().size());
    }

    @Override
    public int[] classificationPrompt(int[] prompt, int[] action, String query) {
        // an empty query reads the verdict straight after the action (algorithm.gcd.verdict_at=action_end); an action
        // cut off before its <eoa> (free decoding at max_action_tokens) gets one, so the verdict is always read at an
        // <eoa>, a position the policy never predicts from
        boolean asks = !query.isEmpty();
        boolean closes = !asks && (action.length == 0 || action[action.length - 1] != eoa);
        int[] q = asks ? tokenizer.encode(query) : new int[0];
        int suffix = action.length + (asks || closes ? 1 : 0) + q.length;
        int[] p = trimHistory(prompt, maxSequenceTokens - 1 - suffix);
        IntList out = new IntList();
        out.addAll(p);
        out.addAll(action);
        if (closes) {
            out.add(eoa);
        }
        if (asks) {
            out.add(ask);
            out.addAll(q);
        }
        return out.toArray();
    }

    @Override
    public int verdictToken(boolean good) {
        return tokenizer.id(good ? "good" : "bad");
    }

    @Override
    public int[] withCorrectionHint(int[] prompt, String hintText) {
        if (prompt.length == 0 || prompt[prompt.length - 1] != act) {
            throw new IllegalArgumentException("a correction hint goes into a rendered prompt ending with <act>");
        }
        int[] h = capped(hintText);
        IntList out = new IntList();
        out.addAll(Arrays.copyOf(prompt, prompt.length - 1));
        out.add(hint);
        out.addAll(h);
        out.add(act);
        return trimHistory(out.toArray(), config.maxPromptTokens());
    }

    /**
     * Drops whole history turns from the left of a rendered prompt until it has at most {@code limit}
     * tokens; the header and the current section stay.
     *
     * @throws IllegalArgumentException when even a prompt without history is longer than {@code limit}
     */
    int[] trimHistory(int[] prompt, int limit) {
        if (prompt.length <= limit) {
            return prompt;
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] == obs) {
                starts.add(i);
            }
        }
        if (starts.size() < 2) {
            throw new IllegalArgumentException("prompt of " + prompt.length + " tokens has no history to drop "
                    + "and exceeds the limit of " + limit + " tokens");
        }
        int headerEnd = starts.get(0);
        int current = starts.get(starts.size() - 1);
        for (int s : starts) {
            int length = headerEnd + (prompt.length - s);
            if (length <= limit) {
                IntList out = new IntList();
                out.addAll(Arrays.copyOfRange(prompt, 0, headerEnd));
                out.addAll(Arrays.copyOfRange(prompt, s, prompt.length));
                return out.toArray();
            }
            if (s == current) {
                break;
            }
        }
        throw new IllegalArgumentException("prompt needs " + (headerEnd + prompt.length - current)
                + " tokens without history but the limit is " + limit + " tokens");
    }

    /**
     * The goal's tokens. Observations may be cut to {@code maxTextTokens} (untrusted text is bounded), but a goal cut
     * short would silently change the task, so a goal longer than the bound is an error naming the key to raise.
     */
    private int[] goalTokens(String text) {
        return PromptBudget.goal(tokenizer, text, config.maxTextTokens());
    }

    private int[] capped(String text) {
        return PromptBudget.capped(tokenizer, text, config.maxTextTokens());
    }
}
