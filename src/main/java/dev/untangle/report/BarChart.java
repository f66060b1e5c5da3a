package dev.untangle.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A grouped bar chart with error bars as an inline SVG string: one group per category (for example a
 * split), one bar per series (for example a method) in each group, each with an optional interval drawn as
 * an error bar. Non-finite values draw no bar; non-finite interval edges draw no error bar. Names are
 * escaped and bounded.
 */
public final class BarChart {

    private static final double W = 720;
    private static final double H = 300;
    private static final double LEFT = 64;
    private static final double RIGHT = 190;
    private static final double TOP = 34;
    private static final double BOTTOM = 46;
    /** Estimated width of one character of an axis label (13 px sans-serif), for fitting the category labels. */
    static final double CHAR_W = 7.0;

    /**
     * One bar per category.
     *
     * @param name   legend text (untrusted)
     * @param color  {@code #rrggbb}
     * @param values bar heights, one per category
     * @param low    lower ends of the error bars (or {@code null})
     * @param high   upper ends of the error bars (or {@code null})
     */
    public record Series(String name, String color, double[] values, double[] low, double[] high) {
        /** Checks the colour and that the interval arrays come together. */
        public Series {
            Svg.color(color);
            if ((low == null) != (high == null) || (low != null && (low.length != values.length
                    || high.length != values.length))) {
                throw new IllegalArgumentException("series '" + name + "': error bars must have both ends, one per value");
            }
        }
    }

    private final String id;
    private final String title;
    private final String yLabel;
    private final double yMin;
    private final double yMax;
    private final List<String> categories;
    private final List<Series> series;
    private final boolean includeZero;

    /**
     * Creates a chart.
     *
     * @param id         value of the SVG element's {@code data-chart} attribute
     * @param title      title drawn above the plot
     * @param yLabel     label of the y axis
     * @param yMin       lower end of the y axis, or NaN to fit (0 is always included)
     * @param yMax       upper end of the y axis, or NaN to fit
     * @param categories category names along the x axis
     * @param series     bars; each holds one value per category
     */
    public BarChart(String id, String title, String yLabel, double yMin, double yMax, List<String> categories,
                    List<Series> series) {
        this(id, title, yLabel, yMin, yMax, true, categories, series);
    }

