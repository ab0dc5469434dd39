package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import storylab.Scale;
import storylab.rl.RlStep;
import storylab.teacher.Criterion;

/**
 * The threshold experiment over seeds, on synthetic seeds whose answers are known: each figure's and table's value is
 * the mean of the seeds (not the first seed's), with the interval of {@link Estimate#of} (per step) or {@link Bootstrap}
 * (per story, per probe item).
 */
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

    /**
     * A seed with checkpoints at 1k and 10k words. Run 1k: every story before RL sums to 1 (readability 1), after RL
     * to {@code after1k} (readability carries up to 3); run 10k: 3 before and after. PPO runs {@code steps} steps
     * (the KL at step k is 0.1·k). Minimal pairs {@code pairs} → {@code pairsRl}, entity tracking 0.6 → 0.6, 400 items.
     */
    static ThresholdResult known(long seed, int after1k, int steps, double pairs, double pairsRl) {
        var runs = new ArrayList<RlRun.Result>();
        int[][] sums = {{1, after1k}, {3, 3}};
        long w = 1_000;
        for (int[] sum : sums) {
            var stepList = new ArrayList<RlStep>();
            for (int k = 1; k <= steps; k++) stepList.add(step(k, sum[1], 40 + seed));
            var s = new RlRun.Settings(w + " words", "ckpt", w, ExperimentPlan.at(Scale.TEST).rl(), TeacherSpec.offline(), 4, 1, 400, 400);
            runs.add(new RlRun.Result(s, stories(sum[0], new Competence(pairs, Map.of(), 0.6, 0.5, 400, 400)),
                    stories(sum[1], new Competence(pairsRl, Map.of(), 0.6, 0.5, 400, 400)), stepList, 100, 0));
            w *= 10;
        }
        return new ThresholdResult(ExperimentPlan.at(Scale.TEST).withSeed(seed), null, runs);
    }

    /** Four stories summing to {@code sum}, readability first (at most 3), then coherence. */
    static TeacherEvaluation stories(int sum, Competence probes) {
        var rows = new ArrayList<TeacherEvaluation.StoryScore>();
        for (int i = 0; i < 4; i++) rows.add(new TeacherEvaluation.StoryScore(Math.min(3, sum), Math.max(0, sum - 3), 0, 20 + i, 2.0 + i));
        return TeacherEvaluation.summarize(rows, probes);
    }

    /** Seed 1: readability after RL at 1k words 2, 3 PPO steps, pairs .60 → .70; seed 2: 3, 5 steps, .80 → .95. */
    static ThresholdSeeds twoKnownSeeds() {
        return new ThresholdSeeds(List.of(known(1, 2, 3, 0.60, 0.70), known(2, 3, 5, 0.80, 0.95)));
    }

    static double[] ys(XYChart c, String series) {
        assertTrue(c.getSeriesMap().containsKey(series), series + " in " + c.getSeriesMap().keySet());
        return c.getSeriesMap().get(series).getYData();
    }

    @Test
    void criteriaSharesAndFinalKlAreMeansOverSeedsWithTheirIntervals() {
        var t = twoKnownSeeds();
        // Stories agree within a seed, so the bootstrap's seed draws give 2, 2.5 or 3: the interval is [2, 3].
        var readability = t.criterion(Criterion.READABILITY, 0, 1);
        assertEquals(2.5, readability.mean(), 1e-12, "the mean of seed 1's 2 and seed 2's 3, not the first seed's");
        assertEquals(2, readability.lo(), 1e-12);
        assertEquals(3, readability.hi(), 1e-12);
        var criteria = t.criteria();
        assertEquals(2 * 3, criteria.rowCount(), "a row per checkpoint and criterion");
        assertEquals(2.5, criteria.doubleColumn("after").get(0), 1e-12);
        assertEquals(3, criteria.doubleColumn("after_hi").get(0), 1e-12);
        assertEquals(1, criteria.doubleColumn("before").get(0), 1e-12, "both seeds' readability before RL is 1");

        var kl = t.finalKl(0); // last steps 3 and 5: KL 0.3 and 0.5, sd 0.141, se 0.1
        assertEquals(0.4, kl.mean(), 1e-12);
        assertEquals(0.4 + Estimate.t975(1) * 0.1, kl.hi(), 1e-9);
        assertEquals(0.4, t.table().doubleColumn("kl_final").get(0), 1e-12);
        assertEquals(0.4 - Estimate.t975(1) * 0.1, t.table().doubleColumn("kl_final_lo").get(0), 1e-9);

        var shares = t.shares();
        var three = shares.where(shares.longColumn("pretrain_words").isEqualTo(1_000).and(shares.stringColumn("phase").isEqualTo("after"))
                .and(shares.stringColumn("criterion").isEqualTo("readability")).and(shares.intColumn("value").isEqualTo(3)));
        assertEquals(1, three.rowCount());
        assertEquals(0.5, three.doubleColumn("share").get(0), 1e-12, "seed 1 has no 3s, seed 2 only 3s");
        assertEquals(0, three.doubleColumn("share_lo").get(0), 1e-12);
        assertEquals(1, three.doubleColumn("share_hi").get(0), 1e-12);

        var chart = t.figure4Shares().get(0); // readability: categories 1k before, 1k after, 10k before, 10k after
        assertTrue(chart.getTitle().contains("mean of 2 seeds"), chart.getTitle());
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, ys(chart, "score 3"), 1e-12);
        assertArrayEquals(new double[] {0, 1}, ys(chart, "score 3, 95% CI 2"), 1e-12, "the whisker spans the CI");
    }

    @Test
    void equivalenceIsReadOnTheMeanCurveWithTheCurveRedrawnForItsInterval() {
        var t = twoKnownSeeds();
        // Mean scores before RL: 1 at 1k, 3 at 10k; after RL at 1k: 2.5, three quarters of the way up in log-words.
        double eq = Math.pow(10, 3.75);
        var e = t.equivalences();
        assertEquals(1, e.size(), "every checkpoint but the last");
        assertEquals(eq, e.get(0).equivalentWords(), 1e-6);
        var table = t.equivalenceTable();
        assertEquals(eq - 1_000, table.doubleColumn("extra_words").get(0), 1e-6, "not the first seed's 10^3.5 − 1000");
        assertEquals(Math.pow(10, 3.5) - 1_000, table.doubleColumn("extra_words_lo").get(0), 1e-6, "both seeds drawn from seed 1");
        assertEquals(9_000, table.doubleColumn("extra_words_hi").get(0), 1e-6, "both from seed 2: the top of the curve");
        assertEquals((eq - 1_000) / 100, table.doubleColumn("ratio").get(0), 1e-6);
        assertEquals(2, table.intColumn("seeds").get(0));
    }

    @Test
    void competenceFiguresAreMeansOverSeedsWithBootstrapIntervals() {
        var t = twoKnownSeeds();
        var byTask = t.competenceByTask();
        assertEquals(List.of("minimal pairs", "entity tracking"), byTask.stringColumn("task").asList());
        assertEquals(0.70, byTask.doubleColumn("pretrained").get(0), 1e-12, "the mean of .60 and .80");
        assertEquals(0.825, byTask.doubleColumn("rl").get(0), 1e-12);
        // Seed draws give .60, .70 or .80 before RL, blurred by 400 items per probe.
        double lo = byTask.doubleColumn("pretrained_lo").get(0), hi = byTask.doubleColumn("pretrained_hi").get(0);
        assertTrue(lo > 0.56 && lo < 0.62 && hi > 0.78 && hi < 0.84, lo + " " + hi);
        var perCheckpoint = t.competence();
        assertEquals(0.70, perCheckpoint.doubleColumn("pretrained").get(0), 1e-12);
        assertTrue(perCheckpoint.doubleColumn("rl_lo").get(0) < 0.72 && perCheckpoint.doubleColumn("rl_hi").get(0) > 0.93, perCheckpoint.print());

        var f6 = t.figure6();
        assertArrayEquals(new double[] {0.70, 0.60}, ys(f6.get(0), "pretrained"), 1e-12);
        assertArrayEquals(new double[] {0.825, 0.60}, ys(f6.get(0), "after RL"), 1e-12);
        assertArrayEquals(new double[] {lo, hi}, ys(f6.get(0), "pretrained, 95% CI 1"), 1e-12);
        assertArrayEquals(new double[] {12.5, 0}, ys(f6.get(1), "1.00k words"), 1e-9, "the change: +10 and +15 points");
        var f7 = t.figure7().get(0);
        assertArrayEquals(new double[] {0.70, 0.70}, ys(f7, "pretrained"), 1e-12);
        assertArrayEquals(new double[] {0.825, 0.825}, ys(f7, "after RL"), 1e-12);
        assertTrue(f7.getSeriesMap().containsKey("pretrained, 95% CI") && f7.getSeriesMap().containsKey("after RL, 95% CI 2"), f7.getSeriesMap().keySet().toString());
    }

    @Test
    void scattersPoolEverySeedsStepsAndStoriesAndSaySo() {
        var t = twoKnownSeeds();
        var stories = t.pooled(ThresholdResult::stories);
        assertEquals("seed", stories.columnNames().get(0));
        assertEquals(List.of(1L, 2L), stories.longColumn("seed").unique().asList().stream().sorted().toList());
        assertEquals(2 * (2 * 2 * 4), stories.rowCount(), "2 seeds × 2 checkpoints × 2 phases × 4 stories");
        var f5 = t.figure5().get(0);
        assertTrue(f5.getTitle().contains("stories of 2 seeds pooled"), f5.getTitle());
        assertEquals(2 * 2 * 4, ys(f5, "before RL").length, "every seed's stories before RL");
        var f3 = t.figure3ScoreVsLength();
        assertTrue(f3.getTitle().contains("PPO steps of 2 seeds pooled"), f3.getTitle());
        assertEquals(3 + 5, ys(f3, Equivalence.words(1_000) + " words").length, "seed 1's 3 steps and seed 2's 5");
        assertEquals("", Figures.pooled(known(1, 2, 3, 0.6, 0.7).stories(), "stories"), "one seed's own table: the title as before");
    }

    @Test
    void theAblationTableGivesStoryLengthWithItsInterval() {
        var run = known(1, 2, 3, 0.60, 0.70).runs().get(0); // after RL: four stories of 20, 21, 22 and 23 words; last KL 0.3
        var ablations = new Ablations.AblationResult(1_000, List.of(new Ablations.AblationResult.Row("reward", "paper reward", run)), List.of());
        var plan = ExperimentPlan.at(Scale.TEST).withSeeds(List.of(1L, 2L));
        var report = new Report(plan, twoKnownSeeds(), ablations, List.of(), List.of(), List.of(), 1,
                new Report.Provenance(CodeVersion.of("aaaaaaaaaaaa"), 1, "0 reused", List.of(), List.of())).markdown();
        // Mean 21.5, sd 1.29, t(0.975, 3) = 3.182: 21.5 ± 2.05 words.
        assertTrue(report.contains("| reward | paper reward | ") && report.contains(" | 22 [19, 24] | 0.30 |"), report);
    }

    @Test
    void theReportGivesEveryTableOverSeedsAndNoFirstSeedSection() {
        var t = twoKnownSeeds();
        var plan = ExperimentPlan.at(Scale.TEST).withSeeds(List.of(1L, 2L));
        var report = new Report(plan, t, new Ablations.AblationResult(1_000, List.of(), List.of()), List.of(), List.of(), List.of(), 1,
                new Report.Provenance(CodeVersion.of("aaaaaaaaaaaa"), 1, "0 reused", List.of(), List.of())).markdown();
        assertTrue(report.contains("| 1.00k | 1.00 [1.00, 1.00] → 2.50 [2.00, 3.00] | "), report);
        assertTrue(report.contains(String.format("| %s |%n", t.finalKl(0))), report);
        assertTrue(report.contains(String.format("extra words %,.0f [%,.0f, 9,000]", Math.pow(10, 3.75) - 1_000, Math.pow(10, 3.5) - 1_000)), report);
        assertFalse(report.contains("first seed (") || report.contains("Equivalence (first seed)") || report.contains("show the first seed"), report);
    }
}
