package dev.untangle.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param successRate  fraction of episodes won
     * @param episodes     number of episodes
     * @param byType       task type to its evaluation, in file order
     * @param taskOutcomes per evaluated task in task-id order (the first ids of the split): 1 won, 0 lost, -1
     *                     environment failure; empty when eval.json predates the field
     * @param seconds      wall seconds of the evaluation (NaN when not recorded)
     * @param meanEnvReturn mean over episodes of the environment's summed step rewards ({@code mean_env_return};
     *                     the graded score of worlds such as science, / 100), NaN when not recorded
     */
    public record SplitEval(double successRate, long episodes, Map<String, TypeEval> byType,
                            List<Integer> taskOutcomes, double seconds, double meanEnvReturn) {
        /** Copies the map and the outcomes. */
        public SplitEval {
            byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
            taskOutcomes = List.copyOf(taskOutcomes);
        }

        /** An evaluation without the environment return (eval.json files of older versions). */
        public SplitEval(double successRate, long episodes, Map<String, TypeEval> byType, List<Integer> taskOutcomes,
                         double seconds) {
            this(successRate, episodes, byType, taskOutcomes, seconds, Double.NaN);
        }

        /** An evaluation without per-task outcomes or duration (eval.json files of older versions). */
        public SplitEval(double successRate, long episodes, Map<String, TypeEval> byType) {
            this(successRate, episodes, byType, List.of(), Double.NaN);
        }

        /** Whether per-task outcomes were recorded. */
        public boolean hasTaskOutcomes() {
            return !taskOutcomes.isEmpty();
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
