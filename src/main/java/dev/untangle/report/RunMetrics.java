package dev.untangle.report;

import dev.untangle.rl.MetricsSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The metrics sink of a run directory: {@code metrics.jsonl} ({@link JsonlMetricsSink}) and TensorBoard
 * event files under {@code tensorboard/} ({@link TensorBoardSink}), fed the same scalars. This is what
 * {@code train} and the experiment runner hand to the training loop.
 */
public final class RunMetrics implements MetricsSink {

    private final List<MetricsSink> sinks;

    private RunMetrics(List<MetricsSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /** Starts the metrics of a fresh run in {@code runDir} (an existing metrics.jsonl is truncated). */
    public static RunMetrics open(Path runDir) {
        JsonlMetricsSink jsonl = JsonlMetricsSink.create(runDir.resolve(ExperimentLayout.METRICS));
        try {
            return new RunMetrics(List.of(jsonl, TensorBoardSink.open(runDir.resolve(ExperimentLayout.TENSORBOARD))));
        } catch (RuntimeException e) {
            jsonl.close();
            throw e;
        }
    }

    /**
     * Continues the metrics of a run resumed at {@code iteration}: metrics.jsonl keeps only earlier
     * iterations, and a new event file tells TensorBoard to drop the first attempt's later steps.
     */
    public static RunMetrics resume(Path runDir, long iteration) {
        JsonlMetricsSink jsonl = JsonlMetricsSink.resume(runDir.resolve(ExperimentLayout.METRICS), iteration);
        try {
            return new RunMetrics(List.of(jsonl,
                    TensorBoardSink.resume(runDir.resolve(ExperimentLayout.TENSORBOARD), iteration)));
        } catch (RuntimeException e) {
            jsonl.close();
            throw e;
        }
    }

    @Override
    public void record(long iteration, Map<String, Double> scalars) {
        for (MetricsSink s : sinks) {
            s.record(iteration, scalars);
        }
    }

    @Override
    public void flush() {
        for (MetricsSink s : sinks) {
            s.flush();
        }
    }

    /** Closes every sink, even when one fails; the first failure is rethrown with the others suppressed. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (MetricsSink s : sinks) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
