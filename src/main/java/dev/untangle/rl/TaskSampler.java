package dev.untangle.rl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

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
        return next(rng, Set.of());
    }

    /**
     * The task ids of one draw, distinct and outside {@code exclude} (the ids drawn earlier in the same iteration,
     * for dynamic sampling) while the split holds enough tasks; when it does not, {@code exclude} is ignored. With
     * an empty {@code exclude} this draws exactly what {@link #next(Random)} draws.
     */
    public List<Integer> next(Random rng, Set<Integer> exclude) {
        List<Integer> out = new ArrayList<>(groups);
        if (groups >= splitSize) {
            for (int i = 0; i < groups; i++) {
                out.add(i % splitSize);
            }
            return out;
        }
        Set<Integer> seen = new HashSet<>();
        if (exclude.size() + groups <= splitSize) {
            seen.addAll(exclude);
        }
        while (out.size() < groups) {
            int id = rng.nextInt(splitSize);
            if (seen.add(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
