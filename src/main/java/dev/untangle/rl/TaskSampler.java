package dev.untangle.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Draws the task ids of an iteration's groups: distinct ids, uniformly, from the training split. */
public final class TaskSampler {

    private final int splitSize;
    private final int groups;

    /**
     * Creates a sampler.
     *
     * @param splitSize tasks in the training split
     * @param groups    groups per iteration
     */
    public TaskSampler(int splitSize, int groups) {
        this.splitSize = splitSize;
        this.groups = groups;
    }

    /** The task ids of one iteration (distinct while the split holds enough tasks). */
    public List<Integer> next(Random rng) {
        List<Integer> out = new ArrayList<>(groups);
        if (groups >= splitSize) {
            for (int i = 0; i < groups; i++) {
                out.add(i % splitSize);
            }
            return out;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (out.size() < groups) {
            int id = rng.nextInt(splitSize);
            if (seen.add(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
