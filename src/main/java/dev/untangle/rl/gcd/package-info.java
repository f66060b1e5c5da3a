/**
 * Generative classification disentanglement (GCD, arXiv 2509.23870; docs/ALGORITHMS.md "GCD"): verdict labels
 * from step samples, per-minibatch plans (held-out tasks, class balancing), classifier statistics, the critic
 * data of the SFT cold start, prompt-based self-correction at rollout time and the representation probe.
 * The loss term itself is {@link dev.untangle.rl.loss.GcdLoss}, registered in
 * {@link dev.untangle.rl.loss.LossTerms}.
 */
package dev.untangle.rl.gcd;
