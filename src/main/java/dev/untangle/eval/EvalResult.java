package dev.untangle.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluation of one policy on one split.
 *
 * @param split            split name
 * @param mode             {@code greedy} or {@code sampled}
 * @param episodes         episodes counted (environment failures excluded)
 * @param successRate      share of counted episodes won
 * @param byType           task type to its success rate and episode count
 * @param meanSteps        mean episode length in steps
 * @param validActionRatio share of valid actions over all decisions
 * @param envFailures      episodes the environment failed (not counted)
 * @param taskOutcomes     per played task, in task-id order (the first ids of the split): 1 won, 0 lost, -1 the
 *                         environment failed; what paired per-task comparisons between policies read
 * @param seconds          wall-clock seconds the evaluation took (NaN when not measured)
 * @param meanEnvReturn    mean over counted episodes of the environment's summed step rewards
 *                         ({@code StepResult.reward}): the success rate in worlds that pay 1 for a win, the mean
 *                         normalised score in graded ones (SciWorld, WebShop, BabyAI; NaN when none counted)
 */
public record EvalResult(String split, String mode, int episodes, double successRate, Map<String, TypeResult> byType,
                         double meanSteps, double validActionRatio, int envFailures, int[] taskOutcomes,
                         double seconds, double meanEnvReturn) {

    /**
     * Success on one task type.
     *
     * @param successRate share won
     * @param episodes    episodes of this type
     */
    public record TypeResult(double successRate, int episodes) {
    }

    /** Copies the map. */
    public EvalResult {
        byType = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        taskOutcomes = taskOutcomes.clone();
    }

    /** The same result with its wall-clock duration. */
    public EvalResult withSeconds(double s) {
        return new EvalResult(split, mode, episodes, successRate, byType, meanSteps, validActionRatio, envFailures,
                taskOutcomes, s, meanEnvReturn);
    }

    /** Per played task in task-id order: 1 won, 0 lost, -1 environment failure (a copy). */
    @Override
    public int[] taskOutcomes() {
        return taskOutcomes.clone();
    }

    /** The JSON shape used in {@code eval.json} and {@code untangle eval --json} (snake_case keys). */
    public Map<String, Object> toJson() {
        // NaN (nothing measured) is written as null, as in metrics.jsonl
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("split", split);
        m.put("mode", mode);
        m.put("episodes", episodes);
        m.put("success_rate", finiteOrNull(successRate));
        Map<String, Object> types = new LinkedHashMap<>();
        for (Map.Entry<String, TypeResult> e : byType.entrySet()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("success_rate", finiteOrNull(e.getValue().successRate()));
            t.put("episodes", e.getValue().episodes());
            types.put(e.getKey(), t);
        }
        m.put("by_type", types);
        m.put("mean_steps", finiteOrNull(meanSteps));
        m.put("valid_action_ratio", finiteOrNull(validActionRatio));
        m.put("env_failures", envFailures);
        m.put("mean_env_return", finiteOrNull(meanEnvReturn));
        m.put("task_outcomes", java.util.Arrays.stream(taskOutcomes).boxed().toList());
        if (Double.isFinite(seconds)) {
            m.put("seconds", seconds);
        }
        return m;
    }

    /** A finite value, or {@code null} for NaN and infinities (JSON has no NaN; metrics.jsonl writes null too). */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
