/**
 * Run outputs and the report: the metrics sinks training writes with ({@link dev.untangle.report.RunMetrics}, which
 * feeds {@link dev.untangle.report.JsonlMetricsSink} and {@link dev.untangle.report.TensorBoardSink}), readers and
 * writers for run and experiment directories
 * ({@link dev.untangle.report.RunDirectories}), the {@code results.json} model ({@link dev.untangle.report.Results}),
 * inline SVG charts ({@link dev.untangle.report.LineChart}, {@link dev.untangle.report.BarChart}) and the
 * self-contained HTML page ({@link dev.untangle.report.HtmlReport}).
 *
 * <p>This package reads and writes files only; it computes no statistics (those live in
 * {@code dev.untangle.experiment}) and touches no live training objects. The directory layout and file
 * formats are documented in docs/OUTPUTS.md. Every piece of text that may come from an
 * environment, a config or a run is escaped with {@link dev.untangle.report.Html#text(String)} and bounded
 * in size before it reaches a page.
 */
package dev.untangle.report;
