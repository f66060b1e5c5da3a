package dev.untangle.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The aggregated numbers of an experiment, written as {@code results.json} (schema
 * {@value #SCHEMA}, documented in docs/OUTPUTS.md) and shown as the report's tables. Computed
 * by {@code dev.untangle.experiment.Aggregation}; this package only writes and renders it.
 *
 * @param checkpoint      the eval.json checkpoint the table uses ({@code final})
 * @param confidence      the confidence level of every interval (0.95)
 * @param resamples       bootstrap resamples per interval
 * @param bootstrapSeed   seed of the bootstrap resampling
 * @param seeds           seeds with at least one complete run, ascending
 * @param methods         methods in table order
 * @param splits          splits in order ({@code L0, L1, L2})
 * @param typesBySplit    task types seen per split, sorted
 * @param table           method to split to cell
 * @param paired          paired differences of each {@code +gcd} method against its baseline, per split
 * @param runs            every run directory found, complete or not
 */
public record Results(String checkpoint, double confidence, int resamples, long bootstrapSeed, List<Integer> seeds,
                      List<String> methods, List<String> splits, Map<String, List<String>> typesBySplit,
                      Map<String, Map<String, Cell>> table, List<Paired> paired, List<RunSummary> runs) {

    /** Value of the {@code schema} field of results.json. */
    public static final String SCHEMA = "untangle.results/1";

    /** Copies every collection. */
    public Results {
        seeds = List.copyOf(seeds);
        methods = List.copyOf(methods);
        splits = List.copyOf(splits);
        Map<String, List<String>> types = new LinkedHashMap<>();
        typesBySplit.forEach((k, v) -> types.put(k, List.copyOf(v)));
        typesBySplit = Collections.unmodifiableMap(types);
        Map<String, Map<String, Cell>> t = new LinkedHashMap<>();
        table.forEach((k, v) -> t.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        table = Collections.unmodifiableMap(t);
        paired = List.copyOf(paired);
        runs = List.copyOf(runs);
    }

    /** The cell of a method and split, or {@code null}. */
    public Cell cell(String method, String split) {
        return table.getOrDefault(method, Map.of()).get(split);
    }

    /**
     * A statistic over seeds.
     *
     * @param n       number of seeds
     * @param mean    mean over seeds (NaN if n = 0)
     * @param sd      sample standard deviation (NaN if n &lt; 2)
     * @param ciLow   lower end of the bootstrap confidence interval of the mean (NaN if n &lt; 2)
     * @param ciHigh  upper end (NaN if n &lt; 2)
     * @param perSeed seed to value
     */
    public record Estimate(int n, double mean, double sd, double ciLow, double ciHigh, SortedMap<Integer, Double> perSeed) {
        /** Copies the per-seed map. */
        public Estimate {
            perSeed = Collections.unmodifiableSortedMap(new TreeMap<>(perSeed));
        }
    }

    /**
     * One method on one split: overall success and success per task type.
     *
     * @param overall  overall success rate over seeds
     * @param byType   task type to success rate over seeds
     * @param episodes evaluation episodes summed over seeds
     */
    public record Cell(Estimate overall, Map<String, Estimate> byType, long episodes) {
        /** Copies the map. */
        public Cell {
            byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        }
    }

    /**
     * A {@code +gcd} method minus its baseline on one split, paired by seed.
     *
     * @param method   the {@code +gcd} method
     * @param baseline its baseline
     * @param split    the split
     * @param overall  the paired difference of overall success rates
     * @param byType   the paired differences per task type
     */
    public record Paired(String method, String baseline, String split, Estimate overall, Map<String, Estimate> byType) {
        /** Copies the map. */
        public Paired {
            byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        }
    }

    /**
     * One run directory.
     *
     * @param dir         relative directory
     * @param method      method
     * @param seed        seed
     * @param status      status from run.json
     * @param included    whether it counts in the table (finished, with a final evaluation)
     * @param iterations  iterations completed (-1 if unknown)
     * @param wallSeconds wall time (NaN if unknown)
     */
    public record RunSummary(String dir, String method, int seed, String status, boolean included, long iterations,
                             double wallSeconds) {
    }
}
