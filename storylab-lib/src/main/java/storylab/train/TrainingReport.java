package storylab.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.display.Renderers;
import storylab.model.GptConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Where a pretraining run stands or ended: its configs, the curve so far, throughput and MFU, and the
 * checkpoints written. The same object is the live dashboard (refreshed in place) and the final result.
 */
public record TrainingReport(GptConfig model, TrainConfig training, List<Point> curve, double wordsSeen, long steps,
                             Duration elapsed, double tokensPerSecond, double mfu, boolean finished, boolean interrupted,
                             List<Path> checkpoints) implements Displayable {

    public double lastLoss() {
        return curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).loss();
    }

    /** The latest validation loss (NaN before the first evaluation). */
    public double validationLoss() {
        for (int i = curve.size() - 1; i >= 0; i--) if (!Double.isNaN(curve.get(i).valLoss())) return curve.get(i).valLoss();
        return Double.NaN;
    }

    public double validationPerplexity() {
        return Math.exp(validationLoss());
    }

    /** The curve as a table: step, words, tokens, loss, val_loss, val_ppl, lr, tokens_per_s. */
    public Table table() {
        int n = curve.size();
        var step = LongColumn.create("step", n);
        var words = LongColumn.create("words", n);
        var tokens = LongColumn.create("tokens", n);
        var loss = DoubleColumn.create("loss", n);
        var val = DoubleColumn.create("val_loss", n);
        var ppl = DoubleColumn.create("val_ppl", n);
        var lr = DoubleColumn.create("lr", n);
        var tps = DoubleColumn.create("tokens_per_s", n);
        for (int i = 0; i < n; i++) {
            var p = curve.get(i);
            step.set(i, p.step());
            words.set(i, Math.round(p.words()));
            tokens.set(i, p.tokens());
            loss.set(i, p.loss());
            val.set(i, p.valLoss());
            ppl.set(i, p.valPpl());
            lr.set(i, p.lr());
            tps.set(i, p.tokensPerSecond());
        }
        return Table.create("pretraining", step, words, tokens, loss, val, ppl, lr, tps);
    }

    /** Training and validation loss against words seen. */
    public XYChart chart() {
        var chart = new XYChartBuilder().width(640).height(320).title("pretraining loss").xAxisTitle("words").yAxisTitle("loss").build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        var train = curve.stream().filter(p -> !Double.isNaN(p.loss())).toList();
        var val = curve.stream().filter(p -> !Double.isNaN(p.valLoss())).toList();
        if (!train.isEmpty())
            chart.addSeries("train", train.stream().mapToDouble(Point::words).toArray(), train.stream().mapToDouble(Point::loss).toArray());
        if (!val.isEmpty())
            chart.addSeries("validation", val.stream().mapToDouble(Point::words).toArray(), val.stream().mapToDouble(Point::valLoss).toArray())
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        if (train.isEmpty() && val.isEmpty()) chart.addSeries("train", new double[] {0}, new double[] {0});
        return chart;
    }

    public String status() {
        return String.format("step %,d · %,.0f/%,d words · loss %.3f · val %.3f (ppl %.1f) · %,.0f tok/s · MFU %.0f%% · %s%s",
                steps, wordsSeen, training.words(), lastLoss(), validationLoss(), validationPerplexity(), tokensPerSecond,
                100 * mfu, clock(elapsed), interrupted ? " · interrupted" : finished ? " · done" : "");
    }

    @Override
    public MimeBundle toMimeBundle() {
        double fraction = Math.min(1, wordsSeen / Math.max(1, training.words()));
        double etaS = fraction > 0 && !finished ? elapsed.toMillis() / 1000.0 * (1 - fraction) / fraction : 0;
        var html = new StringBuilder("<div>")
                .append(String.format("<progress value='%.4f' max='1' style='width:60%%'></progress> %.0f%% · ETA %s<br>", fraction, 100 * fraction, clock(Duration.ofSeconds((long) etaS))))
                .append("<code>").append(status()).append("</code><br>")
                .append("<img src='data:image/png;base64,").append(Renderers.base64(Renderers.png(chart()))).append("'/>");
        if (!checkpoints.isEmpty()) html.append("<br>checkpoints: ").append(checkpoints.size()).append(", latest <code>").append(checkpoints.get(checkpoints.size() - 1)).append("</code>");
        html.append("</div>");
        return MimeBundle.text(status()).with(MimeBundle.HTML, html.toString());
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    @Override
    public String toString() {
        return status();
    }
}
