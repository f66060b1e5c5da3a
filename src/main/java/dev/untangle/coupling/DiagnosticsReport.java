package dev.untangle.coupling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one diagnostics measurement yields (docs/METRICS.md lists the scalars).
 *
 * @param samples             probe samples measured
 * @param parameters          trainable parameters P
 * @param gradientDimension   D of the gradient rows (P exact, k sketched)
 * @param sketched            whether the gradients were sketched
 * @param similarity          the text measure ({@code jaccard} or {@code cosine})
 * @param threshold           tau
 * @param textSimilarity      distribution of the observation-text similarity over probe pairs
 * @param embeddingSimilarity distribution of the cosine of the model's state embeddings over probe pairs
 * @param gradientCosines     distribution of cos(g_i, g_j) over all probe pairs
 * @param coupling            the coupling summary over similar-state pairs
 * @param pairCosines         mean gradient cosine by pair type
 * @param dynamics            one rehearsed update's effect on the probes ({@code null} without an update batch)
 * @param predicted           predicted change of log pi per probe (empty without an update batch)
 * @param measured            measured change of log pi per probe (empty without an update batch)
 * @param advantages          A_k of the probes
 * @param separation          representation separation of good and bad actions
 * @param seconds             wall time of each part ({@code similarity}, {@code embeddings},
 *                            {@code gradients}, {@code dynamics}, {@code separation}, {@code total})
 */
public record DiagnosticsReport(int samples, long parameters, long gradientDimension, boolean sketched,
                                String similarity, double threshold, SimilarityDistribution textSimilarity,
                                SimilarityDistribution embeddingSimilarity, SimilarityDistribution gradientCosines,
                                CouplingSummary coupling, PairCosines pairCosines, DynamicsSummary dynamics,
                                List<Double> predicted, List<Double> measured, List<Double> advantages,
                                SeparationSummary separation, Map<String, Double> seconds) {

    /** Copies the collections. */
    public DiagnosticsReport {
        predicted = List.copyOf(predicted);
        measured = List.copyOf(measured);
        advantages = List.copyOf(advantages);
        seconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
    }

    /** The scalars logged to {@code metrics.jsonl} ({@code coupling/} and {@code time/coupling_}). */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("coupling/index", coupling.couplingIndex());
        m.put("coupling/same_sign_cosine", coupling.sameSignMean());
        m.put("coupling/opposite_positive_share", coupling.oppositePositiveShare());
        m.put("coupling/opposite_pairs", (double) coupling.oppositePairs());
        m.put("coupling/same_state_opposite_cosine", pairCosines.sameStateOpposite());
        m.put("coupling/dissimilar_opposite_cosine", pairCosines.otherOpposite());
        boolean moved = dynamics != null;
        m.put("coupling/harmful_rate", moved ? dynamics.harmfulRate() : Double.NaN);
        m.put("coupling/harmful_rate_predicted", moved ? dynamics.harmfulRatePredicted() : Double.NaN);
        m.put("coupling/negative_up_rate", moved ? dynamics.negativeUpRate() : Double.NaN);
        m.put("coupling/positive_down_rate", moved ? dynamics.positiveDownRate() : Double.NaN);
        m.put("coupling/dynamics_correlation", moved ? dynamics.correlation() : Double.NaN);
        m.put("coupling/harmful_mass", moved ? dynamics.harmfulMass() : Double.NaN);
        m.put("coupling/goodbad_cosine", separation.goodBadCosine());
        m.put("coupling/goodbad_pairs", (double) separation.goodBadPairs());
        m.put("coupling/probe_accuracy", separation.probeAccuracy());
        m.put("coupling/state_similarity_median", textSimilarity.median());
        m.put("coupling/similar_share", textSimilarity.shareAtLeast());
        m.put("coupling/embedding_similarity_median", embeddingSimilarity.median());
        m.put("coupling/probe_samples", (double) samples);
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            m.put("time/coupling_" + e.getKey() + "_s", e.getValue());
        }
        return m;
    }
}
