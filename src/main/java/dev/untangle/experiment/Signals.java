package dev.untangle.experiment;

import dev.untangle.report.ExperimentData;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.report.MetricKeys;
import dev.untangle.report.MetricsRecord;
import dev.untangle.report.Results;
import dev.untangle.report.RunData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * When RL had no learning signal (docs/OUTPUTS.md, "results.json", {@code no_signal}): a task group whose
 * episodes all earn the same reward has zero advantage spread, so GRPO's update learns nothing from it; an
 * iteration whose every group is like that ({@code adv/frac_zero_std_groups = 1}) trains on nothing but its
 * regularisers. Per method, over every iteration of every run that logged the key: how many iterations had
 * every group uniform, and the mean share of uniform groups; and, for runs with dynamic sampling
 * ({@code rollout.filter_groups=true}, the {@code filter/*} keys), the groups drawn, kept and dropped. Pure
 * functions of the data read from disk.
 */
public final class Signals {

    /** A share at least this close to 1 counts as "every group uniform" (the share is a ratio of counts). */
    static final double ALL = 1 - 1e-9;

    private Signals() {
    }

    /** One summary per method (table order) whose runs logged {@code adv/frac_zero_std_groups} or {@code filter/*}. */
    public static List<Results.Signal> summarize(ExperimentData data) {
        Map<String, List<RunData>> byMethod = new TreeMap<>(ExperimentLayout.METHOD_ORDER);
        for (RunData r : data.runs()) {
            byMethod.computeIfAbsent(r.info().method(), k -> new ArrayList<>()).add(r);
        }
        List<Results.Signal> out = new ArrayList<>();
        byMethod.forEach((method, runs) -> {
            int withKey = 0;
            long iterations = 0;
            long uniform = 0;
            double sum = 0;
            SortedMap<Integer, Results.SeedSignal> perSeed = new TreeMap<>();
            long filterIterations = 0;
            long drawn = 0;
            long kept = 0;
            long dropped = 0;
            long noneKept = 0;
            for (RunData r : runs) {
                long n = 0;
                long u = 0;
                double s = 0;
                for (MetricsRecord m : r.metrics()) {
                    double v = m.get(MetricKeys.ADV_FRAC_ZERO_STD_GROUPS);
                    if (Double.isFinite(v)) {
                        n++;
                        s += v;
                        if (v >= ALL) {
                            u++;
                        }
                    }
                    double d = m.get(MetricKeys.FILTER_GROUPS_DRAWN);
                    if (Double.isFinite(d)) {
                        filterIterations++;
                        drawn += Math.round(d);
                        double k = m.get(MetricKeys.FILTER_GROUPS_KEPT);
                        double x = m.get(MetricKeys.FILTER_GROUPS_DROPPED);
                        kept += Double.isFinite(k) ? Math.round(k) : 0;
                        dropped += Double.isFinite(x) ? Math.round(x) : 0;
                        if (Double.isFinite(k) && k == 0) {
                            noneKept++;
                        }
                    }
                }
                if (n > 0) {
                    withKey++;
                    iterations += n;
                    uniform += u;
                    sum += s;
                    perSeed.put(r.info().seed(), new Results.SeedSignal(n, u, s / n));
                }
            }
            if (withKey > 0 || filterIterations > 0) {
                out.add(new Results.Signal(method, withKey, iterations, uniform,
                        iterations == 0 ? Double.NaN : sum / iterations, perSeed, filterIterations == 0 ? null
                        : new Results.Filter(filterIterations, drawn, kept, dropped, noneKept)));
            }
        });
        return out;
    }
}
