package dev.untangle.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A line chart as an inline SVG string: several series against a shared x axis (training iterations),
 * each optionally with a shaded band, axis ticks and labels, and a legend. Non-finite points break a line; a
 * chart with no finite point says "no data". Series longer than {@value #MAX_POINTS} points are thinned evenly.
 * A <em>marker</em> series (a start point such as the SFT checkpoint) is drawn as large hollow shapes on top of
 * every line, so a line through the same point cannot hide it. Notes (which seeds are compared, and why others
 * are missing) are drawn inside the chart under the x axis. Names, labels and notes are escaped and bounded.
 */
public final class LineChart {

    /** Most points drawn per series. */
    public static final int MAX_POINTS = 600;

    private static final double W = 720;
    private static final double H = 300;
    private static final double LEFT = 64;
    private static final double RIGHT = 190;
    private static final double TOP = 34;
    private static final double BOTTOM = 46;

    /**
     * One line.
     *
     * @param name   legend text (untrusted)
     * @param color  {@code #rrggbb}
     * @param dashed draw the line dashed
     * @param x      x values
     * @param y      y values (same length; NaN leaves a gap)
     * @param lower  lower edge of the band, or {@code null} for no band
     * @param upper  upper edge of the band, or {@code null}
     * @param marker draw every point as a large hollow marker on top of the lines (for start points), and the
     *               marker in the legend
     */
    public record Series(String name, String color, boolean dashed, double[] x, double[] y, double[] lower,
                         double[] upper, boolean marker) {

        /** A series drawn as a line (not a {@link #marker()} series). */
        public Series(String name, String color, boolean dashed, double[] x, double[] y, double[] lower,
                      double[] upper) {
            this(name, color, dashed, x, y, lower, upper, false);
        }

        /** Checks lengths and the colour. */
        public Series {
            Svg.color(color);
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x and y lengths differ");
            }
            if ((lower == null) != (upper == null)
                    || (lower != null && (lower.length != x.length || upper.length != x.length))) {
                throw new IllegalArgumentException("series '" + name + "': band must have both edges, as long as x");
            }
        }
    }

    private final String id;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double yMin;
    private final double yMax;
    private final double xMin;
    private final double xMax;
    private final List<String> notes;
    private final List<Series> series;

    /** Longest note drawn in a chart, in characters (wrapped over several lines). */
    public static final int MAX_NOTE = 600;
    /** Characters per drawn note line. */
    static final int NOTE_LINE = 96;

    private LineChart(Builder b) {
        this.id = Svg.id(b.id);
        this.title = b.title;
        this.xLabel = b.xLabel;
        this.yLabel = b.yLabel;
        this.yMin = b.yMin;
        this.yMax = b.yMax;
        this.xMin = b.xMin;
        this.xMax = b.xMax;
        this.notes = List.copyOf(b.notes);
        this.series = List.copyOf(b.series);
    }

    /** Starts a chart whose SVG element carries {@code data-chart="<id>"}. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link LineChart}. */
    public static final class Builder {
        private final String id;
        private String title = "";
        private String xLabel = "iteration";
        private String yLabel = "";
        private double yMin = Double.NaN;
        private double yMax = Double.NaN;
        private double xMin = Double.NaN;
        private double xMax = Double.NaN;
        private final List<String> notes = new ArrayList<>();
        private final List<Series> series = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        /** Title drawn above the plot. */
        public Builder title(String t) {
            this.title = t;
            return this;
        }

        /** Label of the x axis (default "iteration"). */
        public Builder xLabel(String l) {
            this.xLabel = l;
            return this;
        }

        /** Label of the y axis. */
        public Builder yLabel(String l) {
            this.yLabel = l;
            return this;
        }

        /** Fixes the y range (otherwise it is fitted to the data and bands). */
        public Builder yRange(double min, double max) {
            this.yMin = min;
            this.yMax = max;
            return this;
        }

        /** Makes the x range cover at least [min, max] (so that charts of one axis line up). */
        public Builder xRange(double min, double max) {
            this.xMin = min;
            this.xMax = max;
            return this;
        }

        /** Adds a note drawn inside the chart under the x axis (untrusted text; escaped, bounded, wrapped). */
        public Builder note(String text) {
            if (text != null && !text.isBlank()) {
                notes.add(text);
            }
            return this;
        }

        /** Adds a series. */
        public Builder add(Series s) {
            series.add(s);
            return this;
        }

        /** The chart. */
        public LineChart build() {
            return new LineChart(this);
        }
    }

    /** The chart's SVG markup. */
    public String toSvg() {
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i])) {
                    continue;
                }
                double[] ys = s.lower() == null ? new double[] {s.y()[i]}
                        : new double[] {s.y()[i], s.lower()[i], s.upper()[i]};
                for (double y : ys) {
                    if (Double.isFinite(y)) {
                        any = true;
                        xLo = Math.min(xLo, s.x()[i]);
                        xHi = Math.max(xHi, s.x()[i]);
                        yLo = Math.min(yLo, y);
                        yHi = Math.max(yHi, y);
                    }
                }
            }
        }
        if (Double.isFinite(yMin) && Double.isFinite(yMax)) {
            yLo = Math.min(yMin, any ? yLo : yMin);
            yHi = Math.max(yMax, any ? yHi : yMax);
        } else if (any && yHi > yLo) {
            double pad = 0.05 * (yHi - yLo);
            yLo -= pad;
            yHi += pad;
        }
        if (any && Double.isFinite(xMin) && Double.isFinite(xMax)) {
            xLo = Math.min(xLo, xMin);
            xHi = Math.max(xHi, xMax);
        }
        List<String> noteLines = new ArrayList<>();
        for (String n : notes) {
            noteLines.addAll(wrap(Html.bounded(n, MAX_NOTE), NOTE_LINE));
        }
        double h = H + (noteLines.isEmpty() ? 0 : 8 + 17 * noteLines.size());
        double[] xr = Svg.padRange(xLo, xHi);
        double[] yr = Svg.padRange(yLo, yHi);
        double[] xt = Svg.ticks(xr[0], xr[1], 6);
        double[] yt = Svg.ticks(yr[0], yr[1], 5);
        double px0 = LEFT;
        double px1 = W - RIGHT;
        double py0 = H - BOTTOM;
        double py1 = TOP;
        java.util.function.DoubleUnaryOperator sx = v -> px0 + (v - xr[0]) / (xr[1] - xr[0]) * (px1 - px0);
        java.util.function.DoubleUnaryOperator sy = v -> py0 - (v - yr[0]) / (yr[1] - yr[0]) * (py0 - py1);

        StringBuilder sb = Svg.open(id, title, W, h, W / 2 - RIGHT / 2 + LEFT / 2);
        Svg.yGrid(sb, yt, sy, px0, px1);
        double xStep = xt.length > 1 ? xt[1] - xt[0] : 1;
        for (double t : xt) {
            double x = sx.applyAsDouble(t);
            sb.append("<line x1=\"").append(Svg.c(x)).append("\" y1=\"").append(Svg.c(py0)).append("\" x2=\"")
                    .append(Svg.c(x)).append("\" y2=\"").append(Svg.c(py0 + 4)).append("\" class=\"axis\"/>");
            Svg.text(sb, x, py0 + 19, "middle", "tick", Svg.tickLabel(t, xStep));   // clear of the lowest y label
        }
        sb.append("<polyline points=\"").append(Svg.c(px0)).append(',').append(Svg.c(py1)).append(' ')
                .append(Svg.c(px0)).append(',').append(Svg.c(py0)).append(' ').append(Svg.c(px1)).append(',')
                .append(Svg.c(py0)).append("\" class=\"axis\" fill=\"none\"/>");
        Svg.text(sb, (px0 + px1) / 2, H - 8, "middle", "label", Html.safe(xLabel, 80));
        for (int i = 0; i < noteLines.size(); i++) {
            Svg.text(sb, 12, H + 12 + 17 * i, "start", "note", Html.text(noteLines.get(i)));
        }
        sb.append("<text transform=\"translate(14,").append(Svg.c((py0 + py1) / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\" class=\"label\">").append(Html.safe(yLabel, 60))
                .append("</text>");
        if (!any) {
            Svg.text(sb, (px0 + px1) / 2, (py0 + py1) / 2, "middle", "nodata", "no data");
        }
        for (Series s : series) {
            int[] idx = thin(s.x().length);
            if (s.lower() != null) {
                for (List<Integer> run : runs(s, idx, true)) {
                    sb.append("<polygon class=\"band\" fill=\"").append(s.color()).append("\" points=\"");
                    for (int i : run) {
                        sb.append(Svg.c(sx.applyAsDouble(s.x()[i]))).append(',')
                                .append(Svg.c(sy.applyAsDouble(s.upper()[i]))).append(' ');
                    }
                    for (int k = run.size() - 1; k >= 0; k--) {
                        int i = run.get(k);
                        sb.append(Svg.c(sx.applyAsDouble(s.x()[i]))).append(',')
                                .append(Svg.c(sy.applyAsDouble(s.lower()[i]))).append(' ');
                    }
                    sb.setLength(sb.length() - 1);
                    sb.append("\"/>");
                }
            }
        }
        for (Series s : series) {
            if (s.marker()) {
                continue;                                   // drawn last, on top of every line
            }
            int[] idx = thin(s.x().length);
            boolean markers = idx.length <= 40;
            for (List<Integer> run : runs(s, idx, false)) {
                if (run.size() > 1) {
                    sb.append("<polyline class=\"line\" fill=\"none\" stroke=\"").append(s.color()).append('"');
                    if (s.dashed()) {
                        sb.append(" stroke-dasharray=\"6 4\"");
                    }
                    sb.append(" points=\"");
                    for (int i : run) {
                        sb.append(Svg.c(sx.applyAsDouble(s.x()[i]))).append(',')
                                .append(Svg.c(sy.applyAsDouble(s.y()[i]))).append(' ');
                    }
                    sb.setLength(sb.length() - 1);
                    sb.append("\"/>");
                }
                if (markers || run.size() == 1) {
                    for (int i : run) {
                        sb.append("<circle r=\"2.5\" fill=\"").append(s.color()).append("\" cx=\"")
                                .append(Svg.c(sx.applyAsDouble(s.x()[i]))).append("\" cy=\"")
                                .append(Svg.c(sy.applyAsDouble(s.y()[i]))).append("\"/>");
                    }
                }
            }
        }
        int shape = 0;
        Map<Series, Integer> shapes = new java.util.IdentityHashMap<>();
        for (Series s : series) {
            if (!s.marker()) {
                continue;
            }
            shapes.put(s, shape++);
            for (int i : thin(s.x().length)) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    marker(sb, sx.applyAsDouble(s.x()[i]), sy.applyAsDouble(s.y()[i]), s.color(), shapes.get(s));
                }
            }
        }
        double ly = TOP + 6;
        double lx = W - RIGHT + 14;
        for (Series s : series) {
            if (s.marker()) {
                marker(sb, lx + 11, ly, s.color(), shapes.get(s));
                Svg.text(sb, lx + 28, ly + 4, "start", "legend", Html.safe(s.name(), Svg.MAX_NAME));
                ly += 18;
                continue;
            }
            sb.append("<line x1=\"").append(Svg.c(lx)).append("\" y1=\"").append(Svg.c(ly)).append("\" x2=\"")
                    .append(Svg.c(lx + 22)).append("\" y2=\"").append(Svg.c(ly)).append("\" stroke=\"")
                    .append(s.color()).append("\" class=\"line\"");
            if (s.dashed()) {
                sb.append(" stroke-dasharray=\"6 4\"");
            }
            sb.append("/>");
            Svg.text(sb, lx + 28, ly + 4, "start", "legend", Html.safe(s.name(), Svg.MAX_NAME));
            ly += 18;
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /**
     * A start-point marker: a hollow shape 14 px across with a 2.5 px outline in the series colour and a white
     * fill (diamond, square, triangle, then again), class {@code start}.
     */
    private static void marker(StringBuilder sb, double x, double y, String color, int shape) {
        String d = switch (shape % 3) {
            case 0 -> "M" + Svg.c(x) + "," + Svg.c(y - 7) + "L" + Svg.c(x + 7) + "," + Svg.c(y) + "L" + Svg.c(x)
                    + "," + Svg.c(y + 7) + "L" + Svg.c(x - 7) + "," + Svg.c(y) + "Z";
            case 1 -> "M" + Svg.c(x - 5.5) + "," + Svg.c(y - 5.5) + "H" + Svg.c(x + 5.5) + "V" + Svg.c(y + 5.5) + "H"
                    + Svg.c(x - 5.5) + "Z";
            default -> "M" + Svg.c(x) + "," + Svg.c(y - 7) + "L" + Svg.c(x + 6.5) + "," + Svg.c(y + 5) + "H"
                    + Svg.c(x - 6.5) + "Z";
        };
        sb.append("<path class=\"start\" fill=\"#ffffff\" stroke=\"").append(color)
                .append("\" stroke-width=\"2.5\" d=\"").append(d).append("\"/>");
    }

    /** {@code text} cut into lines of at most {@code width} characters at spaces (a longer word is cut). */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }

    /** Indices to draw: all, or an even thinning to at most MAX_POINTS that keeps the last point. */
    private static int[] thin(int n) {
        if (n <= MAX_POINTS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[MAX_POINTS];
        for (int k = 0; k < MAX_POINTS; k++) {
            out[k] = (int) Math.round((double) k * (n - 1) / (MAX_POINTS - 1));
        }
        return out;
    }

    /** Maximal runs of consecutive drawable points (finite x and y, or finite band edges). */
    private static List<List<Integer>> runs(Series s, int[] idx, boolean band) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        for (int i : idx) {
            boolean ok = Double.isFinite(s.x()[i]) && (band
                    ? Double.isFinite(s.lower()[i]) && Double.isFinite(s.upper()[i])
                    : Double.isFinite(s.y()[i]));
            if (ok) {
                cur.add(i);
            } else if (!cur.isEmpty()) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }
}
