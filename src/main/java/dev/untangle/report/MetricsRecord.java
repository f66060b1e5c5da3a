package dev.untangle.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code metrics.jsonl}: an iteration and its scalars.
 *
 * @param iteration the training iteration
 * @param values    metric name to value in file order; NaN where the file has {@code null}
 */
public record MetricsRecord(long iteration, Map<String, Double> values) {

    /** Copies the value map (keeping its order). */
    public MetricsRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code key}, or NaN when absent or null. */
    public double get(String key) {
        Double v = values.get(key);
        return v == null ? Double.NaN : v;
    }
}
