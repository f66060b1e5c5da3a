package dev.untangle.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Shared pieces of the inline SVG charts: axis ticks, number formats, the colour palette, checks. */
final class Svg {

    /** Okabe-Ito colours (distinguishable with colour-vision deficiencies), then greys. */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#000000", "#999999");

    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Longest series or category name shown in a legend or on an axis. */
    static final int MAX_NAME = 40;

    private Svg() {
    }

    /**
     * A lighter shade of {@code #rrggbb}: each channel moved a fraction {@code t} of the way to white. Used for
     * a {@code +gcd} variant of a method's colour.
     */
    static String lighter(String c, double t) {
        return mix(c, t, 255);
    }

    /**
     * A darker shade of {@code #rrggbb}: each channel moved a fraction {@code t} of the way to black. Used for a
     * {@code +gcd} variant of a method's colour: darker shades keep their contrast against the white plot (a
     * lighter one falls below 3:1) and two of them stay far apart.
     */
    static String darker(String c, double t) {
        return mix(c, t, 0);
    }

    private static String mix(String c, double t, int to) {
        color(c);
        StringBuilder sb = new StringBuilder("#");
        for (int i = 1; i < 7; i += 2) {
            int v = Integer.parseInt(c.substring(i, i + 2), 16);
            sb.append(String.format(Locale.ROOT, "%02X", (int) Math.round(v + (to - v) * t)));
        }
        return sb.toString();
    }

    static String color(String c) {
        if (c == null || !COLOR.matcher(c).matches()) {
            throw new IllegalArgumentException("colour must be #rrggbb, got '" + c + "'");
        }
        return c;
    }

    static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("chart id must match [a-z0-9][a-z0-9-]*, got '" + id + "'");
        }
        return id;
    }

    /** A coordinate with one decimal. */
    static String c(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Evenly spaced "nice" ticks (1, 2 or 5 times a power of ten) covering [lo, hi]. */
    static double[] ticks(double lo, double hi, int target) {
        double step = niceStep((hi - lo) / Math.max(1, target));
        List<Double> out = new ArrayList<>();
        double start = Math.ceil(lo / step - 1e-9) * step;
        for (double t = start; t <= hi + step * 1e-9 && out.size() < 50; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double e = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / e;
        double nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nf * e;
    }

    /** A tick label with as many decimals as the tick spacing needs. */
    static String tickLabel(double v, double step) {
        int decimals = (int) Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
        if (Math.abs(v) >= 1e5 || (Math.abs(v) > 0 && Math.abs(v) < 1e-4)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Widens a degenerate or empty range so that it can be drawn. */
    static double[] padRange(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-12) {
            double pad = Math.abs(lo) > 1e-12 ? Math.abs(lo) * 0.1 : 0.5;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }

    static void text(StringBuilder sb, double x, double y, String anchor, String cls, String content) {
        sb.append("<text x=\"").append(c(x)).append("\" y=\"").append(c(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" class=\"").append(cls).append("\">").append(content).append("</text>");
    }

    /**
     * Opens a chart: the {@code <svg>} element with its {@code data-chart} id, an accessible title, a white
     * background and the heading centred at {@code titleX}.
     */
    static StringBuilder open(String id, String title, double w, double h, double titleX) {
        return open(id, title, w, h, titleX, "chart");
    }

    /** As {@link #open(String, String, double, double, double)}, with the element's CSS classes. */
    static StringBuilder open(String id, String title, double w, double h, double titleX, String cssClass) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cssClass).append("\" data-chart=\"").append(id)
                .append("\" role=\"img\" viewBox=\"0 0 ").append(c(w)).append(' ').append(c(h))
                .append("\" width=\"").append(c(w)).append("\" height=\"").append(c(h)).append("\">");
        sb.append("<title>").append(Html.safe(title, 200)).append("</title>");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(c(w)).append("\" height=\"").append(c(h))
                .append("\" fill=\"#ffffff\"/>");
        text(sb, titleX, 20, "middle", "t", Html.safe(title, 120));
        return sb;
    }

    /** Horizontal grid lines from {@code px0} to {@code px1} at each y tick, labelled on the left. */
    static void yGrid(StringBuilder sb, double[] yt, java.util.function.DoubleUnaryOperator sy, double px0,
                      double px1) {
        double yStep = yt.length > 1 ? yt[1] - yt[0] : 1;
        for (double t : yt) {
            double y = sy.applyAsDouble(t);
            sb.append("<line x1=\"").append(c(px0)).append("\" y1=\"").append(c(y)).append("\" x2=\"")
                    .append(c(px1)).append("\" y2=\"").append(c(y)).append("\" class=\"grid\"/>");
            text(sb, px0 - 6, y + 4, "end", "tick", tickLabel(t, yStep));
        }
    }
}
