package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a loss term returns: its weighted scalar contribution to the total loss, and named gradient-free
 * metrics (prefixed, for example {@code loss/clipfrac_low}).
 *
 * @param loss    scalar, already multiplied by the term's coefficient; lives in the step's scope
 * @param metrics metric name to value
 */
public record LossOutput(NDArray loss, Map<String, Double> metrics) {

    /** Copies the metrics. */
    public LossOutput {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
