package dev.untangle.coupling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.untangle.config.DiagnosticsConfig;
import dev.untangle.config.TrainConfig;
import dev.untangle.policy.LanguageModel;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.rl.PolicyUpdater;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.loss.LossAggregation;
import dev.untangle.rl.loss.LossTerms;
import dev.untangle.rl.trajectory.StepSample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One diagnostics measurement on a real policy (docs/ALGORITHMS.md, "Diagnostics on real runs"), in order:
 * <ol>
 * <li>state similarity of the probes: observation texts ({@link TextSimilarity}) and state embeddings
 *     (the last-layer hidden state at the last prompt token);</li>
 * <li>per-sample gradients g_k of log pi(a_k | s_k) ({@link PerSampleGradients}, exact or sketched) and the
 *     coupling index over similar-state, opposite-sign pairs;</li>
 * <li>representation separation of the (state, action) embeddings h_k of good and bad actions;</li>
 * <li>learning dynamics: one real optimiser step (the run's loss terms and a copy of its AdamW state) on a
 *     minibatch of the iteration's samples, applied to a copy of the policy; predicted change
 *     {@code <g_k, delta_theta>} against the measured change of log pi on every probe.</li>
 * </ol>
 * Everything runs on a copy of the policy: the training policy, its gradients and its optimiser are only read.
 */
public final class CouplingDiagnostics {

    private static final int BINS = 20;
    private static final long SKETCH_SALT = 0x5e7c4_d1a6L;
    private static final long PROBE_SALT = 0x11_9e0b_e5L;

    private final TrainConfig cfg;
    private final DiagnosticsConfig diag;

    /** Creates the measurement for a run's configuration (its {@code diagnostics}, losses and optimiser). */
    public CouplingDiagnostics(TrainConfig cfg) {
        this.cfg = cfg;
        this.diag = cfg.diagnostics();
    }

    /**
     * Measures.
     *
     * @param policy      the current policy (only read: a copy is measured and stepped)
     * @param reference   the frozen reference when a loss term needs one, else {@code null}
     * @param optimizer   the run's optimiser whose state the rehearsed step starts from, or {@code null} for
     *                    fresh moments
     * @param probes      the probe steps (with advantages)
     * @param updateBatch samples of the rehearsed update (a seeded minibatch of {@code algorithm.minibatch_size}
     *                    is drawn); empty to skip the learning dynamics
     * @param batchSeed   seed of that draw
     */
    public DiagnosticsReport measure(Policy policy, Policy reference, AdamW optimizer, List<StepSample> probes,
                                     List<StepSample> updateBatch, long batchSeed) {
        if (probes.size() < 2) {
            throw new IllegalArgumentException("diagnostics need at least 2 probe samples, got " + probes.size());
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        int n = probes.size();
        double[] adv = probes.stream().mapToDouble(StepSample::advantage).toArray();
        List<ScoreRequest> requests = PolicyUpdater.requests(probes);
        TextSimilarity.Measure measure = TextSimilarity.Measure.of(diag.similarity());
        double tau = diag.similarThreshold();

        // --- 1. state similarity ---------------------------------------------------------------------------
        long t = System.nanoTime();
        double[][] textSim = TextSimilarity.matrix(probes.stream().map(StepSample::anchorObservation).toList(),
                measure);
        int[] stateIds = stateIds(probes);
        seconds.put("similarity", elapsed(t));
        try (Policy copy = policy.copy()) {
            t = System.nanoTime();
            double[][] embSim = Similarity.cosineMatrix(stateEmbeddings(copy, probes));
            seconds.put("embeddings", elapsed(t));

            // --- 2. per-sample gradients and the coupling index --------------------------------------------
            t = System.nanoTime();
            GradientSketch sketch = diag.sketchDim() > 0 ? new GradientSketch(diag.sketchDim(), cfg.seed() ^ SKETCH_SALT)
                    : null;
            try (PerSampleGradients.Result g = PerSampleGradients.compute(copy, requests, sketch)) {
                double[][] cos = g.gradients().cosines();
                CouplingSummary coupling = GradientCoupling.summarizeCosines(cos, adv,
                        SamplePairs.threshold(textSim, stateIds, tau));
                PairCosines pairs = PairCosines.of(cos, adv, stateIds, textSim, tau);
                seconds.put("gradients", elapsed(t));

                // --- 3. representation separation -----------------------------------------------------------
                t = System.nanoTime();
                SeparationSummary separation = RepresentationSeparation.summarize(g.hidden(), adv, textSim, tau,
                        new LinearProbe(diag.probeFolds(), 1e-2, cfg.seed() ^ PROBE_SALT));
                seconds.put("separation", elapsed(t));

                // --- 4. learning dynamics of one rehearsed update -------------------------------------------
                DynamicsSummary dynamics = null;
                double[] predicted = new double[0];
                double[] measured = new double[0];
                if (!updateBatch.isEmpty()) {
                    t = System.nanoTime();
                    List<StepSample> batch = minibatch(updateBatch, batchSeed);
                    double[][] change = rehearse(copy, reference, optimizer, batch, requests, g.gradients());
                    predicted = change[0];
                    measured = change[1];
                    dynamics = LearningDynamics.summarize(predicted, measured, adv);
                    seconds.put("dynamics", elapsed(t));
                }
                seconds.put("total", elapsed(start));
                return new DiagnosticsReport(n, copy.parameterCount(), g.gradients().dimension(), sketch != null,
                        diag.similarity(), tau, SimilarityDistribution.of(textSim, tau, 0, 1, BINS),
                        SimilarityDistribution.of(embSim, tau, -1, 1, BINS),
                        SimilarityDistribution.of(cos, tau, -1, 1, BINS), coupling, pairs, dynamics, boxed(predicted),
                        boxed(measured), boxed(adv), separation, seconds);
            }
        }
    }

    /** Ids that are equal exactly when two samples' prompts are identical token sequences. */
    static int[] stateIds(List<StepSample> samples) {
        Map<List<Integer>, Integer> ids = new HashMap<>();
        int[] out = new int[samples.size()];
        for (int i = 0; i < out.length; i++) {
            List<Integer> key = Arrays.stream(samples.get(i).promptTokens()).boxed().toList();
            out[i] = ids.computeIfAbsent(key, k -> ids.size());
        }
        return out;
    }

    /** The last-layer hidden state after each prompt: the prompt's last token scored given the rest. */
    static double[][] stateEmbeddings(Policy policy, List<StepSample> samples) {
        List<ScoreRequest> req = new ArrayList<>(samples.size());
        for (StepSample s : samples) {
            int[] p = s.promptTokens();
            int[] context = p.length > 1 ? Arrays.copyOf(p, p.length - 1) : p;
            req.add(new ScoreRequest(context, new int[] {p[p.length - 1]}));
        }
        NDManager root = policy.parameters().get(0).getArray().getManager();
        double[][] out = new double[samples.size()][];
        int row = 0;
        for (List<ScoreRequest> chunk : chunks(req)) {
            try (NDManager scope = root.newSubManager()) {
                scope.setName("state-embeddings");
                Scores s = policy.score(scope, chunk, true);
                int d = Math.toIntExact(s.hidden().getShape().get(1));
                float[] f = s.hidden().toFloatArray();
                for (int i = 0; i < chunk.size(); i++, row++) {
                    out[row] = new double[d];
                    for (int j = 0; j < d; j++) {
                        out[row][j] = f[i * d + j];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Consecutive slices of {@code requests}, each scored in one pass, whose rows x longest sequence^2 stays within
     * {@link LanguageModel#SCORES_PER_PASS}: 64 household probes (448 tokens) are one pass as always, 64 full-history science
     * probes (3,000 tokens) would hold 64 x 3,000 x 3,000 scores per head and intermediate (9 GB) in one.
     */
    static List<List<ScoreRequest>> chunks(List<ScoreRequest> requests) {
        List<List<ScoreRequest>> out = new ArrayList<>();
        List<ScoreRequest> current = new ArrayList<>();
        long longest = 0;
        for (ScoreRequest r : requests) {
            long length = r.context().length + r.target().length;
            long widest = Math.max(longest, length);
            if (!current.isEmpty() && (current.size() + 1) * widest * widest > LanguageModel.SCORES_PER_PASS) {
                out.add(current);
                current = new ArrayList<>();
                widest = length;
            }
            current.add(r);
            longest = widest;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** A seeded draw of at most {@code algorithm.minibatch_size} samples, in their original order. */
    private List<StepSample> minibatch(List<StepSample> samples, long seed) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(seed));
        List<Integer> kept = new ArrayList<>(idx.subList(0, Math.min(cfg.algorithm().minibatchSize(), idx.size())));
        Collections.sort(kept);
        List<StepSample> out = new ArrayList<>(kept.size());
        for (int i : kept) {
            out.add(samples.get(i));
        }
        return out;
    }

    /**
     * One optimiser step of the run's objective on {@code batch}, applied to {@code copy}; returns
     * {predicted, measured} changes of log pi on the probes.
     */
    private double[][] rehearse(Policy copy, Policy reference, AdamW optimizer, List<StepSample> batch,
                                List<ScoreRequest> probes, GradientMatrix probeGradients) {
        PolicyUpdater oneStep = new PolicyUpdater(LossTerms.active(cfg.algorithm()),
                LossAggregation.of(cfg.algorithm().aggregation()), 1, batch.size(), cfg.optim().maxGradNorm());
        Policy ref = reference;
        boolean ownReference = false;
        if (oneStep.needsReference() && ref == null) {
            ref = copy.copy();
            ownReference = true;
        }
        NDManager root = copy.parameters().get(0).getArray().getManager();
        try (NDManager scope = root.newSubManager(); AdamW opt = new AdamW(copy.parameters(), cfg.optim())) {
            scope.setName("update-rehearsal");
            if (optimizer != null) {
                copyState(optimizer, opt);
            }
            double[] before = sequenceLogProbs(copy, scope, probes);
            NDArray theta0 = PerSampleGradients.flatValues(copy.parameters(), scope);
            oneStep.update(copy, ref, batch, opt, new Random(0));
            NDArray delta = PerSampleGradients.flatValues(copy.parameters(), scope).sub(theta0);
            double[] predicted = probeGradients.dot(delta);
            double[] after = sequenceLogProbs(copy, scope, probes);
            double[] measured = new double[after.length];
            for (int k = 0; k < after.length; k++) {
                measured[k] = after[k] - before[k];
            }
            return new double[][] {predicted, measured};
        } finally {
            if (ownReference) {
                ref.close();
            }
        }
    }

    /** log pi(a|s) (summed over action tokens) of each request, without gradients. */
    static double[] sequenceLogProbs(Policy policy, NDManager scope, List<ScoreRequest> requests) {
        double[] out = new double[requests.size()];
        int k = 0;
        for (List<ScoreRequest> chunk : chunks(requests)) {
            try (NDManager tmp = scope.newSubManager()) {
                Scores s = policy.score(tmp, chunk, false);
                for (float f : s.logProbs().sum(new int[] {1}).toFloatArray()) {
                    out[k++] = f;
                }
            }
        }
        return out;
    }

    /** Copies the moments and step count of one optimiser into another over the same shapes. */
    private static void copyState(AdamW from, AdamW to) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                from.save(out);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                to.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the optimiser state for the rehearsed update", e);
        }
    }

    private static List<Double> boxed(double[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    private static double elapsed(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
