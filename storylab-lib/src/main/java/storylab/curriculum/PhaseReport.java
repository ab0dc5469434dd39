package storylab.curriculum;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.display.Renderers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * What one phase did: the loss of each component at every step, the held-out metrics on weak and strong
 * instructions at its end ({@code validation}, null when skipped or interrupted), and where its checkpoint is.
 * Also the live view while the phase runs.
 */
public record PhaseReport(int index, Phase phase, List<StepRow> rows, Evaluation.Result validation, boolean finished,
                          boolean interrupted, Duration elapsed, Path checkpoint) implements Displayable {

    /** step, phase_step, words, one loss column per active component, total, lr, grad_norm. */
    public Table table() {
        var t = Table.create("phase " + index + ": " + phase.name(),
                LongColumn.create("step", rows.stream().mapToLong(StepRow::step)),
                LongColumn.create("phase_step", rows.stream().mapToLong(StepRow::phaseStep)),
                DoubleColumn.create("words", rows.stream().mapToDouble(StepRow::words)));
        for (int l : phase.lambdas().active())
            t.addColumns(DoubleColumn.create("loss_" + Lambdas.component(l), rows.stream().mapToDouble(r -> r.loss(l))));
        return t.addColumns(DoubleColumn.create("total", rows.stream().mapToDouble(StepRow::total)),
                DoubleColumn.create("lr", rows.stream().mapToDouble(StepRow::lr)),
                DoubleColumn.create("grad_norm", rows.stream().mapToDouble(StepRow::gradNorm)));
    }

    /** The loss of each component against the curriculum's global step. */
    public XYChart chart() {
        var chart = new XYChartBuilder().width(640).height(300).title("phase " + index + ": " + phase).xAxisTitle("step").yAxisTitle("loss").build();
        chart.getStyler().setMarkerSize(0);
        double[] x = rows.stream().mapToDouble(StepRow::step).toArray();
        if (x.length == 0) {
            chart.addSeries("no steps yet", new double[] {0}, new double[] {0});
            return chart;
        }
        for (int l : phase.lambdas().active())
            chart.addSeries(Lambdas.component(l) + " (λ " + phase.lambdas().at(l) + ")", x, rows.stream().mapToDouble(r -> r.loss(l)).toArray());
        return chart;
    }

    public double lastLoss(int level) {
        return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1).loss(level);
    }

    public String status() {
        var sb = new StringBuilder(String.format("phase %d %s · %d steps · %,.0f words", index, phase, rows.size(),
                rows.isEmpty() ? 0.0 : rows.get(rows.size() - 1).words()));
        for (int l : phase.lambdas().active()) sb.append(String.format(" · %s %.3f", Lambdas.component(l), lastLoss(l)));
        sb.append(" · ").append(elapsed.toSeconds()).append(" s");
        if (interrupted) sb.append(" · interrupted");
        else if (finished) sb.append(" · done");
        return sb.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        var html = new StringBuilder("<div><code>").append(status().replace("<", "&lt;")).append("</code><br>")
                .append("<img src='data:image/png;base64,").append(Renderers.base64(Renderers.png(chart()))).append("'/>");
        if (validation != null) html.append("<br><b>held-out</b>").append(Renderers.render(validation.table()).get(MimeBundle.HTML));
        if (checkpoint != null) html.append("<br>checkpoint <code>").append(checkpoint).append("</code>");
        var text = status() + (validation != null ? "\n" + validation.table().print() : "");
        return MimeBundle.text(text).with(MimeBundle.HTML, html.append("</div>").toString());
    }

    @Override
    public String toString() {
        return status();
    }
}
