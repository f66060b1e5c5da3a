package dev.untangle.config;

/**
 * AdamW with linear warm-up and global gradient-norm clipping (the RL update; SFT uses {@code sft.lr}).
 *
 * @param lr           peak learning rate
 * @param weightDecay  decoupled weight decay
 * @param beta1        first-moment decay
 * @param beta2        second-moment decay
 * @param eps          denominator epsilon
 * @param warmupSteps  optimiser steps of linear warm-up from 0 to {@code lr}
 * @param maxGradNorm  global gradient-norm clip (0: no clipping)
 */
public record OptimConfig(double lr, double weightDecay, double beta1, double beta2, double eps, int warmupSteps,
                          double maxGradNorm) {

    /** Checks the values. */
    public OptimConfig {
        if (!(lr > 0)) {
            throw new ConfigException("optim.lr", "must be > 0, got " + lr);
        }
        if (weightDecay < 0) {
            throw new ConfigException("optim.weight_decay", "must be >= 0, got " + weightDecay);
        }
        if (beta1 < 0 || beta1 >= 1) {
            throw new ConfigException("optim.beta1", "must be in [0, 1), got " + beta1);
        }
        if (beta2 < 0 || beta2 >= 1) {
            throw new ConfigException("optim.beta2", "must be in [0, 1), got " + beta2);
        }
        if (!(eps > 0)) {
            throw new ConfigException("optim.eps", "must be > 0, got " + eps);
        }
        if (warmupSteps < 0) {
            throw new ConfigException("optim.warmup_steps", "must be >= 0, got " + warmupSteps);
        }
        if (maxGradNorm < 0) {
            throw new ConfigException("optim.max_grad_norm", "must be >= 0 (0 disables), got " + maxGradNorm);
        }
    }

    /** The same settings with another peak learning rate (SFT). */
    public OptimConfig withLr(double newLr) {
        return new OptimConfig(newLr, weightDecay, beta1, beta2, eps, warmupSteps, maxGradNorm);
    }

    /** Reads the {@code optim} section. */
    public static OptimConfig read(ConfigTree t) {
        return new OptimConfig(
                t.getDouble("optim.lr", 1e-4),            // peak learning rate
                t.getDouble("optim.weight_decay", 0.0),   // decoupled weight decay
                t.getDouble("optim.beta1", 0.9),          // Adam beta1
                t.getDouble("optim.beta2", 0.999),        // Adam beta2
                t.getDouble("optim.eps", 1e-8),           // Adam epsilon
                t.getInt("optim.warmup_steps", 10),       // linear warm-up steps
                t.getDouble("optim.max_grad_norm", 1.0)); // global norm clip
    }
}
