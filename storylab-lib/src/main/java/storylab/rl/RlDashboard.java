package storylab.rl;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import storylab.display.Displayable;
import storylab.display.Html;
import storylab.display.MimeBundle;
import storylab.display.Renderers;

/**
 * The live view of an RL run (any algorithm): four small charts against interaction words (teacher score, the three
 * criteria, KL with β, story length with entropy), each a smoothed curve over its pale raw curve, then the
 * latest numbers and the best and worst story of the last step.
 */
public record RlDashboard(List<RlStep> steps, RlConfig config) implements Displayable {

    public RlDashboard {
        steps = List.copyOf(steps);
    }

    /** The four panels as one image. */
    public BufferedImage image() {
        var panels = List.of(
                panel("teacher score (0–9)", "score", s -> s.score().mean(), null, null),
                criteria(),
                panel("KL per story", "KL", s -> s.objective().kl(), "β", s -> s.objective().beta()),
                panel("story length (words)", "words", s -> s.length().words(), "entropy/token", s -> s.objective().entropy()));
        int w = 420, h = 260;
        var img = new BufferedImage(2 * w, 2 * h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        for (int i = 0; i < panels.size(); i++) g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), (i % 2) * w, (i / 2) * h, null);
        g.dispose();
        return img;
    }

    private double[] x() {
        return steps.stream().mapToDouble(s -> s.totals().interactionWords()).toArray();
    }

    private XYChart chart(String title) {
        var c = new XYChartBuilder().width(420).height(260).title(title).xAxisTitle("interaction words").build();
        c.getStyler().setLegendVisible(true).setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12))
                .setMarkerSize(0);
        // From 0, so the ticks fall on round numbers (from the first step's count they can crowd into each other).
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setPlotGridLinesVisible(false);
        return c;
    }

    private XYChart panel(String title, String name, ToDoubleFunction<RlStep> f, String name2, ToDoubleFunction<RlStep> f2) {
        var c = chart(title);
        add(c, name, f, new Color(0x2b, 0x4c, 0x7e), 0);
        if (f2 != null) add(c, name2, f2, new Color(0xd9, 0x6c, 0x00), 1);
        return c;
    }

    private XYChart criteria() {
        var c = chart("criteria (0–3)");
        add(c, "readability", s -> s.score().readability(), new Color(0x1b, 0x9e, 0x77), 0);
        add(c, "coherence", s -> s.score().coherence(), new Color(0xd9, 0x5f, 0x02), 0);
        add(c, "creativity", s -> s.score().creativity(), new Color(0x75, 0x70, 0xb3), 0);
        return c;
    }

    /** A pale raw curve and its Gaussian-smoothed version on top. */
    private void add(XYChart c, String name, ToDoubleFunction<RlStep> f, Color color, int axis) {
        double[] x = x(), y = steps.stream().mapToDouble(f).toArray();
        if (x.length == 0) { x = new double[] {0}; y = new double[] {0}; }
        var raw = c.addSeries(name + " (raw)", x, y);
        raw.setMarker(SeriesMarkers.NONE);
        raw.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
        raw.setShowInLegend(false);
        var smooth = c.addSeries(name, x, smooth(y, 2.0));
        smooth.setMarker(SeriesMarkers.NONE);
        smooth.setLineColor(color);
        raw.setYAxisGroup(axis);
        smooth.setYAxisGroup(axis);
        if (axis == 1) c.setYAxisGroupTitle(1, name);
        double[] range = flatRange(y);
        if (range != null) {
            c.getStyler().setYAxisMin(axis, range[0]);
            c.getStyler().setYAxisMax(axis, range[1]);
        }
    }

    /**
     * An axis range for a series that does not move (a fixed β), or null to let the chart choose: left to
     * itself, the chart stretches rounding noise of the smoothed constant over the whole axis and draws a jumping line.
     */
    static double[] flatRange(double[] y) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : y) if (!Double.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (lo > hi || hi - lo > 1e-9 * Math.max(1, Math.abs(hi))) return null;
        return lo == 0 ? new double[] {-1, 1} : new double[] {Math.min(0, 2 * lo), Math.max(0, 2 * hi)};
    }

    /** Gaussian smoothing with σ in steps; edges renormalised so the curve does not sag. */
    static double[] smooth(double[] y, double sigma) {
        double[] out = new double[y.length];
        int r = (int) Math.ceil(3 * sigma);
        for (int i = 0; i < y.length; i++) {
            double s = 0, w = 0;
            for (int j = Math.max(0, i - r); j <= Math.min(y.length - 1, i + r); j++) {
                if (Double.isNaN(y[j])) continue;
                double k = Math.exp(-0.5 * (i - j) * (i - j) / (sigma * sigma));
                s += k * y[j];
                w += k;
            }
            out[i] = w == 0 ? Double.NaN : s / w;
        }
        return out;
    }

    private String latest() {
        if (steps.isEmpty()) return "no steps yet";
        var s = steps.get(steps.size() - 1);
        return String.format("%s step %d · %,d interaction words · score %.2f ± %.2f (R %.2f, C %.2f, K %.2f) · reward %.3f · KL %.2f · β %.4f · %.0f words · %.0f%% cut off · %d teacher fallbacks · %.1f s/step",
                config.algorithm(), s.step(), s.totals().interactionWords(), s.score().mean(), s.score().std(), s.score().readability(), s.score().coherence(),
                s.score().creativity(), s.reward().mean(), s.objective().kl(), s.objective().beta(), s.length().words(), 100 * s.length().truncatedShare(),
                s.score().fallbacks(), s.time().seconds());
    }

    @Override
    public MimeBundle toMimeBundle() {
        String png = Renderers.base64(Renderers.pngOf(image()));
        // HTML for notebooks (charts, numbers and stories together); the PNG too, for files and plain viewers.
        var html = new StringBuilder("<div class=\"storylab-rl\"><img src=\"data:image/png;base64,").append(png).append("\"/>")
                .append("<p style=\"font-family:monospace\">").append(Html.escape(latest())).append("</p>");
        if (!steps.isEmpty()) {
            var s = steps.get(steps.size() - 1);
            html.append(card("best story of the step", s.best())).append(card("worst story of the step", s.worst()));
        }
        return MimeBundle.text(latest()).with(MimeBundle.HTML, html.append("</div>").toString()).with(MimeBundle.PNG, png);
    }

    private static String card(String title, RlStep.ScoredStory s) {
        return "<div style=\"border:1px solid #ccc;border-radius:6px;padding:6px;margin:4px 0;max-width:48em\"><b>" + title + "</b> (score "
                + String.format("%.0f", s.score()) + "/9)<div style=\"white-space:pre-wrap\">" + Html.escape(s.story()) + "</div></div>";
    }

}
