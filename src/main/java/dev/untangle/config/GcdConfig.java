package dev.untangle.config;

import java.util.Objects;

/**
 * Generative classification disentanglement (GCD, docs/ALGORITHMS.md "GCD"): the actor is also trained to
 * generate the verdict {@code good} or {@code bad} for the actions it took. Keys {@code algorithm.gcd.*}.
 *
 * @param enabled          add the {@code gcd} loss term to the objective
 * @param lambda           weight of the GCD loss: total = RL loss + lambda_eff x L_gcd
 * @param warmupSteps      lambda_eff rises linearly from lambda/warmupSteps to lambda over this many optimiser
 *                         steps (0: constant)
 * @param labelSource      what the label's sign is read from: {@code advantage} (final advantage A),
 *                         {@code outcome} (episode won: good, lost: bad), {@code step} (GiGPO step advantage A_S),
 *                         {@code progress} (the environment's own step judgement Phi(s') - Phi(s))
 * @param margin           a sample is labelled only when |label value| &gt; margin (for {@code outcome} the
 *                         value is +1 / -1)
 * @param balance          class balancing inside each minibatch: {@code none}, {@code reweight} (each class
 *                         weighs half), {@code downsample} (the larger class is subsampled to the smaller's size,
 *                         seeded)
 * @param selection        which labelled samples: {@code all}, or {@code mixed_anchors} (only samples whose
 *                         anchor-state group has mixed returns, that is a non-zero step advantage; GiGPO only)
 * @param query            the verdict query appended after the action
 * @param verdictAt        where the verdict is read: {@code action_end} (the default: straight after the action's
 *                         {@code <eoa>}, no query tokens, so the verdict is generated from the very hidden state
 *                         that represents (s, a)) or {@code query} (after {@code <ask>} and the query words)
 * @param heldoutFraction  share of training task keys whose steps are never GCD-trained, only scored
 *                         (held-out accuracy / AUC)
 * @param sharePrefix      score each verdict in the policy's own forward pass by appending the query after the
 *                         action (causal models only); {@code false}: a separate forward of classification
 *                         prompts
 * @param seed             seed of the held-out task choice and of downsampling
 * @param consistency      self-consistency filter (ours): a labelled row is not trained on when the current verdict
 *                         gives its label a probability below this (the verdict and the realised label disagree
 *                         strongly, so the label is likely a step mislabelled by its episode); 0 turns it off
 * @param correction       prompt-based self-correction at rollout time
 */
