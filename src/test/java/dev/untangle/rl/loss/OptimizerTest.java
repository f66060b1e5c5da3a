package dev.untangle.rl.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.untangle.config.OptimConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdamW with warm-up, and global gradient-norm clipping, against hand-computed values. */
class OptimizerTest {

    private static Parameter param(NDManager m, float... values) {
        NDArray a = m.create(values);
        a.setRequiresGradient(true);
        return Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(a).build();
    }

    /** Fills the gradient of {@code p} with {@code g} through a real backward pass of {@code sum(g * w)}. */
    private static void backward(NDManager m, Parameter p, float... g) {
        try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.getArray().mul(scope.create(g)).sum());
        }
    }

    @Test
    void adamwFirstStepsMatchHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m, 1f, -2f);
            // lr 0.1, warm-up 2 steps -> first lr 0.05; weight decay 0.1
            try (AdamW opt = new AdamW(List.of(p), new OptimConfig(0.1, 0.1, 0.9, 0.999, 1e-8, 2, 0))) {
                backward(m, p, 0.5f, -4f);
                assertEquals(0.05, opt.currentLr(), 1e-12);
                opt.step();
                // mHat = g, vHat = g^2 -> update = sign(g) + wd w
                float w0 = (float) (1 - 0.05 * (1 + 0.1 * 1));
                float w1 = (float) (-2 - 0.05 * (-1 + 0.1 * -2));
                assertArrayEquals(new float[] {w0, w1}, p.getArray().toFloatArray(), 1e-6f);
                assertArrayEquals(new float[] {0f, 0f}, p.getArray().getGradient().toFloatArray(), 0f);

                backward(m, p, 0.5f, -4f);
                assertEquals(0.1, opt.currentLr(), 1e-12);
                opt.step();
                // same gradient again: m = g (bias-corrected), v = g^2 -> update = sign(g) + wd w
                float w0b = (float) (w0 - 0.1 * (1 + 0.1 * w0));
                assertEquals(w0b, p.getArray().toFloatArray()[0], 1e-5f);
            }
        }
    }

    @Test
    void optimizerStateRoundTripsExactly() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = param(m, 1f, 2f);
            Parameter b = param(m, 1f, 2f);
            OptimConfig cfg = new OptimConfig(0.01, 0, 0.9, 0.99, 1e-8, 0, 0);
            try (AdamW oa = new AdamW(List.of(a), cfg); AdamW ob = new AdamW(List.of(b), cfg)) {
                backward(m, a, 1f, -3f);
                oa.step();
                backward(m, b, 1f, -3f);
                ob.step();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                oa.save(new DataOutputStream(bytes));
                Parameter c = param(m, b.getArray().toFloatArray());
                try (AdamW oc = new AdamW(List.of(c), cfg)) {
                    oc.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                    assertEquals(1, oc.steps());
                    backward(m, b, 2f, 5f);
                    ob.step();
                    backward(m, c, 2f, 5f);
                    oc.step();
                    assertArrayEquals(b.getArray().toFloatArray(), c.getArray().toFloatArray(), 0f);
                }
            }
        }
    }

    @Test
    void globalNormClippingScalesAllGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m, 0f);
            Parameter q = param(m, 0f);
            backward(m, p, 3f);
            backward(m, q, 4f);
            double norm = GradientClipping.clip(List.of(p, q), 1.0);
            assertEquals(5.0, norm, 1e-6);
            assertEquals(0.6, p.getArray().getGradient().getFloat(), 1e-5);
            assertEquals(0.8, q.getArray().getGradient().getFloat(), 1e-5);
            assertEquals(1.0, GradientClipping.clip(List.of(p, q), 0), 1e-5);   // 0 disables, still measures
        }
    }
}
