package dev.untangle.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/** Averages metric maps key by key, dropping NaNs (a metric not measured in a minibatch). */
final class MetricMean {

    private final Map<String, double[]> sums = new LinkedHashMap<>();

    void add(Map<String, Double> m) {
        for (Map.Entry<String, Double> e : m.entrySet()) {
            double v = e.getValue();
            double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
            if (!Double.isNaN(v)) {
                s[0] += v;
                s[1]++;
            }
        }
    }

    Map<String, Double> result() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            out.put(e.getKey(), e.getValue()[1] == 0 ? Double.NaN : e.getValue()[0] / e.getValue()[1]);
        }
        return out;
    }
}
