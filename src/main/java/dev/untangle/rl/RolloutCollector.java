package dev.untangle.rl;

import dev.untangle.eval.EpisodePlayer;
import dev.untangle.eval.PlayedEpisode;
import dev.untangle.eval.PlayedStep;
import dev.untangle.eval.TaskRef;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Generation;
import dev.untangle.policy.Policy;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.Rollouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Collects one iteration's episodes: for each task id, a group of G episodes of that task (same id, same
 * start), all played at once by an {@link EpisodePlayer}, turned into {@link Episode}s of
 * {@link StepSample}s.
 */
public final class RolloutCollector {

    private final EpisodePlayer player;
    private final String split;
    private final int groupSize;
    private final Decoding decoding;

    /**
     * Creates a collector.
     *
     * @param player    plays the episodes
     * @param split     split the task ids belong to
     * @param groupSize episodes per task (G)
     * @param decoding  sampling options
     */
    public RolloutCollector(EpisodePlayer player, String split, int groupSize, Decoding decoding) {
        this.player = player;
        this.split = split;
        this.groupSize = groupSize;
        this.decoding = decoding;
    }

    /**
     * Plays G episodes of each task.
     *
     * @param policy  the current policy
     * @param taskIds one task id per group; group ids are the positions in this list
     * @param rng     the only random source
     */
    public Rollouts collect(Policy policy, List<Integer> taskIds, Random rng) {
        long start = System.nanoTime();
        List<TaskRef> tasks = new ArrayList<>();
        for (int id : taskIds) {
            for (int k = 0; k < groupSize; k++) {
                tasks.add(new TaskRef(split, id));
            }
        }
        List<PlayedEpisode> played = player.play(policy, tasks, decoding, rng);
        List<Episode> episodes = new ArrayList<>(played.size());
        long tokens = 0;
        for (int e = 0; e < played.size(); e++) {
            PlayedEpisode p = played.get(e);
            int group = e / groupSize;
            List<CollectedStep> steps = new ArrayList<>(p.steps().size());
            for (int t = 0; t < p.steps().size(); t++) {
                PlayedStep s = p.steps().get(t);
                Generation g = s.generation();
                tokens += g.actionTokens().length;
                steps.add(new CollectedStep(e, group, t, p.task().key(), p.task().taskType(), s.observation(),
                        g.promptTokens(), g.actionTokens(), g.logProbs(), g.allowed(), g.temperature(), s.valid(),
                        s.progress(), s.reward()));
            }
            episodes.add(new Episode(e, group, p.task(), steps, p.won(), p.environmentError()));
        }
        return new Rollouts(episodes, tokens, (System.nanoTime() - start) / 1e9);
    }
}