public record GcdConfig(boolean enabled, double lambda, int warmupSteps, LabelSource labelSource, double margin,
                        Balance balance, Selection selection, String query, VerdictAt verdictAt, double heldoutFraction,
                        boolean sharePrefix, long seed, double consistency, Correction correction) {

    /** What a label's sign is read from ({@code algorithm.gcd.label_source}). */
    public enum LabelSource implements ConfigChoice {
        /** The final advantage A. */
        ADVANTAGE,
        /** The episode's outcome: won is good, lost is bad. */
        OUTCOME,
        /** GiGPO's step advantage A_S. */
        STEP,
        /** The environment's own step judgement Phi(s') - Phi(s). */
        PROGRESS
    }

    /** Class balancing inside each minibatch ({@code algorithm.gcd.balance}). */
    public enum Balance implements ConfigChoice {
        /** No balancing. */
        NONE,
        /** Each class weighs half. */
        REWEIGHT,
        /** The larger class is subsampled to the smaller's size, seeded. */
        DOWNSAMPLE
    }

    /** Which labelled samples are trained on ({@code algorithm.gcd.selection}). */
    public enum Selection implements ConfigChoice {
        /** Every labelled sample. */
        ALL,
        /** Only samples whose anchor-state group has mixed returns (GiGPO only). */
        MIXED_ANCHORS
    }

    /** Where the verdict is read ({@code algorithm.gcd.verdict_at}). */
    public enum VerdictAt implements ConfigChoice {
        /** After {@code <ask>} and the query words. */
        QUERY,
        /** Straight after the action's {@code <eoa>}. */
        ACTION_END
    }

    /**
     * Prompt-based self-correction (off by default): after sampling, the policy scores its action with its own
     * verdict; when P(bad) &gt; threshold, the hint is added to the prompt and the action resampled, at most
     * {@code maxRetries} times.
     *
     * @param enabled    turn it on
     * @param threshold  P(bad) above which the action is resampled, in (0, 1)
     * @param maxRetries k, the most resamples per decision (&gt;= 1)
     * @param hint       the hint text added to the prompt
     */
    public record Correction(boolean enabled, double threshold, int maxRetries, String hint) {
        /** Checks the values. */
        public Correction {
            if (!(threshold > 0 && threshold < 1)) {
                throw new ConfigException("algorithm.gcd.correction.threshold", "must be in (0, 1), got " + threshold);
            }
            if (maxRetries < 1) {
                throw new ConfigException("algorithm.gcd.correction.max_retries", "must be >= 1, got " + maxRetries);
            }
            if (hint == null || hint.isBlank()) {
                throw new ConfigException("algorithm.gcd.correction.hint", "must not be empty");
            }
        }
    }

    /** Checks the values. */
    public GcdConfig {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new ConfigException("algorithm.gcd.lambda", "must be a finite number >= 0, got " + lambda);
        }
        if (warmupSteps < 0) {
            throw new ConfigException("algorithm.gcd.warmup_steps", "must be >= 0, got " + warmupSteps);
        }
        Objects.requireNonNull(labelSource, "labelSource");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(verdictAt, "verdictAt");
        if (!(margin >= 0)) {
            throw new ConfigException("algorithm.gcd.margin", "must be >= 0, got " + margin);
        }
        if (query == null || query.isBlank()) {
            throw new ConfigException("algorithm.gcd.query", "must not be empty");
        }
        if (!(consistency >= 0 && consistency < 1)) {
            throw new ConfigException("algorithm.gcd.consistency", "must be in [0, 1) (0: off), got " + consistency);
        }
        if (!(heldoutFraction >= 0 && heldoutFraction < 1)) {
            throw new ConfigException("algorithm.gcd.heldout_fraction", "must be in [0, 1), got " + heldoutFraction);
        }
    }

    /**
     * Checks the options that depend on the advantage estimator.
     *
     * @param advantage the estimator name ({@code algorithm.advantage})
     * @throws ConfigException when a step-level option is used without the GiGPO estimator
     */
    public void checkEstimator(String advantage) {
        if (!enabled || advantage.equals("gigpo")) {
            return;
        }
        if (labelSource == LabelSource.STEP) {
            throw new ConfigException("algorithm.gcd.label_source", "'step' needs algorithm.advantage=gigpo "
                    + "(the step advantage), got '" + advantage + "'");
        }
        if (selection == Selection.MIXED_ANCHORS) {
            throw new ConfigException("algorithm.gcd.selection", "'mixed_anchors' needs algorithm.advantage=gigpo "
                    + "(anchor-state groups), got '" + advantage + "'");
        }
    }

    /**
     * The query text handed to {@code PromptRenderer.classificationPrompt}: {@link #query()} when the verdict is read
     * after the query, and the empty string (no {@code <ask>}, no query words) when it is read at the action's end.
     */
    public String verdictQuery() {
        return verdictAt == VerdictAt.ACTION_END ? "" : query;
    }

    /** lambda_eff at optimiser step {@code step} (0-based): lambda x min(1, (step + 1) / warmupSteps). */
    public double lambdaAt(long step) {
        return warmupSteps == 0 ? lambda : lambda * Math.min(1.0, (step + 1.0) / warmupSteps);
    }

    /** Reads the {@code algorithm.gcd} section. */
    public static GcdConfig read(ConfigTree t) {
        return new GcdConfig(
                t.getBoolean("algorithm.gcd.enabled", false),                          // GCD term on
                t.getDouble("algorithm.gcd.lambda", 0.5),                              // weight of L_gcd
                t.getInt("algorithm.gcd.warmup_steps", 0),                             // linear lambda warm-up
                t.getEnum("algorithm.gcd.label_source", LabelSource.ADVANTAGE, LabelSource.class), // sign of A, ...
                t.getDouble("algorithm.gcd.margin", 0.0),                              // |value| > margin
                t.getEnum("algorithm.gcd.balance", Balance.REWEIGHT, Balance.class),   // class balancing
                t.getEnum("algorithm.gcd.selection", Selection.ALL, Selection.class),  // which samples
                t.getString("algorithm.gcd.query", "Is this action good or bad?"),      // verdict query
                t.getEnum("algorithm.gcd.verdict_at", VerdictAt.ACTION_END, VerdictAt.class), // where it is read
                t.getDouble("algorithm.gcd.heldout_fraction", 0.1),                    // held-out task keys
                t.getBoolean("algorithm.gcd.share_prefix", true),                      // fused forward
                t.getLong("algorithm.gcd.seed", 1),                                    // held-out, downsampling
                t.getDouble("algorithm.gcd.consistency", 0.0),                         // self-consistency filter
                new Correction(
                        t.getBoolean("algorithm.gcd.correction.enabled", false),       // self-correction on
                        t.getDouble("algorithm.gcd.correction.threshold", 0.5),        // P(bad) to resample
                        t.getInt("algorithm.gcd.correction.max_retries", 1),           // k
                        t.getString("algorithm.gcd.correction.hint",                   // hint text
                                "Your last choice looked bad; choose a better action.")));
    }
}
