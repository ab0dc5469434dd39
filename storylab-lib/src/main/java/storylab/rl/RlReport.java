package storylab.rl;

import java.util.List;
import java.util.stream.Collectors;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The result of an RL run: every step's metrics as a Tablesaw table, the teacher score at the start and at
 * the end (mean ± std over the first and last steps, as paper A averages its first and last 10 batches),
 * and the KL path. Shows as the final dashboard in a notebook.
 */
public record RlReport(List<RlStep> steps, RlConfig config, boolean interrupted) implements Displayable {

    /** Score (sum of the three criteria, 0–9) over a window of steps: mean and the std of the stories. */
    public record Window(double mean, double std, int steps) {
        @Override
        public String toString() {
            return String.format("%.2f ± %.2f (%d steps)", mean, std, steps);
        }
    }

    /** The metrics, one row per step, columns named as TRL names them. */
    public Table table() {
        var t = Table.create(config.algorithm().name().toLowerCase());
        if (steps.isEmpty()) return t;
        for (String name : steps.get(0).metrics().keySet())
            t.addColumns(DoubleColumn.create(name, steps.stream().mapToDouble(s -> s.metrics().get(name)).toArray()));
        return t;
    }

    /** The first {@code k} steps (paper A: k = 10). */
    public Window start(int k) {
        return window(steps.subList(0, Math.min(k, steps.size())));
    }

    /** The last {@code k} steps. */
    public Window end(int k) {
        return window(steps.subList(Math.max(0, steps.size() - k), steps.size()));
    }

    private static Window window(List<RlStep> w) {
        if (w.isEmpty()) return new Window(Double.NaN, Double.NaN, 0);
        double mean = w.stream().mapToDouble(s -> s.score().mean()).average().orElse(Double.NaN);
        double std = w.stream().mapToDouble(s -> s.score().std()).average().orElse(Double.NaN);
        return new Window(mean, std, w.size());
    }

    /** KL per story (summed over its tokens), step by step. */
    public double[] klPath() {
        return steps.stream().mapToDouble(s -> s.objective().kl()).toArray();
    }

    public String csv() {
        if (steps.isEmpty()) return "";
        var names = steps.get(0).metrics().keySet();
        var sb = new StringBuilder(String.join(",", names)).append('\n');
        for (var s : steps) sb.append(s.metrics().values().stream().map(v -> Double.isNaN(v) ? "" : Double.toString(v))
                .collect(Collectors.joining(","))).append('\n');
        return sb.toString();
    }

    public String summary() {
        int k = Math.max(1, Math.min(10, steps.size() / 4));
        return String.format("%s %d steps%s: teacher score %s → %s; KL %.2f → %.2f; story length %.0f → %.0f words",
                config.algorithm(), steps.size(), interrupted ? " (interrupted)" : "", start(k), end(k),
                steps.isEmpty() ? Double.NaN : steps.get(0).objective().kl(), steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).objective().kl(),
                steps.isEmpty() ? Double.NaN : steps.get(0).length().words(), steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).length().words());
    }

    @Override
    public MimeBundle toMimeBundle() {
        var dash = new RlDashboard(steps, config).toMimeBundle();
        return MimeBundle.text(summary()).with(MimeBundle.HTML, "<p><b>" + summary() + "</b></p>" + dash.get(MimeBundle.HTML))
                .with(MimeBundle.PNG, dash.get(MimeBundle.PNG));
    }

    @Override
    public String toString() {
        return summary();
    }
}
