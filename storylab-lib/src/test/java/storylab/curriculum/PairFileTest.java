package storylab.curriculum;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.data.CorpusFormatException;
import storylab.data.Pair;
import storylab.model.EncoderDecoder;

class PairFileTest {

    @BeforeAll
    static void oneThread() {
        storylab.model.Torch.threads(1);
    }

    @TempDir
    Path dir;

    /** 40 stories, each with a weak and a strong instruction (levels written four ways), then 5 lines without a level. */
    Path pairs() throws Exception {
        var lines = new ArrayList<String>();
        for (int i = 0; i < 40; i++) {
            String story = "Tom ran " + i + ".";
            lines.add("{\"instruction\": \"about Tom " + i + "\", \"story\": \"" + story + "\", \"level\": " + (i % 2 == 0 ? "\"weak\"" : "1") + "}");
            lines.add("{\"instruction\": \"Tom runs, " + i + "\", \"story\": \"" + story + "\", \"level\": " + (i % 2 == 0 ? "\"strong\"" : "\"4\"") + "}");
        }
        for (int i = 0; i < 5; i++) lines.add("{\"instruction\": \"plain " + i + "\", \"story\": \"Ann sat " + i + ".\"}");
        return write("pairs.jsonl", lines);
    }

    Path write(String name, List<String> lines) throws Exception {
        return Files.write(dir.resolve(name), lines);
    }

    static Set<String> stories(List<Pair> pairs) {
        return pairs.stream().map(Pair::story).collect(Collectors.toSet());
    }

    @Test
    void levelsAHeldOutSplitByStoryAndASeededOrder() throws Exception {
        var f = PairSource.jsonl(pairs(), "3").heldOut(0.25);
        assertEquals(40, f.training(1).size() + f.heldOut(1).size(), "weak, written as \"weak\" and as 1");
        assertEquals(40, f.training(4).size() + f.heldOut(4).size(), "strong, written as \"strong\" and as \"4\"");
        assertEquals(5, f.training(3).size() + f.heldOut(3).size(), "lines without a level take the level named");
        assertEquals(45, f.training(0).size() + f.heldOut(0).size(), "level 0: every story once");
        assertTrue(f.training(0).stream().allMatch(p -> p.instruction().isEmpty()), "level 0 has an empty instruction");
        assertFalse(f.heldOut(4).isEmpty());
        var trained = stories(f.training(0));
        for (int level = 0; level <= 4; level++)
            for (var p : f.heldOut(level)) assertFalse(trained.contains(p.story()), "held out and trained on: " + p);
        assertEquals(stories(f.heldOut(1)), stories(f.heldOut(4)), "a story's weak and strong pairs are on the same side");
        assertEquals(f.heldOut(4), f.seed(7).heldOut(4), "the split does not depend on the seed");

        int n = f.training(4).size();
        var pass = new ArrayList<Pair>();
        for (int i = 0; i < n; i++) pass.add(f.seed(1).train(i, 4));
        assertEquals(new HashSet<>(f.training(4)), new HashSet<>(pass), "one pass draws every training pair once");
        var again = new ArrayList<Pair>();
        var other = new ArrayList<Pair>();
        var one = f.seed(1);
        var two = f.seed(2);
        for (int i = 0; i < n; i++) {
            again.add(one.train(i, 4));
            other.add(two.train(i, 4));
        }
        assertEquals(pass, again, "the same seed, the same order");
        assertNotEquals(pass, other, "another seed, another order");
    }

    /** Records every training pair a curriculum asks for. */
    record Recorder(PairFile file, List<Integer> levels, List<Pair> drawn) implements PairSource {
        public Pair train(long index, int level) {
            var p = file.train(index, level);
            levels.add(level);
            drawn.add(p);
            return p;
        }
        public List<Pair> heldOut(int level, int n) { return file.heldOut(level, n); }
        public void requireTraining(int level) { file.requireTraining(level); }
        public void requireHeldOut(int level) { file.requireHeldOut(level); }
    }

    @Test
    void aPhaseDrawsOnlyPairsOfItsLevelsAndIsEvaluatedOnHeldOutPairs() throws Exception {
        var file = PairSource.jsonl(pairs(), "strong").heldOut(0.25);
        var rec = new Recorder(file, new ArrayList<>(), new ArrayList<>());
        try (var model = new EncoderDecoder(CurriculumTest.MICRO, CurriculumTest.TOK.pad());
             var cur = Curriculum.of(model, CurriculumTest.TOK, rec).phases(Phase.weak(3)).batch(2).lr(3e-3).evalStories(0).display(false)) {
            cur.run();
            assertEquals(3, cur.rows().size());
            assertEquals(Set.of(0, 1), new HashSet<>(rec.levels()), "the weak phase: pretraining (λ1) and weak pairs only");
            assertEquals(12, rec.drawn().size(), "3 steps × 2 components × 2 pairs");
            var weak = new HashSet<>(file.training(1));
            var stories = stories(file.training(0));
            for (int i = 0; i < rec.drawn().size(); i++) {
                var p = rec.drawn().get(i);
                if (rec.levels().get(i) == 1) assertTrue(weak.contains(p), "a weak training pair: " + p);
                else assertTrue(p.instruction().isEmpty() && stories.contains(p.story()), "a training story without instruction: " + p);
            }
            var result = cur.evaluation().stories(100).run();
            assertEquals(List.of(1), result.table().intColumn("level").asList(), "evaluated at the level it trained");
            var heldOut = file.heldOut(1);
            assertEquals(heldOut.size(), result.samples().size(), "every held-out weak pair, no more");
            for (int i = 0; i < heldOut.size(); i++) {
                assertEquals(heldOut.get(i).instruction(), result.samples().get(i).instruction());
                String instruction = result.samples().get(i).instruction();
                assertFalse(weak.stream().anyMatch(p -> p.instruction().equals(instruction)), "not a training instruction: " + instruction);
            }
        }
    }

