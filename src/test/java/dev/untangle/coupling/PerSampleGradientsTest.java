package dev.untangle.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.rl.TinyPolicyAccess;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Per-sample gradients on a tiny real policy against plain autograd, and the sketch against exact cosines. */
class PerSampleGradientsTest {

    // TinyWorld's vocabulary: pad 0, unk 1, end 2, red 3, blue 4, green 5, door 6, key 7, open 8, take 9
    private static final List<ScoreRequest> REQUESTS = List.of(
            new ScoreRequest(new int[] {3, 6}, new int[] {8, 3, 2}),
            new ScoreRequest(new int[] {4, 6}, new int[] {8, 4, 2}),
            new ScoreRequest(new int[] {5, 7}, new int[] {9, 5}));

    /** The gradient of sum_i w_i log pi(a_i|s_i) by one batched backward pass, flattened. */
    private static double[] plainGradient(Policy policy, List<ScoreRequest> batch) {
        NDManager root = policy.parameters().get(0).getArray().getManager();
        try (NDManager scope = root.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray total = policy.score(scope, batch, false).logProbs().sum();
                gc.backward(total);
            }
            float[] f = PerSampleGradients.flatGradient(policy.parameters(), scope).toFloatArray();
            PerSampleGradients.zeroGradients(policy.parameters());
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
    }

    @Test
    void rowsMatchPlainAutogradOneByOneAndSummed() {
        try (Policy policy = TinyPolicyAccess.create(7)) {
            double[][] rows;
            try (PerSampleGradients.Result r = PerSampleGradients.compute(policy, REQUESTS, null)) {
                rows = r.gradients().toArray();
                assertEquals(policy.parameterCount(), r.gradients().dimension());
            }
            double[] sum = new double[rows[0].length];
            for (int i = 0; i < REQUESTS.size(); i++) {
                double[] single = plainGradient(policy, List.of(REQUESTS.get(i)));
                for (int j = 0; j < single.length; j++) {
                    assertEquals(single[j], rows[i][j], 1e-5, "sample " + i + " coordinate " + j);
                    sum[j] += rows[i][j];
                }
            }
            double[] batched = plainGradient(policy, REQUESTS);
            double maxAbs = 0;
            for (int j = 0; j < sum.length; j++) {
                assertEquals(batched[j], sum[j], 1e-5, "coordinate " + j);
                maxAbs = Math.max(maxAbs, Math.abs(batched[j]));
            }
            assertTrue(maxAbs > 0.1, "the gradients must not be trivially zero");
        }
    }

    @Test
    void identicalSamplesHaveCosineOneAndOppositeAdvantagesFlipTheSign() {
        List<ScoreRequest> twice = List.of(REQUESTS.get(0), REQUESTS.get(0), REQUESTS.get(1));
        try (Policy policy = TinyPolicyAccess.create(8);
             PerSampleGradients.Result r = PerSampleGradients.compute(policy, twice, null)) {
            double[][] cos = r.gradients().cosines();
            assertEquals(1.0, cos[0][1], 1e-6);
            double[][] g = r.gradients().toArray();
            assertEquals(-1.0, GradientCoupling.weightedCosine(g[0], 1.0, g[1], -1.0), 1e-6);
            assertEquals(1.0, GradientCoupling.weightedCosine(g[0], -2.0, g[1], -0.5), 1e-6);
            // "open red" after "red door" and "open blue" after "blue door" share the door row: coupled
            assertTrue(cos[0][2] > 0.1 && cos[0][2] < 0.999, "cos " + cos[0][2]);
            assertEquals(-cos[0][2], GradientCoupling.weightedCosine(g[0], 1.0, g[2], -1.0), 1e-6);
            PairCosines pc = PairCosines.of(cos, new double[] {1, -1, -1}, new int[] {0, 0, 1},
                    new double[][] {{1, 1, 0.5}, {1, 1, 0.5}, {0.5, 0.5, 1}}, 0.3);
            assertEquals(1.0, pc.sameStateOpposite(), 1e-6);
            assertEquals(cos[0][2], pc.similarOpposite(), 1e-6);
            assertEquals(1, pc.similarSamePairs());
        }
    }

    @Test
    void theSketchApproximatelyPreservesCosines() {
        Random rng = new Random(11);
        int p = 60_000;
        float[] a = new float[p];
        float[] noise = new float[p];
        for (int i = 0; i < p; i++) {
            a[i] = (float) rng.nextGaussian();
            noise[i] = (float) rng.nextGaussian();
        }
        GradientSketch sketch = new GradientSketch(2048, 5);
        for (double c : new double[] {0.9, 0.5, 0.0, -0.7}) {
            float[] b = new float[p];
            for (int i = 0; i < p; i++) {
                b[i] = (float) (c * a[i] + Math.sqrt(1 - c * c) * noise[i]);
            }
            double exact = Similarity.cosine(a, b);
            double sketched = Similarity.cosine(sketch.project(a), sketch.project(b));
            assertEquals(exact, sketched, 0.08, "target cosine " + c);
        }
        assertEquals(1.0, Similarity.cosine(sketch.project(a), sketch.project(a.clone())), 1e-12);
        double[] again = new GradientSketch(2048, 5).project(a);
        assertEquals(sketch.project(a)[17], again[17], 0.0);              // seeded: the same map
        try (NDManager m = NDManager.newBaseManager()) {                  // the device map is the heap map
            float[] onDevice = sketch.project(m.create(a), m).toFloatArray();
            double[] onHeap = sketch.project(a);
            for (int b = 0; b < onHeap.length; b++) {
                assertEquals(onHeap[b], onDevice[b], 1e-3 * (1 + Math.abs(onHeap[b])), "bucket " + b);
            }
        }
    }

    @Test
    void sketchedRowsOfARealPolicyTrackTheExactCosines() {
        try (Policy policy = TinyPolicyAccess.create(9);
             PerSampleGradients.Result exact = PerSampleGradients.compute(policy, REQUESTS, null);
             PerSampleGradients.Result sketched = PerSampleGradients.compute(policy, REQUESTS,
                     new GradientSketch(4096, 3))) {
            assertEquals(4096, sketched.gradients().dimension());
            double[][] ce = exact.gradients().cosines();
            double[][] cs = sketched.gradients().cosines();
            for (int i = 0; i < ce.length; i++) {
                for (int j = 0; j < ce.length; j++) {
                    assertEquals(ce[i][j], cs[i][j], 0.1, "pair " + i + "," + j);
                }
            }
            assertEquals(exact.logProbs()[1], sketched.logProbs()[1], 1e-6);
        }
    }
}
