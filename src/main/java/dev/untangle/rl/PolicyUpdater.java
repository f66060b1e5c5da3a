package dev.untangle.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.rl.loss.ActionSuffixes;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.loss.GradientClipping;
import dev.untangle.rl.loss.LossAggregation;
import dev.untangle.rl.loss.LossContext;
import dev.untangle.rl.loss.LossOutput;
import dev.untangle.rl.loss.LossTerm;
import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The update phase: several epochs of shuffled minibatches; on each, the policy scores the action tokens,
 * every registered {@link LossTerm} adds its scalar, the sum is back-propagated, gradients are clipped by
 * their global norm and AdamW steps (ALGORITHMS.md "Update").
 */
public final class PolicyUpdater {

    private final List<LossTerm> terms;
    private final LossAggregation aggregation;
    private final int epochs;
    private final int minibatchSize;
    private final double maxGradNorm;
    private final boolean episodeBatches;

    /**
     * Creates the updater.
     *
     * @param terms         the active loss terms, summed in this order
     * @param aggregation   how per-token losses are reduced
     * @param epochs        passes over the samples
     * @param minibatchSize samples per optimiser step
     * @param maxGradNorm   global gradient-norm clip (0: none)
     */
    public PolicyUpdater(List<LossTerm> terms, LossAggregation aggregation, int epochs, int minibatchSize,
                         double maxGradNorm) {
        this(terms, aggregation, epochs, minibatchSize, maxGradNorm, false);
    }

    /**
     * Creates the updater.
     *
     * @param terms          the active loss terms, summed in this order
     * @param aggregation    how per-token losses are reduced
     * @param epochs         passes over the samples
     * @param minibatchSize  samples per optimiser step
     * @param maxGradNorm    global gradient-norm clip (0: none)
     * @param episodeBatches minibatches take whole episodes (the {@code full} history mode: an episode's steps
     *                       then share one forward pass, docs/ALGORITHMS.md "Episode pass"); otherwise steps
     *                       are shuffled one by one
     */
    public PolicyUpdater(List<LossTerm> terms, LossAggregation aggregation, int epochs, int minibatchSize,
                         double maxGradNorm, boolean episodeBatches) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("the objective needs at least one loss term");
        }
        this.terms = List.copyOf(terms);
        this.aggregation = aggregation;
        this.epochs = epochs;
        this.minibatchSize = minibatchSize;
        this.maxGradNorm = maxGradNorm;
        this.episodeBatches = episodeBatches;
    }

    /** Whether any term reads reference log-probs (a frozen reference policy must be kept). */
    public boolean needsReference() {
        return terms.stream().anyMatch(LossTerm::needsReference);
    }

    /** The active terms. */
    public List<LossTerm> terms() {
        return terms;
    }

    /**
     * Runs the update.
     *
     * @param policy    the policy to train
     * @param reference the frozen reference policy, or {@code null} when no term needs one
     * @param samples   step samples with advantages
     * @param optimizer the optimiser over {@code policy.parameters()}
     * @param rng       shuffles the minibatches
     * @return metrics averaged over minibatches ({@code loss/} and {@code optim/})
     */
    public Map<String, Double> update(Policy policy, Policy reference, List<StepSample> samples, AdamW optimizer,
                                      Random rng) {
        MetricMean mean = new MetricMean();
        if (samples.isEmpty()) {
            return mean.result();
        }
        List<List<StepSample>> units = episodeBatches ? Minibatches.byEpisode(samples)
                : Minibatches.singletons(samples);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (List<StepSample> batch : Minibatches.of(units, minibatchSize, rng)) {
                mean.add(step(policy, reference, batch, optimizer));
            }
        }
        return mean.result();
    }

    /** One optimiser step on one minibatch; only doubles leave the scope. */
    Map<String, Double> step(Policy policy, Policy reference, List<StepSample> batch, AdamW optimizer) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<ScoreRequest> requests = requests(batch);
        NDManager root = policy.parameters().get(0).getArray().getManager();
        try (NDManager scope = root.newSubManager()) {
            scope.setName("rl-minibatch");
            NDArray refLogProb = null;
            if (needsReference()) {
                refLogProb = reference.score(scope, requests, false).logProbs().stopGradient();
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ActionSuffixes suffixes = ActionSuffixes.collect(terms, batch, policy, optimizer.steps());
                Scores full = policy.score(scope, suffixes.extend(requests), false);       // shared prefix
                Scores scores = suffixes.actionScores(scope, full);
                LossContext ctx = new LossContext(policy, scope, batch, scores, refLogProb, aggregation,
                        optimizer.steps(), suffixes.lastLogProb(scope, full), suffixes.present());
                NDArray total = null;
                for (LossTerm term : terms) {
                    LossOutput out = term.compute(ctx);
                    total = total == null ? out.loss() : total.add(out.loss());
                    metrics.putAll(out.metrics());
                }
                metrics.put("loss/entropy", ctx.maskedMean(scores.entropy().stopGradient()));
                metrics.put("loss/total", (double) total.getFloat());
                gc.backward(total);
            }
            metrics.put("optim/grad_norm", GradientClipping.clip(policy.parameters(), maxGradNorm));
            metrics.put("optim/lr", optimizer.currentLr());
            optimizer.step();
        }
        return metrics;
    }

    /** (prompt, action) score requests of the samples. */
    public static List<ScoreRequest> requests(List<StepSample> batch) {
        List<ScoreRequest> r = new ArrayList<>(batch.size());
        for (StepSample s : batch) {
            r.add(new ScoreRequest(s.promptTokens(), s.actionTokens(), s.allowed(), s.temperature()));
        }
        return r;
    }
}
