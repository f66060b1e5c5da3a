package dev.untangle.report;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything read from an experiment directory.
 *
 * @param name       the directory's name
 * @param experiment the fields of {@code experiment.json} as bounded text (empty if absent)
 * @param runs       the runs found, ordered by method (table order) then seed
 * @param skipped    one entry per run directory or file that could not be read (left out of every number)
 * @param warnings   one line per file that was read but has a problem worth saying (a metrics file whose last
 *                   line is cut short), naming the file
 * @param location   the directory as the command was given it ({@code runs/experiment}), shown as the report's
 *                   subject and in its commands
 */
public record ExperimentData(String name, Map<String, String> experiment, List<RunData> runs,
                             List<Problem> skipped, List<String> warnings, String location) {

    /** Copies the collections. */
    public ExperimentData {
        experiment = Collections.unmodifiableMap(new LinkedHashMap<>(experiment));
        runs = List.copyOf(runs);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /** Data without warnings, located at its name. */
    public ExperimentData(String name, Map<String, String> experiment, List<RunData> runs, List<Problem> skipped) {
        this(name, experiment, runs, skipped, List.of(), name);
    }

    /**
     * A run directory or file that could not be read.
     *
     * @param dir     the directory relative to the experiment directory ({@code seed-1/gigpo}), or {@code .}
     * @param message one line naming the file and the problem
     */
    public record Problem(String dir, String message) {
    }

    /** The skipped entries' messages, one line each. */
    public List<String> problems() {
        return skipped.stream().map(Problem::message).toList();
    }

    /** The seeds of the runs, ascending. */
    public Set<Integer> seeds() {
        Set<Integer> s = new TreeSet<>();
        runs.forEach(r -> s.add(r.info().seed()));
        return Collections.unmodifiableSet(s);
    }

    /** The same experiment with only the runs of {@code seeds}. */
    public ExperimentData onlySeeds(Collection<Integer> seeds) {
        Set<Integer> keep = Set.copyOf(seeds);
        return new ExperimentData(name, experiment, runs.stream().filter(r -> keep.contains(r.info().seed())).toList(),
                skipped, warnings, location);
    }
}
