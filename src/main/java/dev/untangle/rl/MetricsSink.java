package dev.untangle.rl;

import java.util.Map;

/**
 * Where training writes its per-iteration scalars. Keys carry a prefix naming their family
 * ({@code rollout/}, {@code adv/}, {@code loss/}, {@code gcd/}, {@code coupling/}, {@code eval/}, {@code time/});
 * docs/METRICS.md defines each. Implementations (JSONL, TensorBoard) live in {@code report}; the command
 * line wires them in, so that {@code rl} writes no files of its own for metrics.
 */
public interface MetricsSink extends AutoCloseable {

    /**
     * Records one iteration's scalars. NaN values mean "not measured this iteration".
     *
     * @param iteration the training iteration (0-based; SFT epochs use their own run)
     * @param scalars   metric name to value, in insertion order
     */
    void record(long iteration, Map<String, Double> scalars);

    /** Makes everything recorded so far durable. */
    void flush();

    /** Flushes and releases the sink. */
    @Override
    void close();

    /** A sink that keeps nothing. */
    static MetricsSink none() {
        return new MetricsSink() {
            @Override
            public void record(long iteration, Map<String, Double> scalars) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
