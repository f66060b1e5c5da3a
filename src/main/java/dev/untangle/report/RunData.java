package dev.untangle.report;

import java.util.List;

/**
 * Everything read from one run directory.
 *
 * @param relDir  the run directory relative to the experiment directory ({@code seed-0/grpo-gcd}), or
 *                {@code .} for a lone run
 * @param info    {@code run.json}
 * @param config  {@code config.yaml} text, bounded to {@link RunDirectories#MAX_CONFIG_CHARS} (empty if absent)
 * @param metrics {@code metrics.jsonl}, only the keys asked for (empty if absent)
 * @param eval    {@code eval.json} (empty if absent)
 * @param sftMetrics {@code sft_metrics.jsonl} (one line per SFT epoch of a run that trained SFT itself before
 *                RL), only the keys asked for (empty if absent)
 */
public record RunData(String relDir, RunInfo info, String config, List<MetricsRecord> metrics, EvalResults eval,
                      List<MetricsRecord> sftMetrics) {

    /** Copies the metrics lists. */
    public RunData {
        metrics = List.copyOf(metrics);
        sftMetrics = List.copyOf(sftMetrics);
    }

    /** A run without {@code sft_metrics.jsonl}. */
    public RunData(String relDir, RunInfo info, String config, List<MetricsRecord> metrics, EvalResults eval) {
        this(relDir, info, config, metrics, eval, List.of());
    }

    /** Whether the run has finished and has a {@code final} evaluation, so it counts in the results. */
    public boolean complete() {
        return info.finished() && !eval.checkpoint(ExperimentLayout.FINAL_CHECKPOINT).isEmpty();
    }
}
