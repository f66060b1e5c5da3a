package dev.untangle.eval;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Generation;
import dev.untangle.policy.Policy;
import dev.untangle.policy.RolloutSession;
import dev.untangle.policy.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plays many episodes at once: one environment per task, one {@link RolloutSession} slot per environment;
 * each round generates one action for every unfinished episode in one batch, then steps the environments
 * (in {@code envThreads} threads). An {@link EnvironmentException} ends only its own episode, which is marked
 * failed. Deterministic given the policy and {@code rng}: generation draws from {@code rng} in slot order.
 */
public final class EpisodePlayer {

    private final EnvironmentSuite suite;
    private final int maxSteps;
    private final int envThreads;

    /**
     * Creates a player.
     *
     * @param suite      the environment suite
     * @param maxSteps   step limit per episode
     * @param envThreads threads stepping environments (1: the calling thread)
     */
    public EpisodePlayer(EnvironmentSuite suite, int maxSteps, int envThreads) {
        if (maxSteps < 1 || envThreads < 1) {
            throw new IllegalArgumentException("maxSteps and envThreads must be >= 1");
        }
        this.suite = suite;
        this.maxSteps = maxSteps;
        this.envThreads = envThreads;
    }

    /** The suite played. */
    public EnvironmentSuite suite() {
        return suite;
    }

    /**
     * Plays one episode of each task.
     *
     * @param policy   the policy
     * @param tasks    tasks, one episode each (repeats allowed: a GRPO group plays one task G times)
     * @param decoding decoding options
     * @param rng      the only random source
     * @return one episode per task, same order
     */
    public List<PlayedEpisode> play(Policy policy, List<TaskRef> tasks, Decoding decoding, Random rng) {
        int n = tasks.size();
        List<TextEnvironment> envs = new ArrayList<>(n);
        ExecutorService pool = envThreads > 1 ? Executors.newFixedThreadPool(envThreads) : null;
        try (RolloutSession session = policy.session(n)) {
            Slot[] slots = new Slot[n];
            for (int i = 0; i < n; i++) {
                envs.add(suite.create());
                slots[i] = new Slot();
                try {
                    Reset r = envs.get(i).reset(tasks.get(i).split(), tasks.get(i).taskId());
                    slots[i].start(r);
                } catch (EnvironmentException e) {
                    slots[i].fail(suite.task(tasks.get(i).split(), tasks.get(i).taskId()), e);
                }
                session.reset(i);
            }
            while (true) {
                List<Integer> active = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (!slots[i].done) {
                        active.add(i);
                    }
                }
                if (active.isEmpty()) {
                    break;
                }
                int[] ids = active.stream().mapToInt(Integer::intValue).toArray();
                List<AgentContext> contexts = new ArrayList<>(ids.length);
                for (int i : ids) {
                    contexts.add(slots[i].context());
                }
                List<Generation> gens = session.act(ids, contexts, decoding, rng);
                List<Object> results = stepAll(envs, ids, gens, pool);
                for (int k = 0; k < ids.length; k++) {
                    Slot s = slots[ids[k]];
                    if (results.get(k) instanceof StepResult r) {
                        s.advance(gens.get(k), r, maxSteps);
                    } else {
                        s.fail(s.task, (EnvironmentException) results.get(k));
                    }
                }
            }
            List<PlayedEpisode> out = new ArrayList<>(n);
            for (Slot s : slots) {
                out.add(new PlayedEpisode(s.task, s.steps, s.won, s.error));
            }
            return out;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            for (TextEnvironment e : envs) {
                e.close();
            }
        }
    }

    /** Steps each listed environment; a result is a StepResult or the EnvironmentException it raised. */
    private static List<Object> stepAll(List<TextEnvironment> envs, int[] ids, List<Generation> gens,
                                        ExecutorService pool) {
        List<Object> out = new ArrayList<>(ids.length);
        if (pool == null) {
            for (int k = 0; k < ids.length; k++) {
                out.add(stepOne(envs.get(ids[k]), gens.get(k).action()));
            }
            return out;
        }
        List<Future<Object>> futures = new ArrayList<>(ids.length);
        for (int k = 0; k < ids.length; k++) {
            TextEnvironment env = envs.get(ids[k]);
            String action = gens.get(k).action();
            futures.add(pool.submit(() -> stepOne(env, action)));
        }
        for (Future<Object> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stepping environments", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("environment step failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    private static Object stepOne(TextEnvironment env, String action) {
        try {
            return env.step(action);
        } catch (EnvironmentException e) {
            return e;
        }
    }

    /** The mutable state of one slot while its episode runs. */
    private static final class Slot {
        private TaskSpec task;
        private final List<PlayedStep> steps = new ArrayList<>();
        private final List<Turn> history = new ArrayList<>();
        private String observation;
        private List<String> admissible = List.of();
        private boolean done;
        private boolean won;
        private String error;

        void start(Reset r) {
            task = r.task();
            observation = r.observation();
            admissible = r.admissible();
        }

        AgentContext context() {
            return new AgentContext(task.goal(), history, observation, admissible);
        }

        void advance(Generation g, StepResult r, int maxSteps) {
            steps.add(new PlayedStep(observation, g, r.valid(), r.reward(), r.progress()));
            history.add(new Turn(observation, g.action()));
            observation = r.observation();
            admissible = r.admissible();
            won = r.won();
            done = r.done() || r.won() || steps.size() >= maxSteps;
        }

        void fail(TaskSpec spec, EnvironmentException e) {
            task = spec;
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            done = true;
            won = false;
        }
    }
}
