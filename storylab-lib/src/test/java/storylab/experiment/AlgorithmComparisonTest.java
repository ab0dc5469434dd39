package storylab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import storylab.Scale;
import storylab.rl.Algorithm;

/** Notebook 08's recipe: every algorithm and seed once, from one checkpoint, with the plan's budget and the run's seed. */
class AlgorithmComparisonTest {

    @Test
    void everyAlgorithmAndSeedOnceWithThePlansBudget() {
        var plan = ExperimentPlan.at(Scale.WORKSHOP);
        var runs = AlgorithmComparison.runs(plan, new Pretraining.Saved(600_000, "pretrain-x/words-00000600000"));
        assertEquals(3, AlgorithmComparison.seeds(plan));
        assertEquals(4 * 3, runs.size());
        assertEquals(List.of("PPO seed 1", "PPO seed 2", "PPO seed 3", "RLOO seed 1"), runs.subList(0, 4).stream().map(RlRun.Settings::label).toList());
        for (var s : runs) {
            assertEquals("pretrain-x/words-00000600000", s.checkpoint());
            assertEquals(plan.rl().run().steps(), s.rl().run().steps(), s.label());
            assertEquals(plan.rl().optim().batch(), s.rl().optim().batch(), s.label());
            assertEquals(plan.rl().generation(), s.rl().generation(), s.label());
            assertEquals(Long.parseLong(s.label().substring(s.label().length() - 1)), s.rl().run().seed(), s.label());
        }
        assertEquals(Algorithm.SIMPO, runs.get(runs.size() - 1).rl().algorithm());
        assertEquals(2, AlgorithmComparison.seeds(ExperimentPlan.at(Scale.TEST)));
    }
}
