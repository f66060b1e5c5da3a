package dev.untangle.experiment;

import dev.untangle.report.MetricKeys;
import dev.untangle.rl.MetricsSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metrics sink that renames the training loop's success keys to the names the report charts
 * ({@link MetricKeys}): {@code rollout/success} becomes {@code rollout/success_rate} and
 * {@code eval/<split>/success} becomes {@code eval/<split>/success_rate} and GCD's {@code gcd/acc} becomes
 * {@code gcd/accuracy}. Every other key passes unchanged,
 * so the wrapper is a no-op once the loop logs the report's names itself.
 */
public final class ReportKeys implements MetricsSink {

    private static final Pattern EVAL = Pattern.compile("eval/([^/]+)/success");

    private final MetricsSink inner;

    /** Wraps {@code inner}, which receives the renamed keys and is closed with this sink. */
    public ReportKeys(MetricsSink inner) {
        this.inner = inner;
    }

    /** The report's name for a training-loop key. */
    public static String rename(String key) {
        if (key.equals("rollout/success")) {
            return MetricKeys.ROLLOUT_SUCCESS;
        }
        if (key.equals("gcd/acc")) {
            return MetricKeys.GCD_ACCURACY;
        }
        Matcher m = EVAL.matcher(key);
        return m.matches() ? MetricKeys.evalSuccess(m.group(1)) : key;
    }

    @Override
    public void record(long iteration, Map<String, Double> scalars) {
        Map<String, Double> out = new LinkedHashMap<>();
        scalars.forEach((k, v) -> out.putIfAbsent(rename(k), v));
        inner.record(iteration, out);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }
}
