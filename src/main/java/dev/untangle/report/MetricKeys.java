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
    /** Probe steps with A != 0 that the coupling diagnostics measured (fewer than 2: nothing measured). */
    public static final String COUPLING_PROBE_SAMPLES = "coupling/probe_samples";
    /** The coupling keys the report charts, in page order. */
    public static final List<String> COUPLING_KEYS = List.of(COUPLING_INDEX, COUPLING_HARMFUL_RATE,
            COUPLING_GOODBAD_COSINE);

    /** Share of the iteration's task groups (size &gt;= 2) whose episode rewards are all equal: no spread to learn from. */
    public static final String ADV_FRAC_ZERO_STD_GROUPS = "adv/frac_zero_std_groups";
    /** Dynamic sampling: task groups played this iteration. */
    public static final String FILTER_GROUPS_DRAWN = "filter/groups_drawn";
    /** Dynamic sampling: groups with a non-zero advantage that the update trained on. */
    public static final String FILTER_GROUPS_KEPT = "filter/groups_kept";
    /** Dynamic sampling: groups whose every advantage was zero, dropped. */
    public static final String FILTER_GROUPS_DROPPED = "filter/groups_dropped";
    /**
     * A key the report derives, not one training logs: {@code filter/groups_dropped / filter/groups_drawn} of an
     * iteration, the share of played groups that dynamic sampling dropped for lack of signal ({@link #value}).
     */
    public static final String FILTER_DROPPED_SHARE = "filter/groups_dropped_share";
    /** The keys of the report's "no learning signal" chart and summary. */
    public static final List<String> SIGNAL_KEYS = List.of(ADV_FRAC_ZERO_STD_GROUPS, FILTER_GROUPS_DRAWN,
            FILTER_GROUPS_KEPT, FILTER_GROUPS_DROPPED);

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

    /** Non-evaluation keys charted, in page order ({@link #FILTER_DROPPED_SHARE} is derived, see {@link #value}). */
    public static final List<String> DIAGNOSTIC_KEYS = List.of(ROLLOUT_SUCCESS, COUPLING_INDEX,
            COUPLING_HARMFUL_RATE, COUPLING_GOODBAD_COSINE, GCD_ACCURACY, ADV_FRAC_ZERO_STD_GROUPS,
            FILTER_DROPPED_SHARE);

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

    /**
     * Whether the report reads {@code key}: the charted keys, the {@link #TIME_KEYS}, the {@link #SIGNAL_KEYS}
     * and {@link #COUPLING_PROBE_SAMPLES}.
     */
    public static boolean read(String key) {
        return charted(key) || TIME_KEYS.contains(key) || SIGNAL_KEYS.contains(key) || COUPLING_PROBE_SAMPLES.equals(key);
    }

    /**
     * The value of {@code key} in one metrics line: the logged value, or for {@link #FILTER_DROPPED_SHARE} the
     * derived share (NaN when either count is missing or nothing was drawn).
     */
    public static double value(MetricsRecord m, String key) {
        if (FILTER_DROPPED_SHARE.equals(key)) {
            double drawn = m.get(FILTER_GROUPS_DRAWN);
            double dropped = m.get(FILTER_GROUPS_DROPPED);
            return Double.isFinite(drawn) && Double.isFinite(dropped) && drawn > 0 ? dropped / drawn : Double.NaN;
        }
        return m.get(key);
    }
}
