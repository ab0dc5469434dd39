package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import storylab.Scale;
import storylab.rl.RlStep;

/** Figures 3 and 4 over seeds: per step, the mean over seeds and a Student-t 95 % CI, on numbers whose answer is known. */
class ThresholdSeedsTest {

    static RlStep step(int k, double score, double length) {
        return new RlStep(k, new RlStep.Totals(32L * k, 100L * k, 0), new RlStep.Score(score, 0, score / 3, score / 3, score / 3, 0),
                new RlStep.Reward(0, 0), new RlStep.Objective(0.1 * k, 0, 0), RlStep.Update.withoutValueHead(0, 0, 0),
                new RlStep.Length(length, 0, 0), new RlStep.Time(0, 0, 0, 0), new RlStep.ScoredStory("", 0), new RlStep.ScoredStory("", 0));
    }

    static ThresholdResult seed(long seed, double... scores) {
        var steps = new ArrayList<RlStep>();
        for (int k = 0; k < scores.length; k++) steps.add(step(k + 1, scores[k], 50 + k));
        var s = new RlRun.Settings("1000 words", "ckpt", 1_000, ExperimentPlan.at(Scale.TEST).rl(), TeacherSpec.offline(), 4, 1, 0, 0);
        var before = VerdictsTest.eval(VerdictsTest.all(2, 4));
        return new ThresholdResult(ExperimentPlan.at(Scale.TEST).withSeed(seed), null, List.of(new RlRun.Result(s, before, before, steps, 100, 0)));
    }

    @Test
    void eachStepIsTheMeanOverSeedsWithAStudentTInterval() {
        var d = new ThresholdSeeds(List.of(seed(1, 1, 2, 3), seed(2, 3, 4, 5, 6))).dynamics();
        assertEquals(3, d.rowCount(), "the fourth step only one seed reached is left out");
        double half = Estimate.t975(1); // two seeds one point apart on each side of the mean: sd √2, se 1
        for (int k = 0; k < 3; k++) {
            assertEquals(k + 2, d.doubleColumn("score").get(k), 1e-12);
            assertEquals(k + 2 - half, d.doubleColumn("score_lo").get(k), 1e-9);
            assertEquals(k + 2 + half, d.doubleColumn("score_hi").get(k), 1e-9);
            assertEquals(50 + k, d.doubleColumn("length").get(k), 1e-12, "both seeds' lengths agree: a zero-width interval");
            assertEquals(50 + k, d.doubleColumn("length_hi").get(k), 1e-9);
        }
        var chart = new ThresholdSeeds(List.of(seed(1, 1, 2, 3), seed(2, 3, 4, 5))).figure3().get(0);
        assertTrue(chart.getSeriesMap().containsKey(Equivalence.words(1_000) + " words, 95% CI"), "a band per checkpoint: " + chart.getSeriesMap().keySet());
        assertTrue(chart.getTitle().contains("mean of 2 seeds"), chart.getTitle());
    }
}
