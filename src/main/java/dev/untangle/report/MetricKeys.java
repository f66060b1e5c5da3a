package dev.untangle.report;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The metric keys the report charts. Training and diagnostics log these names into {@code metrics.jsonl}
 * (and TensorBoard) so that the report finds them; docs/METRICS.md defines each quantity.
 */
public final class MetricKeys {

    /** Success rate of the training rollouts of an iteration (fraction of episodes won). */
    public static final String ROLLOUT_SUCCESS = "rollout/success_rate";
    /** Coupling index: mean gradient cosine over similar-state, opposite-advantage pairs. */
    public static final String COUPLING_INDEX = "coupling/index";
    /** Harmful coupling rate: fraction of probe actions whose probability moved against their advantage. */
    public static final String COUPLING_HARMFUL_RATE = "coupling/harmful_rate";
    /** Mean cosine similarity of good and bad action embeddings within similar states. */
    public static final String COUPLING_GOODBAD_COSINE = "coupling/goodbad_cosine";
    /** Accuracy of GCD's good/bad classifier on the iteration's batch. */
    public static final String GCD_ACCURACY = "gcd/accuracy";

    /** Wall seconds of one whole RL iteration (rollout, advantage, diagnostics, update, checkpoint, evaluation). */
    public static final String TIME_ITERATION = "time/iteration_s";
    /** Wall seconds of an iteration's rollout generation. */
    public static final String TIME_ROLLOUT = "time/rollout_s";
    /** Wall seconds of an iteration's advantage estimation. */
    public static final String TIME_ADVANTAGE = "time/advantage_s";
    /** Wall seconds of an iteration's coupling diagnostics. */
    public static final String TIME_DIAGNOSTICS = "time/diagnostics_s";
    /** Wall seconds of an iteration's policy update. */
    public static final String TIME_UPDATE = "time/update_s";
    /** Wall seconds of an iteration's checkpoint. */
    public static final String TIME_CHECKPOINT = "time/checkpoint_s";
    /** Wall seconds of an iteration's periodic evaluation. */
    public static final String TIME_EVAL = "time/eval_s";
    /** Wall seconds of one SFT epoch ({@code sft_metrics.jsonl}, or the SFT run's {@code metrics.jsonl}). */
    public static final String TIME_SFT_EPOCH = "time/sft_epoch_s";
    /** The time keys the report's time breakdown and wall-clock curves read. */
    public static final List<String> TIME_KEYS = List.of(TIME_ITERATION, TIME_ROLLOUT, TIME_ADVANTAGE,
            TIME_DIAGNOSTICS, TIME_UPDATE, TIME_CHECKPOINT, TIME_EVAL, TIME_SFT_EPOCH);

    /** Non-evaluation keys charted, in page order. */
    public static final List<String> DIAGNOSTIC_KEYS = List.of(ROLLOUT_SUCCESS, COUPLING_INDEX,
            COUPLING_HARMFUL_RATE, COUPLING_GOODBAD_COSINE, GCD_ACCURACY);

    private static final Pattern EVAL_SUCCESS = Pattern.compile("eval/([A-Za-z0-9_.-]{1,40})/success_rate");

    private MetricKeys() {
    }

    /** The key of a split's periodic evaluation success rate: {@code eval/<split>/success_rate}. */
    public static String evalSuccess(String split) {
        return "eval/" + split + "/success_rate";
    }

    /** The split named by an {@code eval/<split>/success_rate} key, or {@code null}. */
    public static String evalSplitOf(String key) {
        var m = EVAL_SUCCESS.matcher(key);
        return m.matches() ? m.group(1) : null;
    }

    /** Whether the report charts {@code key}. */
    public static boolean charted(String key) {
        return DIAGNOSTIC_KEYS.contains(key) || evalSplitOf(key) != null;
    }

    /** Whether the report reads {@code key}: the charted keys and the {@link #TIME_KEYS}. */
    public static boolean read(String key) {
        return charted(key) || TIME_KEYS.contains(key);
    }
}