    /**
     * Creates a chart whose y axis need not include 0.
     *
     * @param id          value of the SVG element's {@code data-chart} attribute
     * @param title       title drawn above the plot
     * @param yLabel      label of the y axis
     * @param yMin        lower end of the y axis, or NaN to fit
     * @param yMax        upper end of the y axis, or NaN to fit
     * @param includeZero whether the axis always includes 0; when false and both ends are given, the axis is
     *                    exactly [yMin, yMax] and bars rise from its lower end (values outside are clipped)
     * @param categories  category names along the x axis
     * @param series      bars; each holds one value per category
     */
    public BarChart(String id, String title, String yLabel, double yMin, double yMax, boolean includeZero,
                    List<String> categories, List<Series> series) {
        this.includeZero = includeZero;
        this.id = Svg.id(id);
        this.title = title;
        this.yLabel = yLabel;
        this.yMin = yMin;
        this.yMax = yMax;
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
        double lo = includeZero ? 0 : Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (Series s : series) {
            for (int i = 0; i < s.values().length; i++) {
                List<Double> vs = new ArrayList<>(List.of(s.values()[i]));
                if (s.low() != null) {
                    vs.add(s.low()[i]);
                    vs.add(s.high()[i]);
                }
                for (double v : vs) {
                    if (Double.isFinite(v)) {
                        any = true;
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (Double.isFinite(yMin)) {
            lo = Math.min(lo, yMin);
        }
        if (Double.isFinite(yMax)) {
            hi = Math.max(hi, yMax);
        }
        if (!Double.isFinite(hi)) {
            hi = 1;
        }
        if (!includeZero && Double.isFinite(yMin) && Double.isFinite(yMax)) {
            lo = yMin;
            hi = yMax;
        }
        double[] yr = Svg.padRange(lo, hi);
        double[] yt = Svg.ticks(yr[0], yr[1], 5);
        double px0 = LEFT;
        double px1 = W - RIGHT;
        double py0 = H - BOTTOM;
        double py1 = TOP;
        java.util.function.DoubleUnaryOperator sy = v -> py0 - (v - yr[0]) / (yr[1] - yr[0]) * (py0 - py1);

        java.util.function.DoubleUnaryOperator clip = v -> Math.max(yr[0], Math.min(yr[1], v));
        StringBuilder sb = Svg.open(id, title, W, H, W / 2 - RIGHT / 2 + LEFT / 2, "chart wide");
        Svg.yGrid(sb, yt, sy, px0, px1);
        sb.append("<text transform=\"translate(14,").append(Svg.c((py0 + py1) / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\" class=\"label\">").append(Html.safe(yLabel, 60))
                .append("</text>");
        int nc = Math.max(1, categories.size());
        double groupW = (px1 - px0) / nc;
        double barW = series.isEmpty() ? 0 : Math.min(40, groupW * 0.8 / series.size());
        double zero = sy.applyAsDouble(Math.max(yr[0], Math.min(yr[1], 0)));
        List<List<String>> labels = categoryLabels(categories, groupW);
        int step = labelStep(labels, groupW);
        for (int ci = 0; ci < categories.size(); ci++) {
            double gx = px0 + ci * groupW;
            double start = gx + (groupW - barW * series.size()) / 2;
            if (ci % step == 0) {
                List<String> lines = labels.get(ci);
                for (int li = 0; li < lines.size(); li++) {
                    Svg.text(sb, gx + groupW / 2, py0 + 18 + 14 * li, "middle", "label",
                            Html.safe(lines.get(li), Svg.MAX_NAME));
                }
            }
            for (int si = 0; si < series.size(); si++) {
                Series s = series.get(si);
                double v = s.values()[ci];
                double x = start + si * barW;
                if (Double.isFinite(v)) {
                    double y = sy.applyAsDouble(clip.applyAsDouble(v));
                    sb.append("<rect class=\"bar\" fill=\"").append(s.color()).append("\" x=\"")
                            .append(Svg.c(x + 1)).append("\" y=\"").append(Svg.c(Math.min(y, zero)))
                            .append("\" width=\"").append(Svg.c(Math.max(1, barW - 2))).append("\" height=\"")
                            .append(Svg.c(Math.abs(zero - y))).append("\"/>");
                }
                if (s.low() != null && Double.isFinite(s.low()[ci]) && Double.isFinite(s.high()[ci])) {
                    double cx = x + barW / 2;
                    double yl = sy.applyAsDouble(clip.applyAsDouble(s.low()[ci]));
                    double yh = sy.applyAsDouble(clip.applyAsDouble(s.high()[ci]));
                    sb.append("<path class=\"err\" d=\"M").append(Svg.c(cx)).append(',').append(Svg.c(yl))
                            .append("V").append(Svg.c(yh)).append("M").append(Svg.c(cx - 4)).append(',')
                            .append(Svg.c(yh)).append("H").append(Svg.c(cx + 4)).append("M").append(Svg.c(cx - 4))
                            .append(',').append(Svg.c(yl)).append("H").append(Svg.c(cx + 4)).append("\"/>");
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
            sb.append("<rect x=\"").append(Svg.c(lx)).append("\" y=\"").append(Svg.c(ly - 6))
                    .append("\" width=\"14\" height=\"12\" fill=\"").append(s.color()).append("\"/>");
            Svg.text(sb, lx + 22, ly + 4, "start", "legend", Html.safe(s.name(), Svg.MAX_NAME));
            ly += 18;
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /**
     * Each category's label as one line, or as two lines split at the space nearest the middle when one line is
     * wider than its group (raw text, at most {@link Svg#MAX_NAME} characters; escaped when drawn).
     */
    static List<List<String>> categoryLabels(List<String> categories, double groupW) {
        List<List<String>> out = new ArrayList<>();
        for (String c : categories) {
            String name = c.length() > Svg.MAX_NAME ? c.substring(0, Svg.MAX_NAME) : c;
            int cut = -1;
            if (name.length() * CHAR_W > groupW * 0.95) {
                for (int d = 0; d < name.length() / 2 && cut < 0; d++) {
                    int mid = name.length() / 2;
                    if (mid - d > 0 && name.charAt(mid - d) == ' ') {
                        cut = mid - d;
                    } else if (mid + d < name.length() && name.charAt(mid + d) == ' ') {
                        cut = mid + d;
                    }
                }
            }
            out.add(cut < 0 ? List.of(name) : List.of(name.substring(0, cut), name.substring(cut + 1)));
        }
        return out;
    }

    /**
     * Label every {@code step}-th category so that neighbouring labels do not overlap: the smallest step whose
     * spacing holds the widest label line.
     */
    static int labelStep(List<List<String>> labels, double groupW) {
        int widest = 1;
        for (List<String> lines : labels) {
            for (String l : lines) {
                widest = Math.max(widest, l.length());
            }
        }
        int step = 1;
        while (step < labels.size() && widest * CHAR_W > groupW * step * 0.95) {
            step++;
        }
        return step;
    }
}
