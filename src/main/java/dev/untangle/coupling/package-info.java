/**
 * Gradient-coupling diagnostics (docs/ALGORITHMS.md, "Gradient coupling" and "Diagnostics on real runs"):
 * vector similarity helpers, the coupling index over per-sample gradients, learning-dynamics probes
 * (predicted versus measured change of log pi after one update, harmful coupling rate) and a cross-validated
 * linear probe for representation separation. On real runs: observation-text and state-embedding similarity
 * ({@link dev.untangle.coupling.TextSimilarity}), exact or sketched per-sample gradients of a
 * {@link dev.untangle.policy.Policy} ({@link dev.untangle.coupling.PerSampleGradients}), a fixed probe set
 * ({@link dev.untangle.coupling.ProbeSet}), one measurement ({@link dev.untangle.coupling.CouplingDiagnostics}),
 * the training hook ({@link dev.untangle.coupling.DiagnosticsListener}) and {@code untangle diagnose}
 * ({@link dev.untangle.coupling.CheckpointDiagnosis}). The subpackage {@code toy} holds the coupled-bandit
 * testbed and {@code theory} the paper's Lemma 3.1 and Theorem 3.2 checks. Diagnostics read batches, models and
 * optimiser state; they work on copies and never change training.
 */
package dev.untangle.coupling;
