package storylab.curriculum;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.experiment.Claim;
import storylab.experiment.DataSpec;
import storylab.experiment.Experiments;

class CurriculumExperimentTest {

    @BeforeAll
    static void oneThread() {
        storylab.model.Torch.threads(1);
    }

    /** One seed's per-story BLEU-1: {@code at(method)[level]} is the level's mean, stories alternate ±{@code spread} around it. */
    private static CurriculumExperiment.Result seed(double[] baseline, double[] forward, double[] reverse, double spread, int stories) {
        var m = new LinkedHashMap<String, double[][]>();
        m.put(CurriculumExperiment.BASELINE, perStory(baseline, spread, stories));
        m.put(CurriculumExperiment.FORWARD, perStory(forward, spread, stories));
        m.put(CurriculumExperiment.REVERSE, perStory(reverse, spread, stories));
        return new CurriculumExperiment.Result(m);
    }

    private static double[][] perStory(double[] means, double spread, int stories) {
        double[][] out = new double[means.length][stories];
        for (int l = 0; l < means.length; l++)
            for (int i = 0; i < stories; i++) out[l][i] = means[l] + (i % 2 == 0 ? spread : -spread);
        return out;
    }

    private static CurriculumSeeds seeds(CurriculumExperiment.Result... r) {
        return new CurriculumSeeds(java.util.stream.LongStream.range(42, 42 + r.length).boxed().toList(), List.of(r));
    }

    @Test
    void paperBsClaimsAreDecidedFromTheIntervalsOfTheirDifferences() {
        double[] flat = {.2, .2, .2, .2, .2};
        // Forward: strong 0.40 vs weak 0.25 (+0.15), gains +0.20 vs +0.05; reverse 0.30 on strong: forward − reverse = +0.10.
        var holds = seeds(seed(flat, new double[] {.2, .25, .3, .35, .40}, new double[] {.2, .25, .28, .29, .30}, .02, 12),
                seed(flat, new double[] {.2, .25, .3, .35, .40}, new double[] {.2, .25, .28, .29, .30}, .03, 12));
        var c = holds.claims();
        assertEquals(Claim.Verdict.HOLDS, c.get(0).verdict(), c.get(0).found());
        assertEquals(0.15, c.get(0).estimate().mean(), 1e-9, "the smaller of strong − weak (0.15) and the gain difference (0.15)");
        assertTrue(c.get(0).found().contains("+0.150 ["), c.get(0).found());
        assertEquals(Claim.Verdict.HOLDS, c.get(1).verdict(), c.get(1).found());
        assertEquals(0.10, c.get(1).estimate().mean(), 1e-9);
        assertTrue(c.get(1).estimate().lo() > 0 && c.get(1).estimate().hi() < 0.2, c.get(1).found());

        // Strong below weak, reverse above forward: both intervals lie below 0.
        var not = seeds(seed(flat, new double[] {.2, .35, .3, .25, .20}, new double[] {.2, .3, .3, .3, .32}, .02, 12),
                seed(flat, new double[] {.2, .35, .3, .25, .20}, new double[] {.2, .3, .3, .3, .32}, .02, 12));
        assertEquals(List.of(Claim.Verdict.DOES_NOT_HOLD, Claim.Verdict.DOES_NOT_HOLD), not.claims().stream().map(Claim::verdict).toList());

        // A tie (both orders write the same stories) is no win: [0, 0] does not hold.
        var tie = seeds(seed(flat, new double[] {.2, .25, .3, .35, .40}, new double[] {.2, .25, .3, .35, .40}, .02, 12));
        assertEquals(0, tie.claims().get(1).estimate().hi(), 1e-12);
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, tie.claims().get(1).verdict(), tie.claims().get(1).found());
        var noInterval = new storylab.experiment.Estimate(0.1, Double.NaN, Double.NaN);
        assertEquals(Claim.Verdict.INCONCLUSIVE, CurriculumSeeds.beats(noInterval), "no interval, no verdict");

