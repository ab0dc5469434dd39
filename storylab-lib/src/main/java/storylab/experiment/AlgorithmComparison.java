package storylab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import storylab.Scale;
import storylab.rl.Algorithm;
import storylab.rl.RlConfig;

/**
 * RL algorithms side by side (notebook 08): PPO, RLOO, GRPO and SimPO from the same checkpoint (the plan's ablation
 * checkpoint), with the same teacher, the plan's RL budget (steps, batch, story length) and the same seeds, each
 * algorithm otherwise at its own workshop preset. Its runs live in the reproduction's run store, so the notebook
 * and {@code ./storylab prepare-workshop} compute them once and share them.
 */
public final class AlgorithmComparison {

    public static final List<Algorithm> ALGORITHMS = List.of(Algorithm.PPO, Algorithm.RLOO, Algorithm.GRPO, Algorithm.SIMPO);

    private AlgorithmComparison() {}

    /** Seeds per algorithm: 2 at the test scale, 3 at the workshop scale, 5 at the paper's (seeds 1, 2, …). */
    public static int seeds(ExperimentPlan plan) {
        return Scale.valueOf(plan.scale().toUpperCase(Locale.ROOT)).pick(2, 3, 5);
    }

    /** An algorithm's workshop preset with the plan's budget and the run's seed. */
    public static RlConfig config(ExperimentPlan plan, Algorithm algorithm, long seed) {
        var budget = plan.rl();
        return algorithm.workshop().batch(budget.optim().batch(), budget.optim().miniBatch()).generation(budget.generation())
                .steps(budget.run().steps()).checkpointEvery(0).seed(seed);
    }

    /** Every run, algorithm by algorithm and seed by seed, from {@code from}. */
    public static List<RlRun.Settings> runs(ExperimentPlan plan, Pretraining.Saved from) {
        var out = new ArrayList<RlRun.Settings>();
        for (var a : ALGORITHMS)
            for (long seed = 1; seed <= seeds(plan); seed++)
                out.add(new RlRun.Settings(a + " seed " + seed, from.folder(), from.words(), config(plan, a, seed), plan.teacher(),
                        plan.evalStories(), plan.worldSeed(), 0, 0));
        return out;
    }

    /** Runs (or reads back) the pretraining and every run; the results by algorithm, in seed order. */
    public static Map<Algorithm, List<RlRun.Result>> run(RunStore store, ExperimentPlan plan, boolean display) {
        var from = Pretraining.run(store, plan, display).at(plan.ablationCheckpoint());
        var out = new LinkedHashMap<Algorithm, List<RlRun.Result>>();
        for (var s : runs(plan, from)) out.computeIfAbsent(s.rl().algorithm(), a -> new ArrayList<>()).add(RlRun.run(store, s, display));
        return out;
    }
}
