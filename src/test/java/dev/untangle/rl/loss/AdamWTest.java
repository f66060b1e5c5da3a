package dev.untangle.rl.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.untangle.config.OptimConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Optimiser steps and gradient clipping leave no arrays behind: before, every step left several parameter-sized
 * temporaries in the optimiser's and the weights' managers (a width-128 SFT ran out of 24 GiB of memory).
 */
class AdamWTest {

    @Test
    void stepsAndClippingLeaveNoTemporariesBehind() {
        try (NDManager weights = NDManager.newBaseManager()) {
            NDArray w = weights.create(new float[] {1f, -2f, 3f, 0.5f}, new Shape(4));
            w.setRequiresGradient(true);
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(new Shape(4))
                    .optArray(w).build();
            OptimConfig cfg = new OptimConfig(0.1, 0.01, 0.9, 0.999, 1e-8, 0, 1.0);
            try (AdamW opt = new AdamW(List.of(p), cfg, 100)) {
                int weightsBefore = -1;
                int optimiserBefore = -1;
                for (int step = 0; step < 20; step++) {
                    try (NDManager scope = weights.newSubManager()) {
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = scope.ones(new Shape(4)).mul(w).mul(w).sum();   // lives in scope
                            gc.backward(loss);
                        }
                        double norm = GradientClipping.clip(List.of(p), 1.0);
                        assertTrue(norm > 0 && Double.isFinite(norm));
                        opt.step();
                    }
                    if (step == 0) {
                        weightsBefore = weights.getManagedArrays().size();
                        optimiserBefore = opt.heldArrays();
                    }
                }
                assertEquals(weightsBefore, weights.getManagedArrays().size(), "arrays left in the weights' manager");
                assertEquals(optimiserBefore, opt.heldArrays(), "arrays left in the optimiser's manager");
                assertEquals(2, opt.heldArrays());                   // the two moments
                assertTrue(Math.abs(w.toFloatArray()[1]) < 2f, "the steps moved the weights toward 0");
            }
        }
    }
}
