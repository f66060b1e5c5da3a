/**
 * Gradient-coupling diagnostics (docs/ALGORITHMS.md, "Gradient coupling"): vector similarity helpers,
 * the coupling index over per-sample gradients, learning-dynamics probes (predicted versus measured
 * change of log pi after one update, harmful coupling rate) and a cross-validated linear probe for
 * representation separation. The subpackage {@code toy} holds the coupled-bandit testbed and
 * {@code theory} the paper's Lemma 3.1 and Theorem 3.2 checks. Diagnostics read batches and models; they
 * never change training.
 */
package dev.untangle.coupling;
