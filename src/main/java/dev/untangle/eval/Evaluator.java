package dev.untangle.eval;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.SplitInfo;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Success of a policy on a split: overall and per task type, mean steps and the valid-action ratio
 * (docs/METRICS.md {@code eval/}). The evaluated tasks are the first {@code episodes} ids of the split, so
 * that every evaluation of a run, and of runs compared with each other, plays the same tasks.
 */
public final class Evaluator {

    private final EnvironmentSuite suite;
    private final int maxSteps;
    private final int batch;

    /**
     * Creates an evaluator.
     *
     * @param suite    the environment suite
     * @param maxSteps step limit per episode
     * @param batch    episodes played at once
     */
    public Evaluator(EnvironmentSuite suite, int maxSteps, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        this.suite = suite;
        this.maxSteps = maxSteps;
        this.batch = batch;
    }

    /**
     * Evaluates.
     *
     * @param policy   the policy
     * @param split    split name (unknown splits raise an EnvironmentException naming the known ones)
     * @param episodes tasks to play (0: the whole split; more than the split holds: the whole split)
     * @param decoding greedy or sampled decoding
     * @param seed     seed of the sampling random source (unused when greedy)
     * @throws EnvironmentException when the environment failed every episode (nothing was evaluated), naming
     *                              the first error
     */
    public EvalResult evaluate(Policy policy, String split, int episodes, Decoding decoding, long seed) {
        long t0 = System.nanoTime();
        List<PlayedEpisode> played = play(policy, split, episodes, decoding, seed);
        if (!played.isEmpty()) {
            requirePlayed(split, played);
        }
        return summarize(split, decoding.greedy() ? "greedy" : "sampled", played, suite.taskTypes())
                .withSeconds((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Plays the evaluation episodes and returns them (for transcripts); {@link #evaluate} summarises the same.
     *
     * @param policy   the policy
     * @param split    split name
     * @param episodes tasks to play (0: the whole split)
     * @param decoding greedy or sampled decoding
     * @param seed     seed of the sampling random source (unused when greedy)
     * @return the played episodes in task-id order
     */
    public List<PlayedEpisode> play(Policy policy, String split, int episodes, Decoding decoding, long seed) {
        SplitInfo info = suite.split(split);
        int n = episodes <= 0 ? info.size() : Math.min(episodes, info.size());
        List<TaskRef> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(new TaskRef(split, i));
        }
        EpisodePlayer player = new EpisodePlayer(suite, maxSteps, 1);
        Random rng = new Random(seed);
        List<PlayedEpisode> played = new ArrayList<>(n);
        for (int start = 0; start < n; start += batch) {
            played.addAll(player.play(policy, tasks.subList(start, Math.min(n, start + batch)), decoding, rng));
        }
        return played;
    }

    /**
     * Refuses an evaluation that played nothing: no episode at all, or the environment failed every one (a remote
     * server that is down), which would otherwise read as {@code success NaN over 0 episodes}.
     *
     * @throws EnvironmentException naming the split and the first error
     */
    public static void requirePlayed(String split, List<PlayedEpisode> played) {
        if (played.isEmpty()) {
            throw new EnvironmentException("evaluation on " + split + ": no episode was played (the split has no "
                    + "tasks)");
        }
        if (played.stream().allMatch(e -> e.environmentError() != null)) {
            throw new EnvironmentException("evaluation on " + split + ": the environment failed every one of the "
                    + played.size() + " episodes; first error: " + played.get(0).environmentError());
        }
    }

    /** Summarises played episodes; environment failures are counted apart and excluded from rates. */
    public static EvalResult summarize(String split, String mode, List<PlayedEpisode> played, List<String> types) {
        int counted = 0;
        int won = 0;
        int failures = 0;
        long steps = 0;
        long valid = 0;
        double envReturn = 0;
        Map<String, int[]> byType = new LinkedHashMap<>();
        int[] outcomes = new int[played.size()];
        for (int i = 0; i < played.size(); i++) {
            PlayedEpisode e = played.get(i);
            outcomes[i] = e.environmentError() != null ? -1 : e.won() ? 1 : 0;
        }
        for (String t : types) {
            byType.put(t, new int[2]);
        }
        for (PlayedEpisode e : played) {
            if (e.environmentError() != null) {
                failures++;
                continue;
            }
            counted++;
            won += e.won() ? 1 : 0;
            steps += e.steps().size();
            valid += e.steps().stream().filter(PlayedStep::valid).count();
            envReturn += e.steps().stream().mapToDouble(PlayedStep::reward).sum();
            int[] t = byType.computeIfAbsent(e.task().taskType(), k -> new int[2]);
            t[0] += e.won() ? 1 : 0;
            t[1]++;
        }
        Map<String, EvalResult.TypeResult> types2 = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : byType.entrySet()) {
            if (e.getValue()[1] > 0) {
                types2.put(e.getKey(), new EvalResult.TypeResult((double) e.getValue()[0] / e.getValue()[1],
                        e.getValue()[1]));
            }
        }
        return new EvalResult(split, mode, counted, counted == 0 ? Double.NaN : (double) won / counted, types2,
                counted == 0 ? Double.NaN : (double) steps / counted,
                steps == 0 ? Double.NaN : (double) valid / steps, failures, outcomes, Double.NaN,
                counted == 0 ? Double.NaN : envReturn / counted);
    }
}
