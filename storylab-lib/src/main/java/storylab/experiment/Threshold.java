package storylab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import storylab.Lab;
import storylab.Scale;

/**
 * Paper A's threshold experiment: pretrain once with checkpoints at log-spaced word milestones, run the same
 * PPO budget from each checkpoint, and score the stories before and after.
 * <pre>{@code
 * var result = Threshold.of(ExperimentPlan.at(Lab.scale())).into(Lab.runs("threshold")).run();
 * result.table()          // before/after per checkpoint
 * result.figure2()        // score against pretraining words
 * }</pre>
 */
public final class Threshold {

    private final ExperimentPlan plan;
    private Path into;
    private RunStore store;
    private boolean display = true;

    private Threshold(ExperimentPlan plan) {
        this.plan = plan;
        this.into = Lab.runs("reproduce-" + plan.scale());
    }

    public static Threshold of(ExperimentPlan plan) {
        return new Threshold(plan);
    }

    public static Threshold at(Scale scale) {
        return of(ExperimentPlan.at(scale));
    }

    /** The run store's folder (finished runs in it are reused). */
    public Threshold into(Path dir) { into = dir; store = null; return this; }
    /** Runs into this store (its code version and stale-run policy apply). */
    public Threshold into(RunStore s) { store = s; into = s.root(); return this; }
    public Threshold display(boolean on) { display = on; return this; }

    /** The runs of this experiment, as settings: one PPO run per checkpoint. */
    public static java.util.List<RlRun.Settings> runs(ExperimentPlan plan, Pretraining.Result pretrained) {
        var list = new ArrayList<RlRun.Settings>();
        for (var c : pretrained.checkpoints())
            list.add(new RlRun.Settings(Equivalence.words(c.words()) + " words", c.folder(), c.words(), rl(plan), plan.teacher(),
                    plan.evalStories(), plan.worldSeed(), plan.pairs(), plan.questions(), evalPrompts(plan)));
        return list;
    }

    /** The plan's RL settings, seeded by the plan's seed (PPO's sampling and the evaluation's). */
    static storylab.rl.RlConfig rl(ExperimentPlan plan) {
        return plan.rl().seed(plan.seed());
    }

    /** The evaluation prompts when the plan has an evaluation set (null: the RL prompts, as before). */
    static java.util.List<String> evalPrompts(ExperimentPlan plan) {
        return plan.data().evaluation().equals("prompts") ? null : plan.data().prompts(plan.rl().run().prompts(), plan.evalStories());
    }

    public ThresholdResult run() {
        var store = this.store != null ? this.store : RunStore.at(into);
        var pretrained = Pretraining.run(store, plan, display);
        var results = new ArrayList<RlRun.Result>();
        for (var s : runs(plan, pretrained)) results.add(RlRun.run(store, s, display));
        return new ThresholdResult(plan, pretrained, results);
    }
}
