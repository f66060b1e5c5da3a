package dev.untangle.report;

import java.util.List;

/**
 * A dot-and-whisker chart of differences as an inline SVG string: one group per category (a split), one
 * estimate per series (a comparison such as {@code grpo+gcd - grpo}) drawn as a filled dot with its interval
 * as a whisker, the per-seed values as small hollow dots beside it, and an optional short mark above each
 * whisker (the verdict: {@code sig.} or {@code n.s.}), since whether a whisker crosses the dashed zero line is
 * not by itself the verdict. The y axis is fitted to the data and always includes 0. Non-finite values draw
 * nothing; names and marks are escaped and bounded.
 */
public final class DifferenceChart {

    private static final double W = 720;
    private static final double H = 300;
    private static final double LEFT = 64;
    private static final double RIGHT = 190;
    private static final double TOP = 34;
    private static final double BOTTOM = 46;

    /**
     * One comparison.
     *
     * @param name    legend text (untrusted)
     * @param color   {@code #rrggbb}
     * @param values  the estimate per category
     * @param low     lower end of its interval per category
     * @param high    upper end per category
     * @param perSeed the per-seed values per category (any number, possibly none)
     * @param marks   a short text drawn above each category's whisker ({@code null} entries: none), or
     *                {@code null} for no marks
     */
    public record Series(String name, String color, double[] values, double[] low, double[] high,
                         List<double[]> perSeed, List<String> marks) {
        /** Checks the colour and the lengths. */
        public Series {
            Svg.color(color);
            perSeed = List.copyOf(perSeed);
            marks = marks == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(marks));
            if (low.length != values.length || high.length != values.length || perSeed.size() != values.length
                    || (marks != null && marks.size() != values.length)) {
                throw new IllegalArgumentException("series '" + name + "': one value, interval, seed list and mark"
                        + " per category");
            }
        }