    @Test
    void resumingReadsThePairsFileAgainAndContinuesTheSameWay(@TempDir Path runs) throws Exception {
        var file = PairSource.jsonl(pairs(), "strong").heldOut(0.25).seed(5);
        Phase[] phases = {Phase.pretrain(60), Phase.strong(3)};
        List<StepRow> straight;
        try (var model = new EncoderDecoder(CurriculumTest.MICRO, CurriculumTest.TOK.pad());
             var cur = Curriculum.of(model, CurriculumTest.TOK, file).phases(phases).batch(2).evalStories(0).display(false)) {
            cur.run();
            straight = cur.rows();
        }
        try (var model = new EncoderDecoder(CurriculumTest.MICRO, CurriculumTest.TOK.pad());
             var cur = Curriculum.of(model, CurriculumTest.TOK, file).phases(phases).batch(2).evalStories(0).display(false).into(runs)) {
            cur.next();
        }
        try (var resumed = Curriculum.resume(runs).display(false)) {
            assertEquals(file.spec(), ((PairFile) resumed.source()).spec());
            resumed.run();
            assertEquals(straight, resumed.rows(), "same pairs in the same order after a resume");
            resumed.model().close();
        }
    }

    @Test
    void badInputIsOneErrorNamingTheLineOrTheLevel() throws Exception {
        var level = assertThrows(CorpusFormatException.class, () -> PairSource.jsonl(write("a.jsonl", List.of(
                "{\"instruction\": \"a\", \"story\": \"A.\", \"level\": \"weak\"}",
                "{\"instruction\": \"b\", \"story\": \"B.\", \"level\": 4}",
                "{\"instruction\": \"c\", \"story\": \"C.\", \"level\": \"medium\"}"))));
        assertTrue(level.getMessage().contains("a.jsonl:3") && level.getMessage().contains("\"medium\""), level.getMessage());

        var missing = assertThrows(CorpusFormatException.class, () -> PairSource.jsonl(write("b.jsonl", List.of(
                "{\"instruction\": \"a\", \"story\": \"A.\", \"level\": \"weak\"}",
                "{\"instruction\": \"b\", \"level\": \"weak\"}"))));
        assertTrue(missing.getMessage().contains("b.jsonl:2") && missing.getMessage().contains("\"story\""), missing.getMessage());

        var unlabelled = assertThrows(IllegalArgumentException.class, () -> PairSource.jsonl(write("c.jsonl", List.of(
                "{\"instruction\": \"a\", \"story\": \"A.\", \"level\": \"weak\"}",
                "{\"instruction\": \"b\", \"story\": \"B.\"}"))));
        assertTrue(unlabelled.getMessage().contains("c.jsonl:2") && unlabelled.getMessage().contains("no \"level\""), unlabelled.getMessage());

        var name = assertThrows(IllegalArgumentException.class, () -> PairSource.jsonl(dir.resolve("c.jsonl"), "medium"));
        assertTrue(name.getMessage().contains("none, weak, strong or 0–4"), name.getMessage());

        // Only strong pairs: a weak phase fails when the phases are set, before a single step.
        var strongOnly = PairSource.jsonl(write("d.jsonl", List.of("{\"instruction\": \"a\", \"story\": \"A.\"}",
                "{\"instruction\": \"b\", \"story\": \"B.\"}", "{\"instruction\": \"c\", \"story\": \"C.\"}")), "strong");
        try (var model = new EncoderDecoder(CurriculumTest.MICRO, CurriculumTest.TOK.pad());
             var cur = Curriculum.of(model, CurriculumTest.TOK, strongOnly).batch(2).evalStories(0).display(false)) {
            var e = assertThrows(IllegalArgumentException.class, () -> cur.phases(Phase.pretrain(50), Phase.weak(2)));
            assertTrue(e.getMessage().contains("d.jsonl") && e.getMessage().contains("weak (1)"), e.getMessage());
            assertTrue(cur.phases().isEmpty() && cur.rows().isEmpty(), "nothing set, nothing trained");
        }
    }
}
