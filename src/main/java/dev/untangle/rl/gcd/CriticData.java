package dev.untangle.rl.gcd;

import dev.untangle.config.ConfigException;
import dev.untangle.config.CriticDataConfig;
import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Turn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Critic data for the SFT cold start (docs/ALGORITHMS.md "GCD cold start"). The demonstrating expert plays each
 * task; at every state s it reached, its action a* is a {@code good} example, and up to
 * {@code sft.critic_negatives} other commands a (drawn without replacement, seeded, from the admissible commands
 * and the episode's earlier actions) are {@code bad} examples when they make no progress:
 * <ul>
 *   <li>a repeats an action taken earlier in the episode, or</li>
 *   <li>the environment rejects a (invalid), or</li>
 *   <li>d(s') &gt;= d(s), where d is the number of steps the oracle expert needs to win from a state (replayed
 *       from the task's start; d = maxSteps + 1 when it does not win within maxSteps).</li>
 * </ul>
 * Commands that make progress are not labelled. Each example is a verdict request (classification prompt,
 * verdict token) that SFT trains with the same token-level NLL as the demonstrations.
 */
public final class CriticData {

    /**
     * One labelled (state, action).
     *
     * @param episode index of the expert episode (task) the state belongs to
     * @param state   index of the state (examples of one state share it and their prompt)
     * @param prompt  the agent prompt of the state
     * @param action  the action tokens (end-of-action token included)
     * @param good    the verdict label
     */
    public record Example(int episode, int state, int[] prompt, int[] action, boolean good) {
    }

    /**
     * What was built.
     *
     * @param examples the verdict requests, one per item
     * @param items    the labelled (state, action) pairs
     * @param good     number of good examples
     * @param bad      number of bad examples
     * @param skipped  sampled commands that made progress (not labelled)
     */
    public record Result(List<ScoreRequest> examples, List<Example> items, int good, int bad, int skipped) {

        /**
         * The examples as minibatch units: all of one expert episode together ({@code byEpisode}; in the {@code full}
         * history mode its states' prompts are prefixes of each other, so the unit is one row of the episode pass
         * with the other commands as branches, docs/ALGORITHMS.md "Branches"), or all of one state together (they
         * share the state's prompt; the other commands branch off it).
         */
        public List<List<ScoreRequest>> units(boolean byEpisode) {
            java.util.Map<Integer, List<ScoreRequest>> groups = new java.util.LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                Example e = items.get(i);
                groups.computeIfAbsent(byEpisode ? e.episode() : e.state(), k -> new ArrayList<>())
                        .add(examples.get(i));
            }
            return new ArrayList<>(groups.values());
        }
    }

    private final EnvironmentSuite suite;
    private final Expert demonstrator;
    private final Expert oracle;
    private final CriticDataConfig config;
    private final int maxSteps;

    /**
     * Creates the builder.
     *
     * @param suite      the environment suite
     * @param expertName the demonstrating expert ({@code sft.expert})
     * @param config     critic options
     * @param maxSteps   step limit of an episode (and of the oracle's distance)
     * @throws ConfigException naming the key when the suite lacks either expert
     */
    public CriticData(EnvironmentSuite suite, String expertName, CriticDataConfig config, int maxSteps) {
        this.suite = suite;
        this.demonstrator = suite.expert(expertName).orElseThrow(() -> new ConfigException("sft.expert",
                "environment " + suite.name() + " has no expert '" + expertName + "'; known: " + suite.experts()));
        this.oracle = suite.expert(config.oracle()).orElseThrow(() -> new ConfigException("sft.critic_oracle",
                "environment " + suite.name() + " has no expert '" + config.oracle() + "'; known: "
                        + suite.experts()));
        this.config = config;
        this.maxSteps = maxSteps;
    }

    /**
     * Builds the examples on tasks {@code 0 .. tasks-1} of {@code split}.
     *
     * @param tasks  number of tasks (0: the whole split)
     * @param policy renders prompts and classification prompts
     * @param query  the verdict query
     */
    public Result build(String split, int tasks, Policy policy, String query) {
        int size = suite.split(split).size();
        int n = tasks == 0 ? size : Math.min(size, tasks);
        List<ScoreRequest> out = new ArrayList<>();
        List<Example> items = new ArrayList<>();
        int state = 0;
        int good = 0;
        int bad = 0;
        int skipped = 0;
        try (TextEnvironment env = suite.create(); TextEnvironment probe = suite.create()) {
            for (int id = 0; id < n; id++) {
                Random rng = new Random(config.seed() * 1_000_003L + id);
                Reset reset = env.reset(split, id);
                demonstrator.begin(env, reset);
                String obs = reset.observation();
                List<String> admissible = reset.admissible();
                List<Turn> history = new ArrayList<>();
                List<String> taken = new ArrayList<>();
                for (int t = 0; t < maxSteps; t++) {
                    String expertAction = demonstrator.next(env, obs);
                    int[] prompt = policy.renderer().render(new AgentContext(reset.task().goal(), history, obs,
                            admissible));
                    int[] expertTokens = policy.tokenizer().encodeAction(expertAction);
                    out.add(Verdicts.request(policy, prompt, expertTokens, query, true));
                    items.add(new Example(id, state, prompt, expertTokens, true));
                    good++;
                    List<String> pool = new ArrayList<>();
                    for (String c : admissible) {
                        if (!c.equals(expertAction) && !pool.contains(c)) {
                            pool.add(c);
                        }
                    }
                    for (String c : taken) {
                        if (!c.equals(expertAction) && !pool.contains(c)) {
                            pool.add(c);
                        }
                    }
                    Collections.shuffle(pool, rng);
                    int before = -1;
                    for (String c : pool.subList(0, Math.min(config.negatives(), pool.size()))) {
                        boolean noProgress = taken.contains(c);
                        if (!noProgress) {
                            if (before < 0) {
                                before = distance(probe, split, id, taken, null);
                            }
                            int after = distance(probe, split, id, taken, c);
                            noProgress = after >= before;
                        }
                        if (noProgress) {
                            int[] tokens = policy.tokenizer().encodeAction(c);
                            out.add(Verdicts.request(policy, prompt, tokens, query, false));
                            items.add(new Example(id, state, prompt, tokens, false));
                            bad++;
                        } else {
                            skipped++;
                        }
                    }
                    state++;
                    StepResult r = env.step(expertAction);
                    history.add(new Turn(obs, expertAction));
                    taken.add(expertAction);
                    obs = r.observation();
                    admissible = r.admissible();
                    if (r.done() || r.won()) {
                        break;
                    }
                }
            }
        } catch (EnvironmentException e) {
            throw new EnvironmentException("critic data on split " + split + ": " + e.getMessage(), e);
        }
        return new Result(out, items, good, bad, skipped);
    }

    /**
     * d: steps the oracle needs to win after replaying {@code actions} (and {@code extra}, when not null) from
     * the task's start; an invalid {@code extra} gives Integer.MAX_VALUE, no win within maxSteps gives
     * maxSteps + 1.
     */
    int distance(TextEnvironment env, String split, int id, List<String> actions, String extra) {
        Reset reset = env.reset(split, id);
        StepResult last = null;
        for (String a : actions) {
            last = env.step(a);
        }
        if (extra != null) {
            last = env.step(extra);
            if (!last.valid()) {
                return Integer.MAX_VALUE;
            }
        }
        if (last != null && last.won()) {
            return 0;
        }
        if (last != null && last.done()) {
            return maxSteps + 1;
        }
        oracle.begin(env, reset);
        String obs = last == null ? reset.observation() : last.observation();
        for (int k = 1; k <= maxSteps; k++) {
            StepResult r = env.step(oracle.next(env, obs));
            if (r.won()) {
                return k;
            }
            if (r.done()) {
                break;
            }
            obs = r.observation();
        }
        return maxSteps + 1;
    }
}
