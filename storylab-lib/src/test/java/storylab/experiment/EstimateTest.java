package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import storylab.rl.StoryEvaluation;

class EstimateTest {

    @Test
    void threeValuesGiveTheMeanAndStudentsTInterval() {
        var e = Estimate.of(1, 2, 3); // sd 1, t(0.975, 2) = 4.303
        assertEquals(2.0, e.mean(), 1e-12);
        assertEquals(4.303 / Math.sqrt(3), e.halfWidth(), 1e-9);
        assertEquals(2 - 4.303 / Math.sqrt(3), e.lo(), 1e-9);
        assertEquals(String.format("%.2f [%.2f, %.2f]", 2.0, -0.48, 4.48), e.toString());
        assertFalse(e.excludesZero());
        assertTrue(Estimate.of(5, 6, 7).excludesZero());
        assertEquals(Claim.Verdict.INCONCLUSIVE, e.atLeast(0));
        assertEquals(Claim.Verdict.HOLDS, Estimate.of(5, 6, 7).atLeast(0));
    }

    @Test
    void manyValuesUseTheNormalQuantileAndOneValueHasNoInterval() {
        assertEquals(1.96, Estimate.t975(31), 0);
        assertEquals(12.706, Estimate.t975(1), 0);
        var one = Estimate.of(4.0);
        assertTrue(Double.isNaN(one.halfWidth()));
        assertFalse(one.excludesZero(), "a single value never excludes zero");
        assertEquals(Claim.Verdict.INCONCLUSIVE, one.atLeast(0), "nor decides a verdict");
        assertEquals(String.format("%.2f [no interval]", 4.0), one.toString());
        assertThrows(IllegalArgumentException.class, Estimate::of);
    }

    @Test
    void aGainBetweenTwoEvaluationsIsWelchsInterval() {
        // Before: stories scoring 1, 2, 3; after: 4, 5, 6, 7. Sample variances 1 and 5/3, so the squared standard
        // error is 1/3 + 5/12 = 3/4, Welch's df = 0.5625 / ((1/3)²/2 + (5/12)²/3) = 4.96 → 4, t = 2.776.
        var before = evaluation(2, Math.sqrt(2.0 / 3), 3);
        var after = evaluation(5.5, Math.sqrt(1.25), 4);
        var gain = Estimate.gain(before, after);
        assertEquals(3.5, gain.mean(), 1e-12);
        assertEquals(2.776 * Math.sqrt(0.75), gain.halfWidth(), 1e-9);
        assertTrue(gain.excludesZero());
        assertEquals(-3.5, Estimate.gain(after, before).mean(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Estimate.gain(evaluation(2, 0, 1), after));
    }

    @Test
    void theSameGainFromPerStoryScoresOfTwoRuns() {
        // The same stories as above, as RlRun keeps them: 1, 2, 3 before and 4, 5, 6, 7 after.
        var before = scored(1, 2, 3);
        var after = scored(4, 5, 6, 7);
        var gain = Estimate.gain(before, after);
        assertEquals(3.5, gain.mean(), 1e-12);
        assertEquals(2.776 * Math.sqrt(0.75), gain.halfWidth(), 1e-9);
        assertEquals(gain, Estimate.gain(evaluation(2, Math.sqrt(2.0 / 3), 3), evaluation(5.5, Math.sqrt(1.25), 4)));
        assertThrows(IllegalArgumentException.class, () -> Estimate.gain(scored(2), after));
    }

    /** Stories whose scores sum to {@code sums} (readability 0–3 carries the rest's overflow into coherence). */
    private static TeacherEvaluation scored(int... sums) {
        var rows = new java.util.ArrayList<TeacherEvaluation.StoryScore>();
        for (int s : sums) rows.add(new TeacherEvaluation.StoryScore(Math.min(3, s), Math.min(3, Math.max(0, s - 3)), Math.max(0, s - 6), 60, 1.0));
        return TeacherEvaluation.summarize(rows, null);
    }

    private static StoryEvaluation evaluation(double mean, double populationStd, int stories) {
        return new StoryEvaluation("t", mean, populationStd, new double[] {mean}, 60, 0, 0.5, "", Double.NaN, stories);
    }
}
