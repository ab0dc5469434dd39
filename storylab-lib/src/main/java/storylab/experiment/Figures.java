package storylab.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import storylab.display.Renderers;
import tech.tablesaw.api.Table;

/**
 * Recipes for paper A's figures, each from a table of the experiments (so they can be redrawn from the
 * CSV files of a finished reproduction) to an XChart chart a notebook shows inline.
 */
public final class Figures {

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private Figures() {}

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color pale(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 60);
    }

    private static XYChart xy(String title, String x, String y) {
        var c = new XYChartBuilder().width(640).height(360).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    private static double[] col(Table t, String name) {
        return t.numberColumn(name).asDoubleArray();
    }

    /** Figure 2: teacher score before and after RL (± std) against pretraining words (log), story length on a second axis. */
    public static XYChart startFinish(Table threshold) {
        var c = xy("Teacher score before and after RL", "pretraining words", "teacher score (0–9)");
        c.getStyler().setXAxisLogarithmic(true);
        double[] w = col(threshold, "pretrain_words");
        var before = c.addSeries("before RL", w, col(threshold, "before"), col(threshold, "before_std"));
        var after = c.addSeries("after RL", w, col(threshold, "after"), col(threshold, "after_std"));
        before.setLineColor(color(0));
        before.setMarkerColor(color(0));
        after.setLineColor(color(1));
        after.setMarkerColor(color(1));
        c.getStyler().setErrorBarsColorSeriesColor(true);
        var lb = c.addSeries("length before", w, col(threshold, "length_before"));
        var la = c.addSeries("length after", w, col(threshold, "length_after"));
        for (var s : List.of(lb, la)) {
            s.setYAxisGroup(1);
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            s.setMarker(SeriesMarkers.NONE);
        }
        lb.setLineColor(pale(color(0)).darker());
        la.setLineColor(color(1).brighter());
        c.setYAxisGroupTitle(1, "story length (words)");
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        return c;
    }

    /**
     * Figure 2 over seeds: teacher score before and after RL against pretraining words (log), each with its 95 % CI
     * as a shaded band (columns {@code before, before_lo, before_hi, after…} of {@link ThresholdSeeds#table()}).
     */
    public static XYChart startFinishBands(Table t, int seeds) {
        var c = xy("Teacher score before and after RL (mean of " + seeds + " seed" + (seeds == 1 ? "" : "s") + ", 95% CI)", "pretraining words", "teacher score (0–9)");
        c.getStyler().setXAxisLogarithmic(true);
        double[] w = col(t, "pretrain_words");
        int i = 0;
        for (var phase : List.of("before", "after")) {
            Color colour = color(i++);
            band(c, phase + " RL, 95% CI", w, col(t, phase + "_lo"), col(t, phase + "_hi"), colour);
            var s = c.addSeries(phase + " RL", w, col(t, phase));
            s.setLineColor(colour);
            s.setMarkerColor(colour);
        }
        return c;
    }

    /** Change in probe accuracy with RL per checkpoint (points), each probe with its 95 % CI band ({@link ThresholdSeeds#competence()}). */
    public static XYChart competenceChangeBands(Table t, int seeds) {
        var c = xy("Change in accuracy with RL (mean of " + seeds + " seed" + (seeds == 1 ? "" : "s") + ", 95% CI)", "pretraining words", "RL − pretrained (points)");
        c.getStyler().setXAxisLogarithmic(true);
        int i = 0;
        for (var task : List.of("minimal pairs", "entity tracking")) {
            var rows = t.where(t.stringColumn("task").isEqualTo(task));
            if (rows.rowCount() == 0) continue;
            Color colour = color(i++);
            double[] w = col(rows, "pretrain_words");
            band(c, task + ", 95% CI", w, col(rows, "change_lo"), col(rows, "change_hi"), colour);
            var s = c.addSeries(task, w, col(rows, "change_points"));
            s.setLineColor(colour);
            s.setMarkerColor(colour);
        }
        if (i == 0) c.addSeries("no probes", new double[] {1}, new double[] {0});
        return c;
    }

    /** A shaded band between {@code lo} and {@code hi}: one closed polygon, drawn pale. */
    static void band(XYChart c, String name, double[] x, double[] lo, double[] hi, Color colour) {
        int n = x.length;
        double[] px = new double[2 * n], py = new double[2 * n];
        for (int k = 0; k < n; k++) {
            px[k] = x[k];
            py[k] = Double.isNaN(hi[k]) ? 0 : hi[k];
            px[2 * n - 1 - k] = x[k];
            py[2 * n - 1 - k] = Double.isNaN(lo[k]) ? 0 : lo[k];
        }
        var s = c.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color fill = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60);
        s.setFillColor(fill);
        s.setLineColor(fill);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(true);
    }

    /** Gaussian smoothing with width {@code sigma} in points (paper A smooths its dynamics the same way). */
    public static double[] smooth(double[] y, double sigma) {
        if (sigma <= 0 || y.length < 3) return y.clone();
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double sum = 0, wsum = 0;
            for (int j = 0; j < y.length; j++) {
                if (!Double.isFinite(y[j])) continue;
                double w = Math.exp(-0.5 * (i - j) * (i - j) / (sigma * sigma));
                sum += w * y[j];
                wsum += w;
            }
            out[i] = wsum > 0 ? sum / wsum : Double.NaN;
        }
        return out;
    }

    private static List<Long> checkpoints(Table t) {
        var set = new LinkedHashSet<Long>();
        for (int i = 0; i < t.rowCount(); i++) set.add(t.longColumn("pretrain_words").get(i));
        return new ArrayList<>(set);
    }

    /** One metric against interaction words: a pale raw curve and its smoothed curve per checkpoint. */
    public static XYChart perCheckpoint(Table dynamics, String metric, String title) {
        var c = xy(title, "interaction words", metric);
        c.getStyler().setMarkerSize(0);
        int i = 0;
        for (long w : checkpoints(dynamics)) {
            var rows = dynamics.where(dynamics.longColumn("pretrain_words").isEqualTo(w));
            double[] x = col(rows, "interaction_words"), y = col(rows, metric);
            String name = Equivalence.words(w) + " words";
            var raw = c.addSeries(name + " (raw)", x, y);
            raw.setLineColor(pale(color(i))).setShowInLegend(false);
            c.addSeries(name, x, smooth(y, Math.max(1, x.length / 10.0))).setLineColor(color(i)).setLineWidth(2f);
            i++;
        }
        return c;
    }

    /**
     * One metric against interaction words over seeds ({@link ThresholdSeeds#dynamics}): per checkpoint the smoothed
     * mean, and its smoothed 95 % CI as a pale band.
     */
    public static XYChart perCheckpointBands(Table dynamics, String metric, String title) {
        int seeds = dynamics.rowCount() == 0 ? 0 : dynamics.intColumn("seeds").get(0);
        var c = xy(title + " (mean of " + seeds + " seed" + (seeds == 1 ? "" : "s") + ", 95% CI)", "interaction words", metric);
        c.getStyler().setMarkerSize(0);
        int i = 0;
        for (long w : checkpoints(dynamics)) {
            var rows = dynamics.where(dynamics.longColumn("pretrain_words").isEqualTo(w));
            double[] x = col(rows, "interaction_words");
            double sigma = Math.max(1, x.length / 10.0);
            String name = Equivalence.words(w) + " words";
            Color colour = color(i++);
            if (seeds > 1) band(c, name + ", 95% CI", x, smooth(col(rows, metric + "_lo"), sigma), smooth(col(rows, metric + "_hi"), sigma), colour);
            c.addSeries(name, x, smooth(col(rows, metric), sigma)).setLineColor(colour).setLineWidth(2f);
        }
        if (i == 0) c.addSeries("no RL steps", new double[] {0}, new double[] {0});
        return c;
    }

    /** Figure 3: teacher score, story length and KL against interactions (three stacked panels). */
    public static List<XYChart> dynamics(Table dynamics) {
        return List.of(perCheckpoint(dynamics, "score", "Teacher score during RL"),
                perCheckpoint(dynamics, "length", "Story length during RL"),
                perCheckpoint(dynamics, "kl", "KL to the reference during RL"));
    }

    /** Figure 3, right: teacher score against story length, one series per checkpoint (a {@code seed} column: seeds pooled). */
    public static XYChart scoreAgainstLength(Table dynamics) {
        var c = xy("Teacher score against story length" + pooled(dynamics, "PPO steps"), "story length (words)", "score");
        int i = 0;
        for (long w : checkpoints(dynamics)) {
            var rows = dynamics.where(dynamics.longColumn("pretrain_words").isEqualTo(w));
            c.addSeries(Equivalence.words(w) + " words", col(rows, "length"), col(rows, "score"))
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerColor(color(i++));
        }
        return c;
    }

    /** " (PPO steps of 3 seeds pooled)" for a table with a {@code seed} column of several seeds ({@link ThresholdSeeds#pooled}), else "". */
    static String pooled(Table t, String what) {
        if (!t.columnNames().contains("seed")) return "";
        long n = t.longColumn("seed").unique().size();
        return n > 1 ? " (" + what + " of " + n + " seeds pooled)" : "";
    }

    /** Figure 4, left: the mean score of each criterion against interactions. */
    public static List<XYChart> criteria(Table dynamics) {
        return List.of(perCheckpoint(dynamics, "readability", "Readability during RL"),
                perCheckpoint(dynamics, "coherence", "Coherence during RL"),
                perCheckpoint(dynamics, "creativity", "Creativity during RL"));
    }

    /** Figure 4, right: share of scores 0/1/2/3, one stacked-bar chart per criterion, a bar per checkpoint and phase. */
    public static List<CategoryChart> shares(Table shares) {
        var charts = new ArrayList<CategoryChart>();
        var criteria = new LinkedHashSet<>(shares.stringColumn("criterion").asList());
        for (String crit : criteria) {
            var rows = shares.where(shares.stringColumn("criterion").isEqualTo(crit));
            var c = new CategoryChartBuilder().width(640).height(360).title("Share of " + crit + " scores").xAxisTitle("checkpoint, phase").yAxisTitle("share").build();
            c.getStyler().setStacked(true);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            c.getStyler().setXAxisLabelRotation(45);
            for (int v = 0; v <= 3; v++) {
                var part = rows.where(rows.intColumn("value").isEqualTo(v));
                var labels = new ArrayList<String>();
                var ys = new ArrayList<Double>();
                for (int r = 0; r < part.rowCount(); r++) {
                    labels.add(Equivalence.words(part.longColumn("pretrain_words").get(r)) + " " + part.stringColumn("phase").get(r));
                    ys.add(part.doubleColumn("share").get(r));
                }
                c.addSeries("score " + v, labels, ys).setFillColor(color(v));
            }
            charts.add(c);
        }
        return charts;
    }

    /**
     * Figure 4, right, over seeds ({@link ThresholdSeeds#shares()}): per criterion, the mean share of each score 0–3 per
     * checkpoint and phase with its 95 % CI. Shares side by side, not stacked: a stacked segment cannot show its own interval.
     */
    public static List<XYChart> sharesIntervals(Table shares) {
        var charts = new ArrayList<XYChart>();
        int seeds = shares.rowCount() == 0 ? 0 : shares.intColumn("seeds").get(0);
        for (String crit : new LinkedHashSet<>(shares.stringColumn("criterion").asList())) {
            var rows = shares.where(shares.stringColumn("criterion").isEqualTo(crit));
            var labels = new ArrayList<String>();
            var series = List.of("score 0", "score 1", "score 2", "score 3");
            double[][][] e = new double[3][4][];
            for (int v = 0; v <= 3; v++) {
                var part = rows.where(rows.intColumn("value").isEqualTo(v));
                if (v == 0)
                    for (int r = 0; r < part.rowCount(); r++) labels.add(Equivalence.words(part.longColumn("pretrain_words").get(r)) + " " + part.stringColumn("phase").get(r));
                e[0][v] = col(part, "share");
                e[1][v] = col(part, "share_lo");
                e[2][v] = col(part, "share_hi");
            }
            charts.add(intervals("Share of " + crit + " scores" + ofSeeds(seeds), "checkpoint, phase", "share", labels, series, e[0], e[1], e[2]));
        }
        return charts;
    }

    /** " (mean of 3 seeds, 95% CI)". */
    private static String ofSeeds(int seeds) {
        return " (mean of " + seeds + " seed" + (seeds == 1 ? "" : "s") + ", 95% CI)";
    }

    /**
     * Means at categories with their 95 % CI as whiskers, the series side by side within each category. On an XY chart
     * because XChart's bar error bars are symmetric and a bootstrap interval need not be; the categories are named by
     * text under the points (a custom tick formatter that leaves ticks blank can send XChart's tick layout into a loop).
     * {@code mean[series][category]}.
     */
    static XYChart intervals(String title, String xTitle, String yTitle, List<String> categories, List<String> series,
                             double[][] mean, double[][] lo, double[][] hi) {
        var c = xy(title, xTitle, yTitle);
        int n = categories.size(), k = series.size();
        if (n == 0 || k == 0) {
            c.addSeries("no data", new double[] {1}, new double[] {0});
            return c;
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < k; s++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i + 1 + (k == 1 ? 0 : 0.6 * (s / (k - 1.0) - 0.5));
                for (double v : new double[] {mean[s][i], lo[s][i], hi[s][i]})
                    if (Double.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
            }
            whiskers(c, series.get(s), x, mean[s], lo[s], hi[s], color(s));
        }
        if (!Double.isFinite(min)) { min = 0; max = 1; }
        double pad = max > min ? 0.08 * (max - min) : 0.05 * Math.max(1, Math.abs(max));
        int rows = n > 6 ? 2 : 1; // many categories: their names on two staggered lines
        c.getStyler().setYAxisMin(min - (1.5 + 1.5 * rows) * pad);
        c.getStyler().setYAxisMax(max + pad);
        c.getStyler().setXAxisMin(0.5);
        c.getStyler().setXAxisMax(n + 0.5);
        c.getStyler().setXAxisTicksVisible(false);
        for (int i = 0; i < n; i++) {
            var label = new AnnotationText(categories.get(i), i + 1, min - (1.5 + 1.5 * (i % rows)) * pad, false);
            c.addAnnotation(label);
        }
        return c;
    }

    /** A point at each mean and a vertical line from its CI's lo to hi (none where there is no interval). */
    static void whiskers(XYChart c, String name, double[] x, double[] mean, double[] lo, double[] hi, Color colour) {
        double[] y = mean.clone();
        for (int i = 0; i < y.length; i++) if (!Double.isFinite(y[i])) y[i] = 0;
        var s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(lo[i]) || !Double.isFinite(hi[i])) continue;
            var w = c.addSeries(name + ", 95% CI " + (i + 1), new double[] {x[i], x[i]}, new double[] {lo[i], hi[i]});
            w.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            w.setLineColor(colour);
            w.setLineWidth(2f);
            w.setLineStyle(SeriesLines.SOLID);
            w.setMarker(SeriesMarkers.NONE);
            w.setShowInLegend(false);
        }
    }

    /** Figure 5: entropy per token against story length and against score, before and after RL. */
    public static List<XYChart> entropy(Table stories) {
        var out = new ArrayList<XYChart>();
        for (var x : List.of("length", "score")) {
            var c = xy("Entropy per token against " + x + pooled(stories, "stories"), x.equals("length") ? "story length (words)" : "teacher score", "entropy per token (nats)");
            int i = 0;
            for (var phase : List.of("before", "after")) {
                var rows = stories.where(stories.stringColumn("phase").isEqualTo(phase));
                if (rows.rowCount() == 0) continue;
                c.addSeries(phase + " RL", col(rows, x), col(rows, "entropy")).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
                        .setMarkerColor(color(i++));
            }
            if (c.getSeriesMap().isEmpty()) c.addSeries("no stories", new double[] {0}, new double[] {0});
            out.add(c);
        }
        return out;
    }

    /** Figure 6: accuracy per task before and after RL (mean over checkpoints), and the difference per checkpoint in points. */
    public static List<CategoryChart> competenceBars(Table competence) {
        var tasks = new ArrayList<>(new LinkedHashSet<>(competence.stringColumn("task").asList()));
        var bars = new CategoryChartBuilder().width(720).height(380).title("Formal competence before and after RL").xAxisTitle("task").yAxisTitle("accuracy").build();
        bars.getStyler().setXAxisLabelRotation(30);
        bars.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        var diff = new CategoryChartBuilder().width(720).height(380).title("Change in accuracy with RL").xAxisTitle("task").yAxisTitle("RL − pretrained (points)").build();
        diff.getStyler().setXAxisLabelRotation(30);
        diff.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        if (tasks.isEmpty()) {
            bars.addSeries("none", List.of("none"), List.of(0));
            diff.addSeries("none", List.of("none"), List.of(0));
            return List.of(bars, diff);
        }
        var pre = new ArrayList<Double>();
        var rl = new ArrayList<Double>();
        for (var task : tasks) {
            var rows = competence.where(competence.stringColumn("task").isEqualTo(task));
            pre.add(rows.doubleColumn("pretrained").mean());
            rl.add(rows.doubleColumn("rl").mean());
        }
        bars.addSeries("pretrained", tasks, pre).setFillColor(color(0));
        bars.addSeries("after RL", tasks, rl).setFillColor(color(1));
        int i = 0;
        for (long w : checkpoints(competence)) {
            var rows = competence.where(competence.longColumn("pretrain_words").isEqualTo(w));
            var ys = new ArrayList<Double>();
            for (var task : tasks) {
                var r = rows.where(rows.stringColumn("task").isEqualTo(task));
                ys.add(r.rowCount() == 0 ? 0 : 100 * r.doubleColumn("difference").get(0));
            }
            diff.addSeries(Equivalence.words(w) + " words", tasks, ys).setFillColor(color(i++));
        }
        return List.of(bars, diff);
    }

    /** Figure 7: accuracy against pretraining words (log) per probe, with the RL models as points. */
    public static List<XYChart> competenceCurve(Table competence) {
        var out = new ArrayList<XYChart>();
        for (var task : List.of("minimal pairs", "entity tracking")) {
            var rows = competence.where(competence.stringColumn("task").isEqualTo(task));
            var c = xy("Accuracy against pretraining words: " + task, "pretraining words", "accuracy");
            c.getStyler().setXAxisLogarithmic(true);
            if (rows.rowCount() == 0) {
                c.addSeries("no data", new double[] {1}, new double[] {0});
            } else {
                var pre = c.addSeries("pretrained", col(rows, "pretrain_words"), col(rows, "pretrained"));
                pre.setLineColor(color(0));
                pre.setMarkerColor(color(0));
                c.addSeries("after RL", col(rows, "pretrain_words"), col(rows, "rl")).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
                        .setMarkerColor(color(1)).setMarker(SeriesMarkers.DIAMOND);
            }
            out.add(c);
        }
        return out;
    }

    /**
     * Figure 6 over seeds: per probe, accuracy pretrained and after RL (mean over checkpoints, {@link
     * ThresholdSeeds#competenceByTask()}), and the change with RL per checkpoint in points ({@link
     * ThresholdSeeds#competence()}); every value a mean over seeds with its 95 % CI as whiskers.
     */
    public static List<XYChart> competenceIntervals(Table byTask, Table perCheckpoint, int seeds) {
        var tasks = byTask.stringColumn("task").asList();
        double[][][] a = new double[3][2][];
        int i = 0;
        for (var phase : List.of("pretrained", "rl")) {
            a[0][i] = col(byTask, phase);
            a[1][i] = col(byTask, phase + "_lo");
            a[2][i++] = col(byTask, phase + "_hi");
        }
        var bars = intervals("Formal competence before and after RL" + ofSeeds(seeds), "task", "accuracy", tasks, List.of("pretrained", "after RL"), a[0], a[1], a[2]);
        var checkpoints = checkpoints(perCheckpoint);
        double[][][] d = new double[3][checkpoints.size()][tasks.size()];
        var names = new ArrayList<String>();
        for (int k = 0; k < checkpoints.size(); k++) {
            names.add(Equivalence.words(checkpoints.get(k)) + " words");
            var rows = perCheckpoint.where(perCheckpoint.longColumn("pretrain_words").isEqualTo(checkpoints.get(k)));
            for (int t = 0; t < tasks.size(); t++) {
                var r = rows.where(rows.stringColumn("task").isEqualTo(tasks.get(t)));
                d[0][k][t] = r.rowCount() == 0 ? Double.NaN : r.doubleColumn("change_points").get(0);
                d[1][k][t] = r.rowCount() == 0 ? Double.NaN : r.doubleColumn("change_lo").get(0);
                d[2][k][t] = r.rowCount() == 0 ? Double.NaN : r.doubleColumn("change_hi").get(0);
            }
        }
        var diff = intervals("Change in accuracy with RL" + ofSeeds(seeds), "task", "RL − pretrained (points)", tasks, names, d[0], d[1], d[2]);
        return List.of(bars, diff);
    }

    /**
     * Figure 7 over seeds ({@link ThresholdSeeds#competence()}): per probe, the pretrained accuracy against pretraining
     * words (log) with its 95 % CI band, and the RL models as points with 95 % CI whiskers.
     */
    public static List<XYChart> competenceCurveBands(Table competence, int seeds) {
        var out = new ArrayList<XYChart>();
        for (var task : List.of("minimal pairs", "entity tracking")) {
            var rows = competence.where(competence.stringColumn("task").isEqualTo(task));
            var c = xy("Accuracy: " + task + ofSeeds(seeds), "pretraining words", "accuracy");
            c.getStyler().setXAxisLogarithmic(true);
            if (rows.rowCount() == 0) {
                c.addSeries("no data", new double[] {1}, new double[] {0});
            } else {
                double[] w = col(rows, "pretrain_words");
                band(c, "pretrained, 95% CI", w, col(rows, "pretrained_lo"), col(rows, "pretrained_hi"), color(0));
                var pre = c.addSeries("pretrained", w, col(rows, "pretrained"));
                pre.setLineColor(color(0));
                pre.setMarkerColor(color(0));
                whiskers(c, "after RL", w, col(rows, "rl"), col(rows, "rl_lo"), col(rows, "rl_hi"), color(1));
                c.getSeriesMap().get("after RL").setMarker(SeriesMarkers.DIAMOND);
            }
            out.add(c);
        }
        return out;
    }

    /** Ablation bars: score before and after RL per variant, grouped. */
    public static CategoryChart ablationBars(Table ablations, String metric, String title) {
        var c = new CategoryChartBuilder().width(760).height(400).title(title).xAxisTitle("variant").yAxisTitle(metric).build();
        c.getStyler().setXAxisLabelRotation(40);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        var labels = new ArrayList<String>();
        for (int r = 0; r < ablations.rowCount(); r++) labels.add(ablations.stringColumn("group").get(r) + ": " + ablations.stringColumn("variant").get(r));
        if (labels.isEmpty()) { c.addSeries("none", List.of("none"), List.of(0)); return c; }
        if (metric.equals("score")) {
            c.addSeries("before RL", labels, toList(col(ablations, "before"))).setFillColor(color(0));
            c.addSeries("after RL", labels, toList(col(ablations, "after"))).setFillColor(color(1));
        } else {
            c.addSeries(metric, labels, toList(col(ablations, metric))).setFillColor(color(2));
        }
        return c;
    }

    private static List<Double> toList(double[] v) {
        var l = new ArrayList<Double>();
        for (double d : v) l.add(Double.isFinite(d) ? d : 0);
        return l;
    }

    /** Writes a chart as {@code dir/name.png} and {@code dir/name.svg}; returns the PNG's path. */
    public static Path save(Chart<?, ?> chart, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(name + ".png");
            Files.write(png, Renderers.png(chart));
            Files.writeString(dir.resolve(name + ".svg"), Renderers.svg(chart));
            return png;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot save figure " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }
}
