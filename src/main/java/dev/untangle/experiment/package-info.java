/**
 * Experiments: runs x methods x seeds, and the aggregation maths over seeds. {@link dev.untangle.experiment.Stats}
 * and {@link dev.untangle.experiment.Bootstrap} are pure functions; {@link dev.untangle.experiment.Aggregation}
 * turns the run directories read by {@code dev.untangle.report} into the results table, paired differences
 * and curves; {@link dev.untangle.experiment.ReportJob} rebuilds {@code results.json} and {@code report.html}
 * of an experiment directory. All randomness comes from explicit seeds.
 */
package dev.untangle.experiment;