        // The same means but stories spread ±0.3 and the two seeds disagreeing: the intervals span 0.
        var noisy = seeds(seed(flat, new double[] {.2, .25, .3, .35, .45}, new double[] {.2, .25, .28, .29, .20}, .3, 6),
                seed(flat, new double[] {.2, .25, .3, .35, .15}, new double[] {.2, .25, .28, .29, .40}, .3, 6));
        for (var claim : noisy.claims()) {
            assertEquals(Claim.Verdict.INCONCLUSIVE, claim.verdict(), claim.found());
            assertTrue(claim.estimate().lo() < 0 && claim.estimate().hi() > 0, claim.found());
        }
    }

    @Test
    void theTableAndChartCarryTheIntervals() {
        double[] flat = {.2, .2, .2, .2, .2};
        var t = seeds(seed(flat, flat, flat, .05, 8), seed(flat, flat, flat, .05, 8));
        var table = t.table();
        assertEquals(List.of("method", "level", "instructions", "seeds", "stories", "BLEU-1", "BLEU-1_lo", "BLEU-1_hi"), table.columnNames());
        assertEquals(15, table.rowCount(), "3 methods × 5 levels");
        for (int i = 0; i < table.rowCount(); i++) {
            assertEquals(0.2, table.doubleColumn("BLEU-1").getDouble(i), 1e-9);
            assertTrue(table.doubleColumn("BLEU-1_lo").getDouble(i) < 0.2 && table.doubleColumn("BLEU-1_hi").getDouble(i) > 0.2);
        }
        assertEquals(6, t.chart().getSeriesMap().size(), "a line and a CI band per method");
    }

    /** Tiny sizes: each run takes a few seconds. */
    private static CurriculumExperiment.Settings tiny(long seed) {
        return new CurriculumExperiment.Settings("test", seed, 3_000, 300, 3_000, 2, 3, 32, 1, 2, 32, 4, 3e-3, "world");
    }

    @Test
    void theSeedChangesTheNumbersAndTheSameSeedRepeatsThem(@TempDir Path dir) throws Exception {
        var a = CurriculumExperiment.compute(tiny(42), dir.resolve("a"), false, null);
        var again = CurriculumExperiment.compute(tiny(42), dir.resolve("again"), false, null);
        var other = CurriculumExperiment.compute(tiny(43), dir.resolve("other"), false, null);
        for (var m : List.of(CurriculumExperiment.BASELINE, CurriculumExperiment.FORWARD, CurriculumExperiment.REVERSE)) {
            assertTrue(Arrays.deepEquals(a.bleu1PerStory().get(m), again.bleu1PerStory().get(m)), m + ": the same seed gives the same scores");
            assertEquals(3, a.bleu1PerStory().get(m)[4].length, "per story");
        }
        assertFalse(Arrays.deepEquals(a.bleu1PerStory().get(CurriculumExperiment.FORWARD), other.bleu1PerStory().get(CurriculumExperiment.FORWARD)),
                "another seed: another world, initialisation and order");
        assertNotEquals(storylab.experiment.RunStore.key(tiny(42)), storylab.experiment.RunStore.key(tiny(43)), "each seed is its own run");
    }

    @Test
    void withAPairsFileItTrainsAndScoresOnTheFilesHeldOutPairs(@TempDir Path dir) throws Exception {
        var world = storylab.data.world.StoryWorld.seed(5);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var lines = new java.util.ArrayList<String>();
        for (int i = 0; i < 60; i++) {
            var s = world.story(i);
            lines.add(json.writeValueAsString(java.util.Map.of("instruction", s.instruction(1), "story", s.text(), "level", "weak")));
            lines.add(json.writeValueAsString(java.util.Map.of("instruction", s.instruction(4), "story", s.text(), "level", 4)));
        }
        Path file = java.nio.file.Files.write(dir.resolve("pairs.jsonl"), lines);
        var pairs = PairSource.jsonl(file);
        var r = CurriculumExperiment.compute(tiny(42), dir.resolve("run"), false, file.toString());
        for (var m : List.of(CurriculumExperiment.BASELINE, CurriculumExperiment.FORWARD, CurriculumExperiment.REVERSE)) {
            double[][] b = r.bleu1PerStory().get(m);
            assertEquals(Math.min(3, pairs.heldOut(1).size()), b[1].length, m + ": the file's held-out weak pairs (at most evalStories)");
            assertEquals(Math.min(3, pairs.heldOut(4).size()), b[4].length);
            assertEquals(0, b[2].length + b[3].length, "the file has no pairs of levels 2 and 3: not scored");
        }
        var t = new CurriculumSeeds(List.of(42L), List.of(r));
        assertEquals(List.of(0, 1, 4), t.levels());
        assertTrue(t.claims().stream().allMatch(c -> c.estimate() != null && !Double.isNaN(c.estimate().mean())), t.claims().toString());
    }

    @Test
    void aBadPairsFileStopsReproduceBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> DataSpec.world().pairs(Path.of("no/such/pairs.jsonl")));
        assertTrue(e.getMessage().contains("no/such/pairs.jsonl") && e.getMessage().contains("pairs"), e.getMessage());
        String weak = "{\"instruction\": \"a\", \"story\": \"A.\", \"level\": \"weak\"}", strong = "{\"instruction\": \"b\", \"story\": \"B.\", \"level\": \"strong\"}";
        var unlabelled = java.nio.file.Files.write(dir.resolve("u.jsonl"), List.of(weak, strong, "{\"instruction\": \"c\", \"story\": \"C.\"}"));
        var u = assertThrows(IllegalArgumentException.class, () -> DataSpec.world().pairs(unlabelled));
        assertTrue(u.getMessage().contains("u.jsonl:3") && u.getMessage().contains("no \"level\""), u.getMessage());
        var noStrong = java.nio.file.Files.write(dir.resolve("w.jsonl"), List.of(weak, weak));
        var s = assertThrows(IllegalArgumentException.class, () -> DataSpec.world().pairs(noStrong));
        assertTrue(s.getMessage().contains("w.jsonl") && s.getMessage().contains("strong (4)"), s.getMessage());
        var badLevel = java.nio.file.Files.write(dir.resolve("b.jsonl"), List.of(weak, strong.replace("strong\"}", "7\"}")));
        var b = assertThrows(IllegalArgumentException.class, () -> DataSpec.world().pairs(badLevel));
        assertTrue(b.getMessage().contains("b.jsonl:2") && b.getMessage().contains("\"7\""), b.getMessage());
        assertEquals(dir.resolve("ok.jsonl").toString(),
                DataSpec.world().pairs(java.nio.file.Files.write(dir.resolve("ok.jsonl"), List.of(weak, strong))).pairsPath());
    }

    @Test
    void reproduceFindsTheCurriculumExperiment() {
        assertTrue(Experiments.all().stream().anyMatch(e -> e.name().equals("curriculum")));
    }
}
