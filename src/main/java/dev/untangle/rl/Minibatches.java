package dev.untangle.rl;

import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Shuffled minibatches made of whole units (docs/ALGORITHMS.md "Episode pass"). A unit is one step sample in
 * the {@code window} history mode and one whole episode in the {@code full} mode, where the steps of an episode
 * must share a minibatch to share its one forward pass. The units are shuffled with the given random source and
 * a minibatch takes whole units while it holds fewer than {@code size} items, so with single-item units this is
 * exactly a shuffle cut into chunks of {@code size}.
 */
public final class Minibatches {

    private Minibatches() {
    }

    /**
     * Cuts shuffled units into minibatches.
     *
     * @param units the units (each non-empty); the list is not modified
     * @param size  items per minibatch (a minibatch may exceed it by less than one unit)
     * @param rng   shuffles the units
     * @param <T>   item type
     * @return the minibatches, each the concatenation of its units in shuffled order
     */
    public static <T> List<List<T>> of(List<List<T>> units, int size, Random rng) {
        if (size < 1) {
            throw new IllegalArgumentException("minibatch size must be >= 1, got " + size);
        }
        List<List<T>> order = new ArrayList<>(units);
        Collections.shuffle(order, rng);
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (List<T> unit : order) {
            current.addAll(unit);
            if (current.size() >= size) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Each item as its own unit. */
    public static <T> List<List<T>> singletons(List<T> items) {
        List<List<T>> out = new ArrayList<>(items.size());
        for (T t : items) {
            out.add(List.of(t));
        }
        return out;
    }

    /** Step samples grouped by episode id, in order of first appearance; steps keep their order. */
    public static List<List<StepSample>> byEpisode(List<StepSample> samples) {
        java.util.Map<Integer, List<StepSample>> groups = new java.util.LinkedHashMap<>();
        for (StepSample s : samples) {
            groups.computeIfAbsent(s.episodeId(), k -> new ArrayList<>()).add(s);
        }
        return new ArrayList<>(groups.values());
    }
}
