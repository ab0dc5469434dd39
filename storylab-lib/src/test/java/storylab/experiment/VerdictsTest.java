package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import storylab.Scale;

/** Verdicts from 95 % CIs on synthetic runs whose answers are known. */
class VerdictsTest {

    /** A run at {@code words} whose before/after stories score exactly these sums (readability carries the score). */
    static RlRun.Result run(long words, int[] before, int[] after) {
        var s = new RlRun.Settings(words + " words", "ckpt", words, ExperimentPlan.at(Scale.TEST).rl(), TeacherSpec.offline(), before.length, 1, 0, 0);
        return new RlRun.Result(s, eval(before), eval(after), List.of(), 100, 0);
    }

    static TeacherEvaluation eval(int[] sums) {
        var rows = new ArrayList<TeacherEvaluation.StoryScore>();
        for (int v : sums) rows.add(new TeacherEvaluation.StoryScore(Math.min(3, v), Math.min(3, Math.max(0, v - 3)), Math.max(0, v - 6), 10, 1.0));
        return TeacherEvaluation.summarize(rows, null);
    }

    static int[] all(int v, int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static ThresholdResult seed(long seed, double... gains) {
        var runs = new ArrayList<RlRun.Result>();
        long w = 1_000;
        for (double g : gains) {
            runs.add(run(w, all(2, 16), all(2 + (int) g, 16)));
            w *= 10;
        }
        return new ThresholdResult(ExperimentPlan.at(Scale.TEST).withSeed(seed), null, runs);
    }

    /** Two seeds of one checkpoint, probed before and after RL with these accuracies (20,000 items each). */
    static ThresholdSeeds probed(double pairsBefore, double pairsAfter, double entityBefore, double entityAfter) {
        var seeds = new ArrayList<ThresholdResult>();
        for (long s = 1; s <= 2; s++) {
            var rows = new ArrayList<TeacherEvaluation.StoryScore>();
            for (int i = 0; i < 4; i++) rows.add(new TeacherEvaluation.StoryScore(1, 1, 1, 10, 1.0));
            var before = TeacherEvaluation.summarize(rows, new Competence(pairsBefore, java.util.Map.of(), entityBefore, 0.5, 20_000, 20_000));
            var after = TeacherEvaluation.summarize(rows, new Competence(pairsAfter, java.util.Map.of(), entityAfter, 0.5, 20_000, 20_000));
            var settings = new RlRun.Settings("1000 words", "ckpt", 1_000, ExperimentPlan.at(Scale.TEST).rl(), TeacherSpec.offline(), 4, 1, 0, 0);
            seeds.add(new ThresholdResult(ExperimentPlan.at(Scale.TEST).withSeed(s), null, List.of(new RlRun.Result(settings, before, after, List.of(), 100, 0))));
        }
        return new ThresholdSeeds(seeds);
    }

    @Test
    void competenceUnchangedHoldsOnlyWhereEveryProbeIsAboveChance() {
        var above = Verdicts.competence(probed(0.80, 0.80, 0.90, 0.90));
        assertEquals(Claim.Verdict.HOLDS, above.verdict(), above.found());

        // The same unchanged numbers with entity tracking at chance: that probe cannot show a change.
        var atChance = Verdicts.competence(probed(0.80, 0.80, 0.50, 0.50));
        assertEquals(Claim.Verdict.INCONCLUSIVE, atChance.verdict(), atChance.found());
        assertTrue(atChance.found().contains("entity tracking: at chance before RL"), atChance.found());

        var moved = Verdicts.competence(probed(0.80, 0.70, 0.90, 0.90));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, moved.verdict(), moved.found());
    }

    @Test
    void aClearJumpHoldsAndItsIntervalIsExactWhenEveryStoryAgrees() {
        var t = new ThresholdSeeds(List.of(seed(1, 0, 0, 2), seed(2, 0, 0, 2)));
        var c = Verdicts.threshold(t);
        assertEquals(Claim.Verdict.HOLDS, c.verdict(), c.found());
        // margin = min(jump − 0.5, jump − gain before) = min(2 − 0.5, 2 − 0) = 1.5, identical in every replicate
        assertEquals(new Estimate(1.5, 1.5, 1.5), c.estimate());
    }

    @Test
    void aJumpThatOnlyOneSeedShowsIsInconclusiveThoughItsMeanWouldPass() {
        // Seed 1 jumps by 2, seed 2 not at all: the mean jump (1.0) passes the old point-estimate rule, the CI does not decide.
        var t = new ThresholdSeeds(List.of(seed(1, 0, 0, 2), seed(2, 0, 0, 0)));
        var c = Verdicts.threshold(t);
        assertEquals(0.5, c.estimate().mean(), 1e-12);
        assertEquals(-0.5, c.estimate().lo(), 1e-12, "both seeds drawn from the flat one");
        assertEquals(1.5, c.estimate().hi(), 1e-12, "both drawn from the jumping one");
        assertEquals(Claim.Verdict.INCONCLUSIVE, c.verdict());
    }

