package dev.untangle.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything read from an experiment directory.
 *
 * @param name       the directory's name (shown as the report's subject)
 * @param experiment the fields of {@code experiment.json} as bounded text (empty if absent)
 * @param runs       the runs found, ordered by method (table order) then seed
 * @param problems   one line per run directory or file that could not be read, for the report
 */
public record ExperimentData(String name, Map<String, String> experiment, List<RunData> runs,
                             List<String> problems) {

    /** Copies the collections. */
    public ExperimentData {
        experiment = Collections.unmodifiableMap(new LinkedHashMap<>(experiment));
        runs = List.copyOf(runs);
        problems = List.copyOf(problems);
    }
}
