package dev.untangle.rl;

import dev.untangle.config.ConfigException;
import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.eval.PlayedEpisode;
import dev.untangle.eval.PlayedStep;
import dev.untangle.eval.TaskRef;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * DAgger relabelling (Ross, Gordon and Bagnell 2011; docs/ALGORITHMS.md "DAgger rounds"): the policy plays
 * training tasks, and at every state it reached the expert names the command it would play there. Each state
 * becomes a (prompt, expert command) pair whose prompt is the policy's own history, so behaviour cloning also
 * learns the states its own mistakes lead to (a wrong object in hand, a loop) and how to leave them.
 *
 * <p>The expert follows the policy's commands through {@link Expert#played}; the episode is replayed in a fresh
 * environment of the same suite (environments are deterministic given the task and the commands), which also
 * gives the expert the environment it reads.
 */
public final class Dagger {

    private final EnvironmentSuite suite;
    private final String expertName;
    private final int maxSteps;

    /**
     * Creates the relabeller.
     *
     * @param suite      the environment suite
     * @param expertName the labelling expert ({@code sft.expert})
     * @param maxSteps   step limit of an episode
     * @throws ConfigException when the suite has no such expert or it cannot follow another agent
     */
    public Dagger(EnvironmentSuite suite, String expertName, int maxSteps) {
        this.suite = suite;
        this.expertName = expertName;
        this.maxSteps = maxSteps;
        if (!expert().labelsOtherAgents()) {
            throw new ConfigException("sft.dagger_rounds", "expert '" + expertName + "' of " + suite.name()
                    + " cannot label states another agent reached; use an expert that can (household: searcher)");
        }
    }

    private Expert expert() {
        return suite.expert(expertName).orElseThrow(() -> new ConfigException("sft.expert",
                "environment " + suite.name() + " has no expert '" + expertName + "'; known: " + suite.experts()));
    }

    /**
     * The tasks of round {@code round} (1-based): {@code n} consecutive training tasks starting right after the
     * {@code demonstrated} ones, wrapping around the split, so successive rounds play different tasks.
     */
    public static List<TaskRef> roundTasks(String split, int splitSize, int demonstrated, int n, int round) {
        List<TaskRef> out = new ArrayList<>(n);
        long start = (long) demonstrated + (long) (round - 1) * n;
        for (int i = 0; i < n; i++) {
            out.add(new TaskRef(split, (int) ((start + i) % splitSize)));
        }
        return out;
    }

    /** What one round produced: the relabelled episodes and how often the policy already agreed. */
    public record Round(List<List<ScoreRequest>> episodes, int steps, int agreed, int won) {
    }

    /**
     * Plays {@code tasks} with the policy and labels every state with the expert's command.
     *
     * @param policy   the policy (it plays; the expert labels)
     * @param tasks    the tasks, one episode each
     * @param decoding how the policy decodes (the preset plays greedy, like evaluation)
     * @param rng      the random source of sampled decoding
     * @return one list of (prompt, expert command) pairs per episode, steps in order
     */
    public Round collect(Policy policy, List<TaskRef> tasks, Decoding decoding, Random rng) {
        List<PlayedEpisode> played = new EpisodePlayer(suite, maxSteps, 1).play(policy, tasks, decoding, rng);
        List<List<ScoreRequest>> out = new ArrayList<>(played.size());
        int steps = 0;
        int agreed = 0;
        int won = 0;
        Expert expert = expert();
        try (TextEnvironment env = suite.create()) {
            for (int e = 0; e < played.size(); e++) {
                PlayedEpisode ep = played.get(e);
                if (ep.environmentError() != null) {
                    continue;
                }
                won += ep.won() ? 1 : 0;
                Reset reset = env.reset(tasks.get(e).split(), tasks.get(e).taskId());
                expert.begin(env, reset);
                String obs = reset.observation();
                List<String> admissible = reset.admissible();
                List<Turn> history = new ArrayList<>();
                List<ScoreRequest> episode = new ArrayList<>();
                for (PlayedStep step : ep.steps()) {
                    if (!step.observation().equals(obs)) {
                        throw new IllegalStateException("replay of " + tasks.get(e) + " diverged at step "
                                + history.size() + ": the environment is not deterministic");
                    }
                    String label = expert.next(env, obs);
                    String action = step.generation().action();
                    int[] prompt = policy.renderer().render(new AgentContext(reset.task().goal(), history, obs,
                            admissible));
                    episode.add(new ScoreRequest(prompt, policy.tokenizer().encodeAction(label)));
                    agreed += label.equals(action) ? 1 : 0;
                    steps++;
                    expert.played(action);
                    StepResult r = env.step(action);
                    history.add(new Turn(obs, action));
                    obs = r.observation();
                    admissible = r.admissible();
                }
                out.add(episode);
            }
        } catch (EnvironmentException ex) {
            throw new EnvironmentException("DAgger relabelling: " + ex.getMessage(), ex);
        }
        return new Round(out, steps, agreed, won);
    }
}
