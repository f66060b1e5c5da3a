package dev.untangle.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a run's {@code eval.json}: for each checkpoint name ({@code sft}, {@code final}, ...),
 * the evaluation of each split.
 *
 * @param checkpoints checkpoint name to split name to result, in file order
 */
public record EvalResults(Map<String, Map<String, SplitEval>> checkpoints) {

    /** Copies the maps. */
    public EvalResults {
        Map<String, Map<String, SplitEval>> copy = new LinkedHashMap<>();
        checkpoints.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        checkpoints = Collections.unmodifiableMap(copy);
    }

    /** No evaluations. */
    public static EvalResults empty() {
        return new EvalResults(Map.of());
    }

    /** The evaluations of one checkpoint (empty if absent). */
    public Map<String, SplitEval> checkpoint(String name) {
        return checkpoints.getOrDefault(name, Map.of());
    }

    /**
     * One split's evaluation.
     *
     * @param successRate fraction of episodes won
     * @param episodes    number of episodes
     * @param byType      task type to its evaluation, in file order
     */
    public record SplitEval(double successRate, long episodes, Map<String, TypeEval> byType) {
        /** Copies the map. */
        public SplitEval {
            byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        }
    }

    /**
     * One task type's evaluation within a split.
     *
     * @param successRate fraction of episodes won
     * @param episodes    number of episodes
     */
    public record TypeEval(double successRate, long episodes) {
    }
}
