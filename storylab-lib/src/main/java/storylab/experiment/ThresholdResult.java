package storylab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.teacher.Criterion;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The threshold experiment's runs, as tables and as paper A's figures 2–7. */
public record ThresholdResult(ExperimentPlan plan, Pretraining.Result pretraining, List<RlRun.Result> runs) implements Displayable {

    /** Before/after RL per checkpoint: score (mean, std), per criterion, story length, final KL, interaction words. */
    public Table table() {
        var t = Table.create("threshold",
                LongColumn.create("pretrain_words"), DoubleColumn.create("before"), DoubleColumn.create("before_std"),
                DoubleColumn.create("after"), DoubleColumn.create("after_std"), DoubleColumn.create("gain"),
                DoubleColumn.create("readability_before"), DoubleColumn.create("readability_after"),
                DoubleColumn.create("coherence_before"), DoubleColumn.create("coherence_after"),
                DoubleColumn.create("creativity_before"), DoubleColumn.create("creativity_after"),
                DoubleColumn.create("length_before"), DoubleColumn.create("length_after"),
                DoubleColumn.create("kl_final"), LongColumn.create("interaction_words"), DoubleColumn.create("seconds"));
        for (var r : runs) {
            var row = t.appendRow();
            row.setLong("pretrain_words", r.settings().pretrainWords());
            row.setDouble("before", r.before().scoreMean());
            row.setDouble("before_std", r.before().scoreStd());
            row.setDouble("after", r.after().scoreMean());
            row.setDouble("after_std", r.after().scoreStd());
            row.setDouble("gain", r.gain());
            for (var c : Criterion.values()) {
                String n = c.name().toLowerCase();
                row.setDouble(n + "_before", r.before().get(c));
                row.setDouble(n + "_after", r.after().get(c));
            }
            row.setDouble("length_before", r.before().words());
            row.setDouble("length_after", r.after().words());
            row.setDouble("kl_final", r.steps().isEmpty() ? Double.NaN : r.steps().get(r.steps().size() - 1).objective().kl());
            row.setLong("interaction_words", r.interactionWords());
            row.setDouble("seconds", r.seconds());
        }
        return t;
    }

    /** Every PPO step of every run: the dynamics of figures 3 and 4. */
    public Table dynamics() {
        var t = Table.create("dynamics", LongColumn.create("pretrain_words"), IntColumn.create("step"), LongColumn.create("interaction_words"),
                DoubleColumn.create("score"), DoubleColumn.create("length"), DoubleColumn.create("kl"), DoubleColumn.create("readability"),
                DoubleColumn.create("coherence"), DoubleColumn.create("creativity"), DoubleColumn.create("entropy"));
        for (var r : runs)
            for (var s : r.steps()) {
                var row = t.appendRow();
                row.setLong("pretrain_words", r.settings().pretrainWords());
                row.setInt("step", s.step());
                row.setLong("interaction_words", s.totals().interactionWords());
                row.setDouble("score", s.score().mean());
                row.setDouble("length", s.length().words());
                row.setDouble("kl", s.objective().kl());
                row.setDouble("readability", s.score().readability());
                row.setDouble("coherence", s.score().coherence());
                row.setDouble("creativity", s.score().creativity());
                row.setDouble("entropy", s.objective().entropy());
            }
        return t;
    }

    /** Every evaluated story before and after: score, length, entropy per token (figure 5). */
    public Table stories() {
        var t = Table.create("stories", LongColumn.create("pretrain_words"), StringColumn.create("phase"), IntColumn.create("score"),
                IntColumn.create("readability"), IntColumn.create("coherence"), IntColumn.create("creativity"),
                IntColumn.create("length"), DoubleColumn.create("entropy"));
        for (var r : runs)
            for (var phase : List.of("before", "after"))
                for (var s : (phase.equals("before") ? r.before() : r.after()).stories()) {
                    var row = t.appendRow();
                    row.setLong("pretrain_words", r.settings().pretrainWords());
                    row.setString("phase", phase);
                    row.setInt("score", s.sum());
                    row.setInt("readability", s.readability());
                    row.setInt("coherence", s.coherence());
                    row.setInt("creativity", s.creativity());
                    row.setInt("length", s.words());
                    row.setDouble("entropy", s.entropy());
                }
        return t;
    }