    @Test
    void noJumpDoesNotHold() {
        var c = Verdicts.threshold(new ThresholdSeeds(List.of(seed(1, 1, 1, 1), seed(2, 1, 1, 1))));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, c.verdict());
        assertEquals(new Estimate(-1.0, -1.0, -1.0), c.estimate(), "min(0 − 0.5, 0 − 1) = −1");
    }

    @Test
    void storyNoiseWidensTheIntervalAroundTheMean() {
        // 8 stories at 0 and 8 at 4 before; after all at 2: mean gain 0, but any story draw moves it.
        int[] before = new int[16];
        for (int i = 8; i < 16; i++) before[i] = 4;
        var t = new ThresholdSeeds(List.of(new ThresholdResult(ExperimentPlan.at(Scale.TEST), null, List.of(run(1_000, before, all(2, 16))))));
        var g = t.gain(0);
        assertEquals(0.0, g.mean(), 1e-12);
        assertTrue(g.lo() < -0.5 && g.hi() > 0.5, "sd of the mean is 2/√16 = 0.5, so the 95 % CI is about ±1: " + g);
        assertTrue(g.lo() > -1.6 && g.hi() < 1.6, g.toString());
    }

    @Test
    void figureTwoDrawsEachPhaseWithItsBand() {
        var t = new ThresholdSeeds(List.of(seed(1, 0, 0, 2), seed(2, 0, 0, 0)));
        var chart = t.figure2();
        assertEquals(List.of("before RL, 95% CI", "before RL", "after RL, 95% CI", "after RL"), List.copyOf(chart.getSeriesMap().keySet()));
        var band = chart.getSeriesMap().get("after RL, 95% CI");
        // The polygon runs along the upper bounds and back along the lower: at 100k words, hi = 4 and lo = 2.
        assertEquals(6, band.getYData().length);
        assertEquals(4.0, band.getYData()[2], 1e-12);
        assertEquals(2.0, band.getYData()[3], 1e-12);
    }

    @Test
    void intervalRulesDecideOnlyWhenTheWholeIntervalAgrees() {
        assertEquals(Claim.Verdict.HOLDS, new Estimate(150, 101, 300).atLeast(100));
        assertEquals(Claim.Verdict.INCONCLUSIVE, new Estimate(150, 99, 300).atLeast(100));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, new Estimate(50, 20, 99).atLeast(100));
        assertEquals(Claim.Verdict.HOLDS, new Estimate(0.1, -1.9, 1.9).within(2));
        assertEquals(Claim.Verdict.INCONCLUSIVE, new Estimate(0.1, -2.1, 1.9).within(2));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, new Estimate(3, 2.1, 4).within(2));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, new Estimate(-3, -4, -2.5).within(2));
    }

    @Test
    void theBootstrapQuantilesInterpolateBetweenOrderStatistics() {
        var reps = new ArrayList<Double>();
        for (int i = 0; i <= 1000; i++) reps.add((double) i);
        Collections.shuffle(reps, new java.util.Random(1));
        var e = Bootstrap.interval(500, reps.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(25.0, e.lo(), 1e-9);
        assertEquals(975.0, e.hi(), 1e-9);
    }

    @Test
    void aClaimWithoutAnIntervalIsReportedInconclusive() {
        var point = new Claim("B.x", "s", "p", "0.3 vs 0.2", Claim.Verdict.HOLDS);
        var decided = point.decidedByInterval();
        assertEquals(Claim.Verdict.INCONCLUSIVE, decided.verdict());
        assertTrue(decided.found().contains("point estimate holds"), decided.found());
        var withCi = new Claim("B.y", "s", "p", "f", Claim.Verdict.HOLDS, new Estimate(1, 0.5, 1.5));
        assertSame(withCi, withCi.decidedByInterval());
    }

    @Test
    void aPlanWithoutSeedsNamesTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExperimentPlan.at(Scale.TEST).withSeeds(List.of()));
        assertTrue(e.getMessage().contains("ExperimentPlan.seeds"), e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> ExperimentPlan.seeds(0));
        assertTrue(n.getMessage().contains("--seeds"), n.getMessage());
        assertEquals(List.of(42L, 43L, 44L), ExperimentPlan.at(Scale.WORKSHOP).seeds());
    }

    @Test
    void aMissingCorpusFileIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("tinystories:no/such/file.txt", null));
        assertTrue(e.getMessage().contains("no/such/file.txt") && e.getMessage().contains("corpus"), e.getMessage());
        var k = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("novels:x", null));
        assertTrue(k.getMessage().contains("novels"), k.getMessage());
    }
}
