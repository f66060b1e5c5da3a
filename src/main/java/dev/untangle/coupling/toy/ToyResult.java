package dev.untangle.coupling.toy;

import java.util.List;

/**
 * A finished toy run: its configuration, the per-update series (for tables and plots) and the summary.
 *
 * @param config     the settings
 * @param parameters number of model parameters
 * @param series     one entry per update
 * @param summary    pooled numbers
 */
public record ToyResult(ToyConfig config, int parameters, List<ToyIteration> series, ToySummary summary) {

    /** Copies the series. */
    public ToyResult {
        series = List.copyOf(series);
    }
}
