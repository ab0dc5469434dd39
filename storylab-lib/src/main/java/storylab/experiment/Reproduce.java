package storylab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import storylab.Lab;
import storylab.Scale;
import storylab.model.Torch;
import tech.tablesaw.api.Table;

/**
 * {@code storylab reproduce [--scale test|workshop|paper] [--out DIR]}: every experiment (reusing finished runs),
 * every figure as PNG and SVG, the tables as CSV, and a report (Markdown and HTML) that checks each claim.
 */
public final class Reproduce {

    private final Scale scale;
    private final Path out;
    private boolean display;

    private Reproduce(Scale scale, Path out) {
        this.scale = scale;
        this.out = out;
    }

    public static Reproduce at(Scale scale) {
        return new Reproduce(scale, Lab.runs("reproduce"));
    }

    public Reproduce into(Path dir) { return new Reproduce(scale, dir).display(display); }
    public Reproduce display(boolean on) { display = on; return this; }

    /** The command line's entry point; returns the exit code. */
    public static int main(List<String> args) {
        Scale scale = Scale.current();
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--scale") || a.equals("--out")) && i + 1 < args.size()) {
                String v = args.get(++i);
                if (a.equals("--scale")) scale = Scale.valueOf(v.strip().toUpperCase());
                else out = Path.of(v);
            } else {
                System.err.println("storylab reproduce: expected [--scale test|workshop|paper] [--out DIR], got " + args);
                return 2;
            }
        }
        var r = new Reproduce(scale, out == null ? Lab.runs("reproduce") : out);
        var report = r.run();
        System.out.println(report.markdown());
        System.out.println("Wrote " + r.out.resolve("report.md") + " and report.html");
        return 0;
    }

    public Report run() {
        long t0 = System.nanoTime();
        Torch.threads(Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4)));
        var plan = ExperimentPlan.at(scale);
        Path runs = out.resolve("runs-" + plan.scale());
        var tables = new LinkedHashMap<String, Table>();
        var figures = new LinkedHashMap<String, Chart<?, ?>>();
        log("threshold: pretraining to " + Equivalence.words(plan.pretrainWords()) + " words, PPO from " + plan.milestones().size() + " checkpoints");
        var threshold = Threshold.of(plan).into(runs).display(display).run();
        tables.put("threshold", threshold.table());
        tables.put("dynamics", threshold.dynamics());
        tables.put("stories", threshold.stories());
        tables.put("shares", threshold.shares());
        tables.put("competence", threshold.competence());
        tables.put("equivalence", threshold.equivalenceTable());
        figures.put("fig2-start-finish", threshold.figure2());
        var f3 = threshold.figure3();
        figures.put("fig3-score", f3.get(0));
        figures.put("fig3-length", f3.get(1));
        figures.put("fig3-kl", f3.get(2));
        figures.put("fig3-score-vs-length", threshold.figure3ScoreVsLength());
        var f4 = threshold.figure4();
        figures.put("fig4-readability", f4.get(0));
        figures.put("fig4-coherence", f4.get(1));
        figures.put("fig4-creativity", f4.get(2));
        var shares = threshold.figure4Shares();
        for (int i = 0; i < shares.size(); i++) figures.put("fig4-shares-" + shares.get(i).getTitle().replace("Share of ", "").replace(" scores", ""), shares.get(i));
        var f5 = threshold.figure5();
        figures.put("fig5-entropy-vs-length", f5.get(0));
        figures.put("fig5-entropy-vs-score", f5.get(1));
        var f6 = threshold.figure6();
        figures.put("fig6-competence", f6.get(0));
        figures.put("fig6-competence-difference", f6.get(1));
        var f7 = threshold.figure7();
        figures.put("fig7-minimal-pairs", f7.get(0));
        figures.put("fig7-entity-tracking", f7.get(1));

        log("ablations from the " + Equivalence.words(plan.ablationCheckpoint()) + "-word checkpoint");
        var ablations = Ablations.of(plan).into(runs).display(display).run();
        tables.put("ablations", ablations.table());
        figures.put("ablations-score", ablations.chart());
        figures.put("ablations-length", ablations.lengthChart());

        var claims = new ArrayList<>(Verdicts.paperA(threshold));
        var notes = new ArrayList<>(ablations.notes());
        var curriculum = new ArrayList<Claim>();
        for (var e : Experiments.all()) {
            log("experiment " + e.name());
            try {
                var o = e.run(new Experiment.Context(scale, runs.resolve(e.name()), display));
                o.tables().forEach((k, v) -> tables.put(e.name() + "-" + k, v));
                o.figures().forEach((k, v) -> figures.put(e.name() + "-" + k, v));
                curriculum.addAll(o.claims());
            } catch (Exception ex) {
                notes.add("experiment " + e.name() + " failed: " + ex);
            }
        }
        claims.addAll(Experiments.withCurriculum(curriculum));

        var report = new Report(plan, threshold, ablations, claims, notes, new ArrayList<>(figures.keySet()), (System.nanoTime() - t0) / 1e9);
        write(tables, figures, report);
        return report;
    }

    private void write(Map<String, Table> tables, Map<String, Chart<?, ?>> figures, Report report) {
        try {
            Path tdir = out.resolve("tables"), fdir = out.resolve("figures");
            Files.createDirectories(tdir);
            for (var e : tables.entrySet()) e.getValue().write().csv(tdir.resolve(e.getKey() + ".csv").toString());
            for (var e : figures.entrySet()) Figures.save(e.getValue(), fdir, e.getKey());
            Files.writeString(out.resolve("plan.json"), RunStore.json(report.plan()));
            Files.writeString(out.resolve("report.md"), report.markdown());
            Files.writeString(out.resolve("report.html"), report.html());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the reproduction into " + out + ": " + e.getMessage(), e);
        }
    }

    private static void log(String s) {
        System.err.println("reproduce: " + s);
    }
}
