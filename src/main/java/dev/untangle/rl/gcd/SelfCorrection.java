package dev.untangle.rl.gcd;

import dev.untangle.config.GcdConfig;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.ForwardingPolicy;
import dev.untangle.policy.Generation;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptRenderer;
import dev.untangle.policy.RolloutSession;
import dev.untangle.rl.trajectory.Episode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prompt-based self-correction at rollout time (docs/ALGORITHMS.md "GCD self-correction"). After a batch of
 * actions is sampled, the policy scores each with its own verdict; every action with P(bad) = 1 - P(good) &gt;
 * threshold is resampled from the prompt with the correction hint ({@link PromptRenderer#withCorrectionHint}),
 * up to k = maxRetries times (a resample is checked again before the next one). The executed generation, with
 * the prompt it was generated from, is what the rollout records. Counts are kept until {@link #metrics} reads
 * them. Not thread-safe.
 */
public final class SelfCorrection {

    private final GcdConfig.Correction config;
    private final String query;
    private long steps;
    private long fired;
    private long resamples;
    private long changed;
    private long accepted;
    private boolean[] correctedSlots = new boolean[0];

    /**
     * Creates the corrector.
     *
     * @param config the correction options
     * @param query  the verdict query (the GCD term's)
     */
    public SelfCorrection(GcdConfig.Correction config, String query) {
        this.config = config;
        this.query = query;
    }

    /** The corrector of a run's GCD options. */
    public static SelfCorrection of(GcdConfig gcd) {
        return new SelfCorrection(gcd.correction(), gcd.verdictQuery());
    }

    /** {@code policy} whose rollout sessions correct their actions, or {@code policy} itself when disabled. */
    public Policy wrap(Policy policy) {
        return config.enabled() ? new CorrectingPolicy(policy) : policy;
    }

    /**
     * Applies the correction to sampled generations.
     *
     * @param policy   the policy (its verdict and generation)
     * @param contexts the contexts the generations answer
     * @param first    the sampled generations
     * @param decoding decoding of the resamples
     * @param rng      the rollout's random source
     * @return per context the generation to execute
     */
    public List<Generation> correct(Policy policy, List<AgentContext> contexts, List<Generation> first,
                                    Decoding decoding, Random rng) {
        int n = first.size();
        List<Generation> out = new ArrayList<>(first);
        boolean[] firedRow = new boolean[n];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(i);
        }
        steps += n;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<int[]> prompts = new ArrayList<>();
            List<int[]> actions = new ArrayList<>();
            for (int i : pending) {
                prompts.add(out.get(i).promptTokens());
                actions.add(out.get(i).actionTokens());
            }
            double[] pGood = Verdicts.pGood(policy, prompts, actions, query);
            List<Integer> bad = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                if (1 - pGood[k] > config.threshold()) {
                    bad.add(pending.get(k));
                } else if (firedRow[pending.get(k)]) {
                    accepted++;
                }
            }
            if (bad.isEmpty() || attempt == config.maxRetries()) {
                break;
            }
            List<int[]> hinted = new ArrayList<>();
            List<AgentContext> ctx = new ArrayList<>();
            for (int i : bad) {
                if (!firedRow[i]) {
                    firedRow[i] = true;
                    fired++;
                }
                hinted.add(policy.renderer().withCorrectionHint(first.get(i).promptTokens(), config.hint()));
                ctx.add(contexts.get(i));
            }
            List<Generation> again = policy.generateFromPrompts(hinted, ctx, decoding, rng);
            for (int k = 0; k < bad.size(); k++) {
                out.set(bad.get(k), again.get(k));
            }
            resamples += bad.size();
            pending = bad;
        }
        for (int i = 0; i < n; i++) {
            if (firedRow[i] && !out.get(i).action().equals(first.get(i).action())) {
                changed++;
            }
        }
        return out;
    }

    /**
     * The {@code gcd/correction_*} metrics since the last call, then resets the counts: share of decisions
     * where a correction fired, resamples per fired decision, share of fired decisions whose executed action
     * differs from the first sample, share of fired decisions whose final action passed the verdict, and the
     * success rate of episodes with and without a correction. Empty when disabled.
     *
     * @param episodes the episodes of the rollout just collected (episode i played in session slot i)
     */
    public Map<String, Double> metrics(List<Episode> episodes) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!config.enabled()) {
            return m;
        }
        m.put("gcd/correction_rate", steps == 0 ? Double.NaN : (double) fired / steps);
        m.put("gcd/correction_resamples", fired == 0 ? Double.NaN : (double) resamples / fired);
        m.put("gcd/correction_changed_action", fired == 0 ? Double.NaN : (double) changed / fired);
        m.put("gcd/correction_accepted", fired == 0 ? Double.NaN : (double) accepted / fired);
        double[] won = new double[2];
        double[] count = new double[2];
        for (Episode e : episodes) {
            int k = e.id() < correctedSlots.length && correctedSlots[e.id()] ? 1 : 0;
            count[k]++;
            won[k] += e.won() ? 1 : 0;
        }
        m.put("gcd/correction_episodes", count[1]);
        m.put("gcd/correction_success_corrected", count[1] == 0 ? Double.NaN : won[1] / count[1]);
        m.put("gcd/correction_success_uncorrected", count[0] == 0 ? Double.NaN : won[0] / count[0]);
        steps = 0;
        fired = 0;
        resamples = 0;
        changed = 0;
        accepted = 0;
        correctedSlots = new boolean[0];
        return m;
    }

    /** Total (decisions, corrections fired, resamples) since the last {@link #metrics} call. */
    public long[] counts() {
        return new long[] {steps, fired, resamples};
    }

    /** A view of a policy whose rollout sessions correct their actions; it owns nothing ({@code close} is a no-op). */
    private final class CorrectingPolicy extends ForwardingPolicy {

        CorrectingPolicy(Policy inner) {
            super(inner);
        }

        @Override
        public List<Generation> generate(List<AgentContext> contexts, Decoding decoding, Random rng) {
            return correct(inner, contexts, inner.generate(contexts, decoding, rng), decoding, rng);
        }

        @Override
        public RolloutSession session(int slots) {
            RolloutSession s = inner.session(slots);
            boolean[] corrected = new boolean[slots];
            correctedSlots = corrected;
            return new RolloutSession() {
                @Override
                public List<Generation> act(int[] ids, List<AgentContext> contexts, Decoding decoding, Random rng) {
                    List<Generation> first = s.act(ids, contexts, decoding, rng);
                    List<Generation> out = correct(inner, contexts, first, decoding, rng);
                    for (int k = 0; k < ids.length; k++) {
                        corrected[ids[k]] |= out.get(k) != first.get(k);
                    }
                    return out;
                }

                @Override
                public void reset(int slot) {
                    s.reset(slot);
                    corrected[slot] = false;
                }

                @Override
                public int slots() {
                    return s.slots();
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        }

        @Override
        public void close() {
            // a view: the wrapped policy is owned and closed by the caller
        }
    }
}
