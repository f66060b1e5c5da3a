package dev.untangle.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.untangle.config.ConfigException;
import dev.untangle.config.OptimConfig;
import dev.untangle.config.SftConfig;
import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.policy.Turn;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.loss.GradientClipping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFT cold start (ALGORITHMS.md "SFT"): an expert plays the training tasks; each of its decisions becomes
 * a (prompt, action) pair rendered exactly as at rollout time; the policy minimises the token-mean negative
 * log-likelihood of the action tokens (the prompt is context only, never a target).
 */
public final class SftTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SftTrainer.class);

    private final SftConfig config;
    private final OptimConfig optim;
    private final int maxSteps;

    /**
     * Creates the trainer.
     *
     * @param config   SFT settings
     * @param optim    optimiser settings (the learning rate is replaced by {@code sft.lr})
     * @param maxSteps step limit of a demonstration episode
     */
    public SftTrainer(SftConfig config, OptimConfig optim, int maxSteps) {
        this.config = config;
        this.optim = optim.withLr(config.lr());
        this.maxSteps = maxSteps;
    }

    /**
     * Demonstrations of the expert on the first {@code sft.tasks} tasks of {@code split}.
     *
     * @throws ConfigException when the suite has no such expert
     */
    public List<ScoreRequest> demonstrations(EnvironmentSuite suite, String split, Policy policy) {
        List<ScoreRequest> flat = new ArrayList<>();
        demonstrationEpisodes(suite, split, policy).forEach(flat::addAll);
        return flat;
    }

    /**
     * Demonstrations grouped by episode (steps in order), for minibatches of whole episodes.
     *
     * @throws ConfigException when the suite has no such expert
     */
    public List<List<ScoreRequest>> demonstrationEpisodes(EnvironmentSuite suite, String split, Policy policy) {
        Expert expert = suite.expert(config.expert()).orElseThrow(() -> new ConfigException("sft.expert",
                "environment " + suite.name() + " has no expert '" + config.expert() + "'; known: "
                        + suite.experts()));
        int size = suite.split(split).size();
        int n = config.tasks() == 0 ? size : Math.min(size, config.tasks());
        List<List<ScoreRequest>> demos = new ArrayList<>();
        int won = 0;
        int steps = 0;
        try (TextEnvironment env = suite.create()) {
            for (int id = 0; id < n; id++) {
                Reset reset = env.reset(split, id);
                expert.begin(env, reset);
                String obs = reset.observation();
                List<String> admissible = reset.admissible();
                List<Turn> history = new ArrayList<>();
                List<ScoreRequest> episode = new ArrayList<>();
                demos.add(episode);
                for (int t = 0; t < maxSteps; t++) {
                    String action = expert.next(env, obs);
                    int[] prompt = policy.renderer().render(new AgentContext(reset.task().goal(), history, obs,
                            admissible));
                    episode.add(new ScoreRequest(prompt, policy.tokenizer().encodeAction(action)));
                    steps++;
                    StepResult r = env.step(action);
                    history.add(new Turn(obs, action));
                    obs = r.observation();
                    admissible = r.admissible();
                    if (r.won()) {
                        won++;
                    }
                    if (r.done() || r.won()) {
                        break;
                    }
                }
            }
        } catch (EnvironmentException e) {
            throw new EnvironmentException("SFT demonstrations on split " + split + ": " + e.getMessage(), e);
        }
        LOG.info("SFT: {} demonstration steps from {} tasks of {} (expert {} won {})", steps, n, split,
                config.expert(), won);
        return demos;
    }

    /**
     * Trains on demonstrations.
     *
     * @param policy  the policy
     * @param demos   (prompt, action) pairs as units that share a minibatch: one pair each in the {@code window}
     *                history mode, a whole demonstration episode in the {@code full} mode
     * @param rng     shuffles minibatches
     * @param metrics receives {@code sft/loss} and {@code sft/grad_norm} per epoch (iteration = epoch)
     * @param progress progress reporting (may be {@link Progress#none()})
     */
    public void train(Policy policy, List<List<ScoreRequest>> demos, Random rng, MetricsSink metrics,
                      Progress progress) {
        train(policy, demos, config.epochs(), 0, "sft", rng, metrics, progress);
    }

    /**
     * Fills the gradients of the token-mean negative log-likelihood of {@code batch},
     * {@code L = -(1/N) sum_i sum_t log pi(y_it | x_i, y_i<t)} with N the batch's target tokens, as one backward pass
     * per micro-batch ({@code sft.micro_batch_size} requests): micro-batch m contributes
     * {@code L_m = -(1/N) sum_(i in m) sum_t log pi}, so {@code sum_m L_m = L} and the accumulated gradient is the
     * whole batch's. Each micro-batch's arrays live in their own scope, closed after its backward pass.
     *
     * @return L
     */
    private double accumulate(Policy policy, List<ScoreRequest> batch) {
        int micro = config.microBatchSize() == 0 ? batch.size() : config.microBatchSize();
        long n = 0;
        for (ScoreRequest r : batch) {
            n += r.target().length;
        }
        double loss = 0;
        NDManager root = policy.parameters().get(0).getArray().getManager();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            for (int from = 0; from < batch.size(); from += micro) {
                List<ScoreRequest> part = batch.subList(from, Math.min(batch.size(), from + micro));
                try (NDManager scope = root.newSubManager()) {
                    scope.setName("sft-microbatch");
                    Scores sc = policy.score(scope, part, false);
                    NDArray nll = sc.logProbs().mul(sc.mask()).sum().neg().div((float) Math.max(1, n));
                    loss += nll.getFloat();
                    gc.backward(nll);
                }
            }
        }
        return loss;
    }

    /**
     * Trains {@code epochs} passes on demonstrations with a fresh optimiser (a DAgger round continues this way on
     * the aggregated data); metrics are recorded at iterations {@code firstEpoch, firstEpoch + 1, ...}.
     *
     * @param label the progress bar's label
     */
    public void train(Policy policy, List<List<ScoreRequest>> demos, int epochs, int firstEpoch, String label,
                      Random rng, MetricsSink metrics, Progress progress) {
        long items = demos.stream().mapToLong(List::size).sum();
        long totalSteps = (long) epochs * ((items + config.batchSize() - 1) / config.batchSize());
        progress.start(label, totalSteps);
        try (AdamW opt = new AdamW(policy.parameters(), optim,
                config.lrSchedule().equals("cosine") ? totalSteps : 0)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                long t0 = System.nanoTime();
                double lossSum = 0;
                double normSum = 0;
                long tokens = 0;
                int batches = 0;
                for (List<ScoreRequest> batch : Minibatches.of(demos, config.batchSize(), rng)) {
                    lossSum += accumulate(policy, batch);
                    normSum += GradientClipping.clip(policy.parameters(), optim.maxGradNorm());
                    opt.step();
                    tokens += ScoreRequest.packedTokens(batch);
                    batches++;
                    progress.advance(Double.NaN);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("sft/loss", lossSum / Math.max(1, batches));
                m.put("sft/grad_norm", normSum / Math.max(1, batches));
                m.put("sft/tokens_per_s", tokens / seconds);
                m.put("time/sft_epoch_s", seconds);
                metrics.record(firstEpoch + epoch, m);
                LOG.info("{} epoch {}/{}: loss {} ({} tokens/s)", label, epoch + 1, epochs,
                        String.format("%.4f", m.get("sft/loss")), String.format("%.0f", m.get("sft/tokens_per_s")));
            }
        }
        progress.finish();
    }
}
