package dev.untangle.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a run's {@code run.json}.
 *
 * @param method      method name ({@code grpo+gcd})
 * @param seed        the run's seed
 * @param status      {@code finished}, {@code running} or {@code failed}
 * @param command     the exact command line that produced the run (may be empty)
 * @param iterations  training iterations completed (-1 if unknown)
 * @param wallSeconds wall time of the run in seconds (NaN if unknown)
 * @param extra       every other top-level field, rendered as text (bounded), for provenance
 */
public record RunInfo(String method, int seed, String status, String command, long iterations, double wallSeconds,
                      Map<String, String> extra) {

    /** Copies the extra fields. */
    public RunInfo {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Whether the run says it has finished. */
    public boolean finished() {
        return ExperimentLayout.STATUS_FINISHED.equals(status);
    }
}
