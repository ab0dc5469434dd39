package storylab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import storylab.Lab;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.display.Renderers;
import storylab.rl.RlConfig;
import storylab.teacher.Criterion;
import storylab.teacher.Reward;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Paper A's loop with one thing changed at a time, all from the same checkpoint with the same PPO budget:
 * reward components, KL control, teacher, prompt diversity. The baseline (paper settings) appears in every
 * group but runs once: equal settings are the same run.
 * <pre>{@code
 * var ab = Ablations.of(ExperimentPlan.at(Lab.scale())).into(Lab.runs("reproduce-workshop")).run();
 * ab.table()
 * ab.chart()
 * }</pre>
 */
public final class Ablations {

    /** One variant: its group, its name, and the PPO settings and teacher it runs with. */
    public record Variant(String group, String name, RlConfig rl, TeacherSpec teacher) {}

    /** Story openings for the "varied prompts" variant (our words). */
    public static final List<String> OPENINGS = List.of(RlConfig.DEFAULT_PROMPT, "One morning, a little girl", "Long ago, in a small village,",
            "There was once a brave boy who", "On a rainy day, the old dog", "In the middle of the forest,", "Every night, the tiny mouse", "Far away, by the sea,");

    private final ExperimentPlan plan;
    private Path into;
    private RunStore store;
    private boolean display = true;

    private Ablations(ExperimentPlan plan) {
        this.plan = plan;
        this.into = Lab.runs("reproduce-" + plan.scale());
    }

    public static Ablations of(ExperimentPlan plan) {
        return new Ablations(plan);
    }

    public Ablations into(Path dir) { into = dir; store = null; return this; }
    /** Runs into this store (its code version and stale-run policy apply). */
    public Ablations into(RunStore s) { store = s; into = s.root(); return this; }
    public Ablations display(boolean on) { display = on; return this; }

    /** The variants of a plan (the LLM teacher only when STORYLAB_LLM_URL is set). */
    public static List<Variant> variants(ExperimentPlan plan) {
        // Paper A's single fixed prompt is the baseline of every group; "varied openings" is the one change.
        var base = Threshold.rl(plan).steps(plan.ablationSteps()).prompts(List.of(storylab.rl.RlConfig.DEFAULT_PROMPT));
        var teacher = plan.teacher();
        var v = new ArrayList<Variant>();
        v.add(new Variant("reward", "paper reward", base, teacher));
        for (var c : Criterion.values()) v.add(new Variant("reward", "without " + c.name().toLowerCase(), base.formula(base.reward().formula().without(c)), teacher));
        v.add(new Variant("reward", "no length bonus", base.formula(Reward.noLengthBonus()), teacher));
        v.add(new Variant("reward", "length bonus ×2", base.formula(base.reward().formula().lengthWeight(2 * base.reward().formula().lengthWeight())), teacher));
        v.add(new Variant("KL", "preset β " + base.kl().beta() + (base.kl().adaptive() ? " (adaptive)" : ""), base, teacher));
        for (double beta : new double[] {0.02, 0.5}) v.add(new Variant("KL", "fixed β " + beta, base.fixedKl(beta), teacher));
        v.add(new Variant("KL", "adaptive β (paper: 0.2 → target 6)", base.adaptiveKl(0.2, 6), teacher));
        v.add(new Variant("teacher", plan.teacher().kind() + " teacher (the plan's)", base, teacher));
        if (!plan.teacher().kind().equals("rule")) v.add(new Variant("teacher", "rule teacher", base, TeacherSpec.rule(2_000, 7)));
        var llm = TeacherSpec.llmFromEnv();
        if (llm != null) v.add(new Variant("teacher", "LLM teacher", base, llm));
        v.add(new Variant("prompts", "one fixed prompt (paper)", base, teacher));
        v.add(new Variant("prompts", "varied openings", base.prompts(OPENINGS), teacher));
        return v;
    }

    public AblationResult run() {
        var store = this.store != null ? this.store : RunStore.at(into);
        var pretrained = Pretraining.run(store, plan, display);
        var rows = new ArrayList<AblationResult.Row>();
        var variants = variants(plan);
        for (int i = 0; i < variants.size(); i++) rows.add(new AblationResult.Row(variants.get(i).group(), variants.get(i).name(), run(store, pretrained, variants.get(i))));
        var notes = new ArrayList<String>();
        if (TeacherSpec.llmFromEnv() == null) notes.add("LLM teacher skipped: set STORYLAB_LLM_URL (and STORYLAB_LLM_MODEL) to an OpenAI-compatible server to run it.");
        return new AblationResult(plan.ablationCheckpoint(), rows, notes);
    }

    /** One variant's run (a cluster's run spec runs them one by one). */
    public RlRun.Result runVariant(Pretraining.Result pretrained, int index) {
        var store = this.store != null ? this.store : RunStore.at(into);
        return run(store, pretrained, variants(plan).get(index));
    }

    private RlRun.Result run(RunStore store, Pretraining.Result pretrained, Variant v) {
        var from = pretrained.at(plan.ablationCheckpoint());
        var s = new RlRun.Settings(v.group() + ": " + v.name(), from.folder(), from.words(), v.rl(), v.teacher(), plan.evalStories(), plan.worldSeed(), 0, 0, Threshold.evalPrompts(plan));
        return RlRun.run(store, s, display);
    }

    /** The ablation runs as a table and bar charts. */
    public record AblationResult(long fromWords, List<Row> rows, List<String> notes) implements Displayable {

        public record Row(String group, String variant, RlRun.Result result) {}

        public Table table() {
            var t = Table.create("ablations", StringColumn.create("group"), StringColumn.create("variant"), DoubleColumn.create("before"),
                    DoubleColumn.create("after"), DoubleColumn.create("after_std"), DoubleColumn.create("gain"), DoubleColumn.create("length_after"),
                    DoubleColumn.create("kl_final"), DoubleColumn.create("entropy_after"), DoubleColumn.create("seconds"));
            for (var r : rows) {
                var res = r.result();
                var row = t.appendRow();
                row.setString("group", r.group());
                row.setString("variant", r.variant());
                row.setDouble("before", res.before().scoreMean());
                row.setDouble("after", res.after().scoreMean());
                row.setDouble("after_std", res.after().scoreStd());
                row.setDouble("gain", res.gain());
                row.setDouble("length_after", res.after().words());
                row.setDouble("kl_final", res.steps().isEmpty() ? Double.NaN : res.steps().get(res.steps().size() - 1).objective().kl());
                row.setDouble("entropy_after", res.after().entropy());
                row.setDouble("seconds", res.seconds());
            }
            return t;
        }

        /** Teacher score before and after RL per variant. */
        public CategoryChart chart() {
            return Figures.ablationBars(table(), "score", "Ablations from the " + Equivalence.words(fromWords) + "-word checkpoint: teacher score");
        }

        /** Story length after RL per variant. */
        public CategoryChart lengthChart() {
            return Figures.ablationBars(table(), "length_after", "Ablations: story length after RL (words)");
        }

        @Override
        public MimeBundle toMimeBundle() {
            return Renderers.render(table());
        }
    }
}