        /** A series without marks. */
        public Series(String name, String color, double[] values, double[] low, double[] high, List<double[]> perSeed) {
            this(name, color, values, low, high, perSeed, null);
        }
    }

    private final String id;
    private final String title;
    private final String yLabel;
    private final List<String> categories;
    private final List<Series> series;

    /**
     * Creates a chart.
     *
     * @param id         value of the SVG element's {@code data-chart} attribute
     * @param title      title drawn above the plot
     * @param yLabel     label of the y axis
     * @param categories category names along the x axis
     * @param series     the comparisons; each holds one estimate per category
     */
    public DifferenceChart(String id, String title, String yLabel, List<String> categories, List<Series> series) {
        this.id = Svg.id(id);
        this.title = title;
        this.yLabel = yLabel;
        this.categories = List.copyOf(categories);
        this.series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().length != categories.size()) {
                throw new IllegalArgumentException("series '" + s.name() + "' has " + s.values().length
                        + " values for " + categories.size() + " categories");
            }
        }
    }

    /** The chart's SVG markup. */
    public String toSvg() {
        double lo = 0;
        double hi = 0;
        boolean any = false;
        for (Series s : series) {
            for (int i = 0; i < s.values().length; i++) {
                double[] vs = s.perSeed().get(i);
                double[] all = new double[vs.length + 3];
                System.arraycopy(vs, 0, all, 0, vs.length);
                all[vs.length] = s.values()[i];
                all[vs.length + 1] = s.low()[i];
                all[vs.length + 2] = s.high()[i];
                for (double v : all) {
                    if (Double.isFinite(v)) {
                        any = true;
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        double pad = Math.max(0.02, 0.08 * (hi - lo));
        double[] yr = Svg.padRange(lo - pad, hi + pad);
        double[] yt = Svg.ticks(yr[0], yr[1], 6);
        double px0 = LEFT;
        double px1 = W - RIGHT;
        double py0 = H - BOTTOM;
        double py1 = TOP;
        java.util.function.DoubleUnaryOperator sy = v -> py0 - (v - yr[0]) / (yr[1] - yr[0]) * (py0 - py1);

        StringBuilder sb = Svg.open(id, title, W, H, W / 2 - RIGHT / 2 + LEFT / 2, "chart wide");
        Svg.yGrid(sb, yt, sy, px0, px1);
        sb.append("<text transform=\"translate(14,").append(Svg.c((py0 + py1) / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\" class=\"label\">").append(Html.safe(yLabel, 60))
                .append("</text>");
        double zy = sy.applyAsDouble(0);
        sb.append("<line class=\"zero\" x1=\"").append(Svg.c(px0)).append("\" y1=\"").append(Svg.c(zy))
                .append("\" x2=\"").append(Svg.c(px1)).append("\" y2=\"").append(Svg.c(zy))
                .append("\" stroke=\"#1f2328\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>");
        int nc = Math.max(1, categories.size());
        double groupW = (px1 - px0) / nc;
        double slot = series.isEmpty() ? 0 : Math.min(90, groupW * 0.9 / series.size());
        for (int ci = 0; ci < categories.size(); ci++) {
            double gx = px0 + ci * groupW;
            double start = gx + (groupW - slot * series.size()) / 2;
            Svg.text(sb, gx + groupW / 2, py0 + 18, "middle", "label", Html.safe(categories.get(ci), Svg.MAX_NAME));
            for (int si = 0; si < series.size(); si++) {
                Series s = series.get(si);
                double cx = start + si * slot + slot * 0.4;
                String mark = s.marks() == null ? null : s.marks().get(ci);
                double top = Double.isFinite(s.high()[ci]) ? s.high()[ci] : s.values()[ci];
                if (mark != null && Double.isFinite(top)) {
                    Svg.text(sb, cx, sy.applyAsDouble(top) - 7, "middle", "mark", Html.safe(mark, 12));
                }
                if (Double.isFinite(s.low()[ci]) && Double.isFinite(s.high()[ci])) {
                    double yl = sy.applyAsDouble(s.low()[ci]);
                    double yh = sy.applyAsDouble(s.high()[ci]);
                    sb.append("<path class=\"err\" style=\"stroke:").append(s.color()).append(";stroke-width:2\" d=\"M").append(Svg.c(cx))
                            .append(',').append(Svg.c(yl)).append("V").append(Svg.c(yh)).append("M")
                            .append(Svg.c(cx - 6)).append(',').append(Svg.c(yh)).append("H").append(Svg.c(cx + 6))
                            .append("M").append(Svg.c(cx - 6)).append(',').append(Svg.c(yl)).append("H")
                            .append(Svg.c(cx + 6)).append("\"/>");
                }
                if (Double.isFinite(s.values()[ci])) {
                    sb.append("<circle class=\"estimate\" r=\"5\" fill=\"").append(s.color()).append("\" cx=\"")
                            .append(Svg.c(cx)).append("\" cy=\"").append(Svg.c(sy.applyAsDouble(s.values()[ci])))
                            .append("\"/>");
                }
                double[] seeds = s.perSeed().get(ci);
                for (int k = 0; k < seeds.length; k++) {
                    if (Double.isFinite(seeds[k])) {
                        sb.append("<circle class=\"seed\" r=\"3.5\" fill=\"#ffffff\" stroke=\"").append(s.color())
                                .append("\" stroke-width=\"1.5\" cx=\"").append(Svg.c(cx + 12 + 5 * (k % 4)))
                                .append("\" cy=\"").append(Svg.c(sy.applyAsDouble(seeds[k]))).append("\"/>");
                    }
                }
            }
        }
        sb.append("<polyline points=\"").append(Svg.c(px0)).append(',').append(Svg.c(py1)).append(' ')
                .append(Svg.c(px0)).append(',').append(Svg.c(py0)).append(' ').append(Svg.c(px1)).append(',')
                .append(Svg.c(py0)).append("\" class=\"axis\" fill=\"none\"/>");
        if (!any) {
            Svg.text(sb, (px0 + px1) / 2, (py0 + py1) / 2, "middle", "nodata", "no data");
        }
        double ly = TOP + 6;
        double lx = W - RIGHT + 14;
        for (Series s : series) {
            sb.append("<circle r=\"5\" fill=\"").append(s.color()).append("\" cx=\"").append(Svg.c(lx + 6))
                    .append("\" cy=\"").append(Svg.c(ly)).append("\"/>");
            Svg.text(sb, lx + 18, ly + 4, "start", "legend", Html.safe(s.name(), Svg.MAX_NAME));
            ly += 18;
        }
        sb.append("<circle r=\"3.5\" fill=\"#ffffff\" stroke=\"#57606a\" stroke-width=\"1.5\" cx=\"")
                .append(Svg.c(lx + 6)).append("\" cy=\"").append(Svg.c(ly)).append("\"/>");
        Svg.text(sb, lx + 18, ly + 4, "start", "legend", "one seed");
        sb.append("</svg>");
        return sb.toString();
    }
}
