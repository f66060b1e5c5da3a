package dev.untangle.rl.advantage;

import dev.untangle.rl.trajectory.StepSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of an estimator: step samples with advantages, and {@code adv/} statistics.
 *
 * @param samples the step samples of the non-failed episodes, in episode then step order
 * @param stats   {@code adv/} metrics
 */
public record Advantages(List<StepSample> samples, Map<String, Double> stats) {

    /** Copies the collections. */
    public Advantages {
        samples = List.copyOf(samples);
        stats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
    }

    /** Mean, standard deviation, minimum and maximum of the final advantages, with the given prefix. */
    static Map<String, Double> summary(List<StepSample> samples) {
        Map<String, Double> m = new LinkedHashMap<>();
        int n = samples.size();
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (StepSample s : samples) {
            mean += s.advantage();
            min = Math.min(min, s.advantage());
            max = Math.max(max, s.advantage());
        }
        mean = n == 0 ? Double.NaN : mean / n;
        double var = 0;
        for (StepSample s : samples) {
            var += (s.advantage() - mean) * (s.advantage() - mean);
        }
        m.put("adv/mean", mean);
        m.put("adv/std", n == 0 ? Double.NaN : Math.sqrt(var / n));
        m.put("adv/min", n == 0 ? Double.NaN : min);
        m.put("adv/max", n == 0 ? Double.NaN : max);
        long zero = samples.stream().filter(s -> s.advantage() == 0).count();
        m.put("adv/frac_zero", n == 0 ? Double.NaN : (double) zero / n);
        return m;
    }
}
