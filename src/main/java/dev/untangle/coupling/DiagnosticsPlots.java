package dev.untangle.coupling;

import dev.untangle.report.BarChart;
import dev.untangle.report.LineChart;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SVG plots of a {@link DiagnosticsReport} with the report package's charts: histograms of the state
 * similarities and gradient cosines, predicted against measured probe changes, and gradient cosines by
 * pair type.
 */
public final class DiagnosticsPlots {

    private static final String BLUE = "#1f77b4";
    private static final String ORANGE = "#ff7f0e";
    private static final String GREY = "#7f7f7f";

    private DiagnosticsPlots() {
    }

    /** File name (without directory) to SVG markup, in a stable order. */
    public static Map<String, String> render(DiagnosticsReport r) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("state-similarity.svg", histogram("state-similarity", "Observation similarity of probe pairs ("
                + r.similarity() + ", tau = " + fmt(r.threshold()) + ")", r.textSimilarity()));
        out.put("embedding-similarity.svg", histogram("embedding-similarity",
                "Cosine of the model's state embeddings over probe pairs", r.embeddingSimilarity()));
        out.put("gradient-cosines.svg", histogram("gradient-cosines", "Per-sample gradient cosine over probe pairs"
                + (r.sketched() ? " (sketch, k = " + r.gradientDimension() + ")" : ""), r.gradientCosines()));
        PairCosines p = r.pairCosines();
        out.put("cosines-by-pair-type.svg", new BarChart("cosines-by-pair-type", "Mean gradient cosine by pair type",
                "mean cos(g_i, g_j)", -1, 1,
                List.of("same state, A opposite", "similar, A opposite", "similar, A same", "other, A opposite",
                        "other, A same"),
                List.of(new BarChart.Series("probe pairs", BLUE, new double[] {p.sameStateOpposite(),
                    p.similarOpposite(), p.similarSame(), p.otherOpposite(), p.otherSame()}, null, null))).toSvg());
        if (!r.predicted().isEmpty()) {
            out.put("predicted-vs-measured.svg", predictedVsMeasured(r));
        }
        return out;
    }

    private static String histogram(String id, String title, SimilarityDistribution d) {
        List<String> categories = new ArrayList<>();
        double[] share = new double[d.counts().size()];
        for (int b = 0; b < share.length; b++) {
            categories.add(fmt(d.binEdges().get(b)));
            share[b] = d.pairs() == 0 ? Double.NaN : (double) d.counts().get(b) / d.pairs();
        }
        return new BarChart(id, title + " [bin lower edges]", "share of pairs", 0, Double.NaN, categories,
                List.of(new BarChart.Series(d.pairs() + " pairs", BLUE, share, null, null))).toSvg();
    }

    /** Measured against predicted change, the probes ordered by prediction, with the line y = x. */
    private static String predictedVsMeasured(DiagnosticsReport r) {
        int n = r.predicted().size();
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(r.predicted().get(a), r.predicted().get(b)));
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int k : order) {
            (r.advantages().get(k) > 0 ? pos : neg).add(k);
        }
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = r.predicted().get(order[k]);
        }
        return LineChart.builder("predicted-vs-measured")
                .title(String.format(Locale.ROOT, "Change of log pi on the probes after one update (corr %.3f, "
                        + "harmful rate %.3f)", r.dynamics().correlation(), r.dynamics().harmfulRate()))
                .xLabel("predicted <g_k, delta_theta>").yLabel("measured change of log pi")
                .add(new LineChart.Series("y = x", GREY, true, x, x.clone(), null, null))
                .add(points("A > 0", BLUE, pos, r))
                .add(points("A < 0", ORANGE, neg, r))
                .build().toSvg();
    }

    private static LineChart.Series points(String name, String color, List<Integer> idx, DiagnosticsReport r) {
        double[] x = new double[idx.size()];
        double[] y = new double[idx.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.predicted().get(idx.get(i));
            y[i] = r.measured().get(idx.get(i));
        }
        return new LineChart.Series(name, color, false, x, y, null, null);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
