package dev.untangle.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ChartsTest {

    private static final double NAN = Double.NaN;

    @Test
    void lineChartHasLinesBandsTicksAndLegend() throws Exception {
        String svg = LineChart.builder("success-l1").title("Success on L1").yLabel("success rate").yRange(0, 1)
                .add(new LineChart.Series("grpo", "#0072B2", false, new double[] {0, 10, 20, 30},
                        new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.05, 0.1, 0.2, 0.3},
                        new double[] {0.15, 0.3, 0.4, 0.5}))
                .add(new LineChart.Series("grpo+gcd", "#D55E00", true, new double[] {0, 10, 20, 30},
                        new double[] {0.1, NAN, 0.5, 0.6}, null, null))
                .build().toSvg();
        Document d = Xhtml.parse(svg);
        assertEquals("success-l1", d.getDocumentElement().getAttribute("data-chart"));
        assertEquals(1, Xhtml.elements(d, "polygon").size(), "one band");
        // grpo: one polyline; grpo+gcd: the NaN splits it into a single point and a two-point line.
        assertEquals(2, Xhtml.elements(d, "polyline").stream().filter(e -> e.getAttribute("class").equals("line")).count());
        List<String> texts = Xhtml.elements(d, "text").stream().map(e -> e.getTextContent()).toList();
        assertTrue(texts.containsAll(List.of("grpo", "grpo+gcd", "0.0", "1.0", "0", "30", "success rate")), texts.toString());
    }

    @Test
    void emptyAndAllNanSeriesSayNoData() throws Exception {
        for (LineChart.Series s : List.of(
                new LineChart.Series("a", "#000000", false, new double[0], new double[0], null, null),
                new LineChart.Series("b", "#000000", false, new double[] {1, 2}, new double[] {NAN, NAN},
                        new double[] {NAN, NAN}, new double[] {NAN, NAN}))) {
            String svg = LineChart.builder("x").add(s).build().toSvg();
            Document d = Xhtml.parse(svg);
            assertTrue(svg.contains(">no data<"), svg);
            assertEquals(0, Xhtml.elements(d, "circle").size());
        }
        assertTrue(LineChart.builder("x").build().toSvg().contains("no data"));
    }

    @Test
    void namesAreEscapedAndColoursAndIdsChecked() throws Exception {
        String evil = "<script>alert(1)</script>&";
        String svg = LineChart.builder("e").title(evil).add(new LineChart.Series(evil, "#123456", false,
                new double[] {1}, new double[] {2}, null, null)).build().toSvg();
        assertTrue(!svg.contains("<script"), svg);
        Document d = Xhtml.parse(svg);
        assertEquals(0, Xhtml.elements(d, "script").size());
        assertThrows(IllegalArgumentException.class, () -> new LineChart.Series("a", "red\"/><script>", false,
                new double[0], new double[0], null, null));
        assertThrows(IllegalArgumentException.class, () -> LineChart.builder("Bad Id").build());
    }

    @Test
    void barChartDrawsBarsAndErrorBarsAndSkipsNan() throws Exception {
        BarChart chart = new BarChart("final-success", "Final", "success", 0, 1, List.of("L0", "L1", "L2"), List.of(
                new BarChart.Series("grpo", "#0072B2", new double[] {0.5, 0.4, NAN},
                        new double[] {0.4, NAN, NAN}, new double[] {0.6, NAN, NAN}),
                new BarChart.Series("<b>", "#D55E00", new double[] {0.7, 0.6, 0.2}, null, null)));
        Document d = Xhtml.parse(chart.toSvg());
        assertEquals(5, Xhtml.elements(d, "rect").stream().filter(e -> e.getAttribute("class").equals("bar")).count());
        assertEquals(1, Xhtml.elements(d, "path").size());
        assertTrue(Xhtml.elements(d, "text").stream().anyMatch(e -> e.getTextContent().equals("<b>")));
        assertThrows(IllegalArgumentException.class, () -> new BarChart("b", "", "", 0, 1, List.of("L0"),
                List.of(new BarChart.Series("x", "#000000", new double[] {1, 2}, null, null))));
    }

    @Test
    void ticksAreNiceAndCoverTheRange() {
        double[] t = Svg.ticks(0, 1, 5);
        assertEquals(6, t.length);
        assertEquals(0.2, t[1], 1e-12);
        double[] big = Svg.ticks(0, 437, 6);
        assertEquals(100.0, big[1] - big[0], 1e-9);
        assertEquals("0.25", Svg.tickLabel(0.25, 0.05));
    }

    @Test
    void longSeriesAreThinned() throws Exception {
        int n = 5000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 100.0);
        }
        String svg = LineChart.builder("long").add(new LineChart.Series("s", "#000000", false, x, y, null, null))
                .build().toSvg();
        Document d = Xhtml.parse(svg);
        String pts = Xhtml.elements(d, "polyline").stream().filter(e -> e.getAttribute("class").equals("line"))
                .findFirst().orElseThrow().getAttribute("points");
        assertEquals(LineChart.MAX_POINTS, pts.split(" ").length);
    }

    @Test
    void barChartCanStartItsAxisAboveZero() throws Exception {
        List<BarChart.Series> bars = List.of(new BarChart.Series("grpo", "#0072B2", new double[] {0.62, 0.55},
                new double[] {0.58, 0.5}, new double[] {0.66, 0.6}));
        assertEquals(List.of(0.45, 0.7), List.of(HtmlReport.barAxis(bars)[0], HtmlReport.barAxis(bars)[1]));
        Document d = Xhtml.parse(new BarChart("b", "t", "y", 0.45, 0.7, false, List.of("L0", "L1"), bars).toSvg());
        List<String> ticks = Xhtml.elements(d, "text").stream().filter(e -> e.getAttribute("class").equals("tick"))
                .map(e -> e.getTextContent()).toList();
        assertEquals("0.45", ticks.get(0), ticks.toString());
        assertTrue(!ticks.contains("0.00") && !ticks.contains("0.0"), "zero is not forced in: " + ticks);
        Document zero = Xhtml.parse(new BarChart("b", "t", "y", 0.45, 0.7, List.of("L0", "L1"), bars).toSvg());
        assertTrue(Xhtml.elements(zero, "text").stream().anyMatch(e -> e.getTextContent().startsWith("0.0")),
                "the old constructor still includes 0");
        List<BarChart.Series> low = List.of(new BarChart.Series("a", "#000000", new double[] {0.05}, null, null));
        assertEquals(0.0, HtmlReport.barAxis(low)[0], "values near 0 keep a zero-based axis");
    }

    @Test
    void lighterShadesMoveEachChannelTowardWhite() {
        assertEquals("#80B9D9", Svg.lighter("#0072B2", 0.5));
        assertEquals("#FFFFFF", Svg.lighter("#123456", 1));
        assertEquals("#123456", Svg.lighter("#123456", 0));
    }

    @Test
    void differenceChartDrawsEstimatesIntervalsSeedsAndAZeroLine() throws Exception {
        DifferenceChart c = new DifferenceChart("gcd-difference", "diff", "difference", List.of("L0", "L1"), List.of(
                new DifferenceChart.Series("grpo+gcd \u2212 grpo", "#80B9D9", new double[] {0.1, NAN},
                        new double[] {0.02, NAN}, new double[] {0.18, NAN},
                        List.of(new double[] {0.05, 0.15, 0.1}, new double[0])),
                new DifferenceChart.Series("<x>", "#009E73", new double[] {-0.05, 0.0}, new double[] {-0.1, -0.04},
                        new double[] {0.0, 0.04}, List.of(new double[] {-0.05}, new double[] {0.01}))));
        Document d = Xhtml.parse(c.toSvg());
        assertEquals(3, Xhtml.elements(d, "circle").stream().filter(e -> e.getAttribute("class").equals("estimate")).count());
        assertEquals(5, Xhtml.elements(d, "circle").stream().filter(e -> e.getAttribute("class").equals("seed")).count());
        assertEquals(3, Xhtml.elements(d, "path").size(), "one whisker per finite interval");
        assertEquals(1, Xhtml.elements(d, "line").stream().filter(e -> e.getAttribute("class").equals("zero")).count());
        assertTrue(Xhtml.elements(d, "text").stream().anyMatch(e -> e.getTextContent().equals("<x>")));
        assertTrue(new DifferenceChart("e", "t", "y", List.of("L0"), List.of()).toSvg().contains("no data"));
        assertThrows(IllegalArgumentException.class, () -> new DifferenceChart.Series("a", "#000000", new double[] {1},
                new double[] {1}, new double[] {1}, List.of()));
    }

    @Test
    void startMarkersAreDrawnOnTopOfEveryLineAndInTheLegend() throws Exception {
        // Issue 25 item 15: the sft point at iteration 0 hid under the lines that start from it.
        String svg = LineChart.builder("success-l0").yRange(0.8, 1)
                .add(new LineChart.Series("sft", "#777777", false, new double[] {0}, new double[] {0.9}, null, null,
                        true))
                .add(new LineChart.Series("grpo", "#0072B2", false, new double[] {0, 10, 20},
                        new double[] {0.9, 0.95, 0.97}, null, null))
                .add(new LineChart.Series("sft+critic", "#D55E00", false, new double[] {0}, new double[] {0.91}, null,
                        null, true))
                .build().toSvg();
        Document d = Xhtml.parse(svg);
        List<org.w3c.dom.Element> starts = Xhtml.elements(d, "path").stream()
                .filter(e -> e.getAttribute("class").equals("start")).toList();
        assertEquals(4, starts.size(), "two points and their two legend entries");
        assertEquals(java.util.Set.of("#777777", "#D55E00"), starts.stream().map(e -> e.getAttribute("stroke"))
                .collect(java.util.stream.Collectors.toSet()));
        assertTrue(starts.get(0).getAttribute("d").contains("L") && starts.get(1).getAttribute("d").contains("H"),
                "a diamond and a square: two starts at one point stay apart");
        assertTrue(svg.lastIndexOf("class=\"line\" fill=\"none\"") < svg.indexOf("class=\"start\""),
                "markers after the last line");
        assertEquals(0, Xhtml.elements(d, "circle").stream().filter(c -> c.getAttribute("fill").equals("#777777"))
                .count(), "a marker series draws no dot of its own");
    }

    @Test
    void notesAreDrawnInsideTheChartAndTheXRangeCanBeWidened() throws Exception {
        String note = "Every line is over the same seed 1. seed 0 left out: grpo+gcd: its probe set had 1 step with"
                + " A != 0 (2 are needed). seed 2 left out: grpo: its probe set had 0 steps with A != 0 <&>";
        String svg = LineChart.builder("coupling-index").xLabel("RL iterations done").xRange(0, 40).note(note)
                .add(new LineChart.Series("grpo (seed 1)", "#0072B2", false, new double[] {0, 10, 20, 30},
                        new double[] {0.4, 0.5, 0.6, 0.7}, null, null))
                .build().toSvg();
        Document d = Xhtml.parse(svg);
        List<String> lines = Xhtml.elements(d, "text").stream().filter(e -> e.getAttribute("class").equals("note"))
                .map(e -> e.getTextContent()).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(note, String.join(" ", lines));
        assertTrue(lines.stream().allMatch(l -> l.length() <= LineChart.NOTE_LINE));
        double height = Double.parseDouble(d.getDocumentElement().getAttribute("height"));
        for (org.w3c.dom.Element t : Xhtml.elements(d, "text")) {
            if (t.getAttribute("class").equals("note")) {
                assertTrue(Double.parseDouble(t.getAttribute("y")) < height - 4, "inside the chart");
            }
        }
        List<String> ticks = Xhtml.elements(d, "text").stream().filter(e -> e.getAttribute("class").equals("tick"))
                .map(e -> e.getTextContent()).toList();
        assertTrue(ticks.contains("40"), "the axis runs to 40 though the data stop at 30: " + ticks);
        assertEquals(List.of("abc de", "fghijk"), LineChart.wrap("abc de fghijk", 6));
        assertEquals(List.of("abc", "de", "fghij", "k"), LineChart.wrap("abc de fghijk", 5), "a long word is cut");
    }

    @Test
    void theGcdShadesKeepContrastAndStayApart() {
        // Issue 25 item 17: the two +gcd colours (halfway to white) were hard to tell apart on the white plot.
        HtmlReport.Colors c = new HtmlReport.Colors(List.of("sft", "sft+critic", "grpo", "grpo+gcd", "gigpo",
                "gigpo+gcd"));
        List<String> all = List.of(c.of("sft"), c.of("sft+critic"), c.of("grpo"), c.of("grpo+gcd"), c.of("gigpo"),
                c.of("gigpo+gcd"));
        for (String col : all) {
            assertTrue(contrast(col) >= 3, col + " has " + contrast(col) + ":1 against white (WCAG graphics: 3:1)");
        }
        assertTrue(deltaE(c.of("grpo+gcd"), c.of("gigpo+gcd")) >= 40,
                "the two +gcd colours differ by " + deltaE(c.of("grpo+gcd"), c.of("gigpo+gcd")));
        assertTrue(deltaE(c.of("grpo"), c.of("grpo+gcd")) >= 20, "a pair stays two colours");
        assertTrue(deltaE(c.of("gigpo"), c.of("gigpo+gcd")) >= 20, "a pair stays two colours");
        assertEquals("#00446B", c.of("grpo+gcd"), "a darker grpo blue");
        assertEquals("#003C2C", Svg.darker("#009E73", 0.62));
    }

    private static double linear(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double[] rgb(String hex) {
        return new double[] {linear(Integer.parseInt(hex.substring(1, 3), 16)),
                linear(Integer.parseInt(hex.substring(3, 5), 16)), linear(Integer.parseInt(hex.substring(5, 7), 16))};
    }

    /** WCAG 2.1 contrast ratio against white. */
    private static double contrast(String hex) {
        double[] c = rgb(hex);
        double l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        return 1.05 / (l + 0.05);
    }

    /** CIE76 colour difference (sRGB, D65). */
    private static double deltaE(String a, String b) {
        double[] x = lab(a);
        double[] y = lab(b);
        return Math.sqrt(Math.pow(x[0] - y[0], 2) + Math.pow(x[1] - y[1], 2) + Math.pow(x[2] - y[2], 2));
    }

    private static double[] lab(String hex) {
        double[] c = rgb(hex);
        double xx = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
        double yy = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        double zz = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
        java.util.function.DoubleUnaryOperator f = t -> t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116.0;
        return new double[] {116 * f.applyAsDouble(yy) - 16, 500 * (f.applyAsDouble(xx) - f.applyAsDouble(yy)),
                200 * (f.applyAsDouble(yy) - f.applyAsDouble(zz))};
    }

    @Test
    void differenceChartMarksEachVerdictAboveItsWhisker() throws Exception {
        DifferenceChart c = new DifferenceChart("gcd-difference", "diff", "difference", List.of("L0", "L1"), List.of(
                new DifferenceChart.Series("a", "#0072B2", new double[] {0.1, 0.05}, new double[] {0.02, 0.01},
                        new double[] {0.18, 0.09}, List.of(new double[0], new double[0]), List.of("sig.", "n.s."))));
        Document d = Xhtml.parse(c.toSvg());
        List<org.w3c.dom.Element> marks = Xhtml.elements(d, "text").stream()
                .filter(e -> e.getAttribute("class").equals("mark")).toList();
        assertEquals(List.of("sig.", "n.s."), marks.stream().map(e -> e.getTextContent()).toList());
        List<org.w3c.dom.Element> whiskers = Xhtml.elements(d, "path");
        for (int i = 0; i < 2; i++) {
            double top = Double.parseDouble(whiskers.get(i).getAttribute("d").replaceAll("^M[0-9.]+,[0-9.]+V([0-9.]+).*$",
                    "$1"));
            assertTrue(Double.parseDouble(marks.get(i).getAttribute("y")) < top, "above the whisker");
        }
        assertThrows(IllegalArgumentException.class, () -> new DifferenceChart.Series("a", "#000000",
                new double[] {1}, new double[] {1}, new double[] {1}, List.of(new double[0]), List.of()));
    }

    /** Category labels never overlap: many numeric bins are thinned, long names are wrapped onto two lines. */
    @Test
    void categoryLabelsAreThinnedOrWrappedSoThatTheyDoNotOverlap() {
        List<String> bins = new java.util.ArrayList<>();
        double[] share = new double[21];
        for (int b = 0; b < 21; b++) {
            bins.add(String.format(java.util.Locale.ROOT, "%.2f", -1 + 0.1 * b));
            share[b] = 1.0 / 21;
        }
        String svg = new BarChart("hist", "Histogram", "share", 0, Double.NaN, bins,
                List.of(new BarChart.Series("pairs", "#0072B2", share, null, null))).toSvg();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<text x=\"([0-9.]+)\" y=\"([0-9.]+)\" text-anchor=\"middle\" class=\"label\">([^<]*)</text>")
                .matcher(svg);
        java.util.List<double[]> xs = new java.util.ArrayList<>();
        while (m.find()) {
            if (bins.contains(m.group(3))) {
                xs.add(new double[] {Double.parseDouble(m.group(1)), m.group(3).length()});
            }
        }
        assertTrue(xs.size() >= 5 && xs.size() < 21, "some but not all bins labelled: " + xs.size());
        for (int k = 1; k < xs.size(); k++) {
            double room = (xs.get(k)[1] + xs.get(k - 1)[1]) / 2 * BarChart.CHAR_W;
            assertTrue(xs.get(k)[0] - xs.get(k - 1)[0] >= room, "labels " + (k - 1) + " and " + k + " overlap");
        }
        List<List<String>> wrapped = BarChart.categoryLabels(List.of("same state opposite sign", "L0"), 100);
        assertEquals(List.of("same state", "opposite sign"), wrapped.get(0));
        assertEquals(List.of("L0"), wrapped.get(1));
        assertEquals(1, BarChart.labelStep(wrapped, 100));
    }
}
