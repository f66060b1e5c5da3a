package dev.untangle.config;

import java.util.List;

/**
 * Gradient-coupling diagnostics during training (docs/ALGORITHMS.md, "Diagnostics on real runs"). They read
 * a fixed probe set and one rehearsed update on a copy of the policy; training itself is never changed.
 *
 * @param every            RL iterations between measurements (0: off); measured on iterations 0, every, 2 every...
 * @param probeSplit       split the probe set is collected from, once, at the start ({@code ""}: the first
 *                         evaluation split); its steps are never trained on
 * @param probeGroups      task groups of the probe collection (each {@code rollout.group_size} episodes)
 * @param probeSamples     at most this many probe steps are kept (a seeded subsample of those with A != 0)
 * @param similarity       text similarity of observations: {@code jaccard} (token sets) or {@code cosine}
 *                         (bags of words)
 * @param similarThreshold tau: two different states with text similarity &gt;= tau count as similar
 * @param sketchDim        0: exact per-sample gradients over all parameters; k &gt; 0: a seeded k-dimensional
 *                         random-projection sketch of them
 * @param probeFolds       folds of the cross-validated linear probe
 */
public record DiagnosticsConfig(int every, String probeSplit, int probeGroups, int probeSamples, String similarity,
                                double similarThreshold, int sketchDim, int probeFolds) {

    /** The accepted {@code diagnostics.similarity} values. */
    public static final List<String> SIMILARITIES = List.of("jaccard", "cosine");

    /** Checks the values. */
    public DiagnosticsConfig {
        if (every < 0) {
            throw new ConfigException("diagnostics.every", "must be >= 0 (0 turns diagnostics off), got " + every);
        }
        if (probeGroups < 1) {
            throw new ConfigException("diagnostics.probe_groups", "must be >= 1, got " + probeGroups);
        }
        if (probeSamples < 2) {
            throw new ConfigException("diagnostics.probe_samples", "must be >= 2 (pairs are compared), got "
                    + probeSamples);
        }
        if (!SIMILARITIES.contains(similarity)) {
            throw new ConfigException("diagnostics.similarity", "must be one of " + SIMILARITIES + ", got '"
                    + similarity + "'");
        }
        if (!(similarThreshold >= 0 && similarThreshold <= 1)) {
            throw new ConfigException("diagnostics.similar_threshold", "must be in [0, 1], got " + similarThreshold);
        }
        if (sketchDim < 0) {
            throw new ConfigException("diagnostics.sketch_dim", "must be >= 0 (0: exact gradients), got "
                    + sketchDim);
        }
        if (probeFolds < 2) {
            throw new ConfigException("diagnostics.probe_folds", "must be >= 2, got " + probeFolds);
        }
    }

    /** Reads the {@code diagnostics} section. */
    public static DiagnosticsConfig read(ConfigTree t) {
        return new DiagnosticsConfig(
                t.getInt("diagnostics.every", 10),                  // iterations between measurements; 0 = off
                t.getString("diagnostics.probe_split", ""),        // "" = the first eval split
                t.getInt("diagnostics.probe_groups", 8),           // task groups collected for the probe set
                t.getInt("diagnostics.probe_samples", 64),         // probe steps kept (A != 0)
                t.getChoice("diagnostics.similarity", "jaccard", SIMILARITIES),
                t.getDouble("diagnostics.similar_threshold", 0.6), // tau for "similar states"
                t.getInt("diagnostics.sketch_dim", 0),             // 0 = exact per-sample gradients
                t.getInt("diagnostics.probe_folds", 5));           // linear-probe folds
    }
}