    /** Share of stories scoring 0, 1, 2, 3 per criterion, checkpoint and phase (figure 4, right). */
    public Table shares() {
        var t = Table.create("shares", LongColumn.create("pretrain_words"), StringColumn.create("phase"), StringColumn.create("criterion"),
                IntColumn.create("value"), DoubleColumn.create("share"));
        for (var r : runs)
            for (var phase : List.of("before", "after"))
                for (var c : Criterion.values())
                    for (int v = 0; v <= 3; v++) {
                        var row = t.appendRow();
                        row.setLong("pretrain_words", r.settings().pretrainWords());
                        row.setString("phase", phase);
                        row.setString("criterion", c.name().toLowerCase());
                        row.setInt("value", v);
                        row.setDouble("share", (phase.equals("before") ? r.before() : r.after()).share(c, v));
                    }
        return t;
    }

    /** Probe accuracy per checkpoint, for the pretrained model and after RL (figures 6 and 7). */
    public Table competence() {
        var t = Table.create("competence", LongColumn.create("pretrain_words"), StringColumn.create("task"),
                DoubleColumn.create("pretrained"), DoubleColumn.create("rl"), DoubleColumn.create("difference"));
        for (var r : runs) {
            if (r.before().competence() == null || r.after().competence() == null) continue;
            var b = r.before().competence().tasks();
            var a = r.after().competence().tasks();
            for (var task : b.keySet()) {
                var row = t.appendRow();
                row.setLong("pretrain_words", r.settings().pretrainWords());
                row.setString("task", task.strip());
                row.setDouble("pretrained", b.get(task));
                row.setDouble("rl", a.get(task));
                row.setDouble("difference", a.get(task) - b.get(task));
            }
        }
        return t;
    }

    /** For each checkpoint but the last: the extra pretraining words its RL gain is worth. */
    public List<Equivalence> equivalences() {
        double[] w = runs.stream().mapToDouble(r -> r.settings().pretrainWords()).toArray();
        double[] s = runs.stream().mapToDouble(r -> r.before().scoreMean()).toArray();
        var list = new ArrayList<Equivalence>();
        for (int i = 0; i < runs.size() - 1; i++) {
            var r = runs.get(i);
            list.add(Equivalence.of(w, s, w[i], r.after().scoreMean(), r.interactionWords()));
        }
        return list;
    }

    public Table equivalenceTable() {
        var t = Table.create("equivalence", DoubleColumn.create("pretrain_words"), DoubleColumn.create("score_after"),
                DoubleColumn.create("equivalent_words"), DoubleColumn.create("extra_words"), StringColumn.create("beyond_curve"),
                DoubleColumn.create("interaction_words"), DoubleColumn.create("ratio"));
        for (var e : equivalences()) {
            var row = t.appendRow();
            row.setDouble("pretrain_words", e.baseWords());
            row.setDouble("score_after", e.scoreAfter());
            row.setDouble("equivalent_words", e.equivalentWords());
            row.setDouble("extra_words", e.extraWords());
            row.setString("beyond_curve", e.beyondRange() ? "yes (lower bound)" : "no");
            row.setDouble("interaction_words", e.interactionWords());
            row.setDouble("ratio", e.ratio());
        }
        return t;
    }

    public XYChart figure2() { return Figures.startFinish(table()); }
    public List<XYChart> figure3() { return Figures.dynamics(dynamics()); }
    public XYChart figure3ScoreVsLength() { return Figures.scoreAgainstLength(dynamics()); }
    public List<XYChart> figure4() { return Figures.criteria(dynamics()); }
    public List<CategoryChart> figure4Shares() { return Figures.shares(shares()); }
    public List<XYChart> figure5() { return Figures.entropy(stories()); }
    public List<CategoryChart> figure6() { return Figures.competenceBars(competence()); }
    public List<XYChart> figure7() { return Figures.competenceCurve(competence()); }

    @Override
    public MimeBundle toMimeBundle() {
        return storylab.display.Renderers.render(table());
    }
}
