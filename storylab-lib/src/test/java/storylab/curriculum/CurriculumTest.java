package storylab.curriculum;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.data.Pair;
import storylab.data.world.StoryWorld;
import storylab.model.EncoderDecoder;
import storylab.text.ByteTokenizer;
import storylab.train.AdamW;

class CurriculumTest {

    @BeforeAll
    static void oneThread() {
        storylab.model.Torch.threads(1); // small models on a shared machine
    }

    static final ByteTokenizer TOK = new ByteTokenizer();
    /** Bytes as tokens, 24-byte instructions and stories: tiny and fast, still an encoder–decoder. */
    static final EncoderDecoder.Config MICRO = new EncoderDecoder.Config(TOK.vocabSize(), 24, 24, 32, 1, 1, 2, 3);
    static final StoryWorld WORLD = StoryWorld.seed(42);

    static Curriculum micro(Path dir, Phase... phases) {
        return Curriculum.of(new EncoderDecoder(MICRO, TOK.pad()), TOK, WORLD).phases(phases)
                .batch(2).lr(3e-3).evalStories(0).display(false).into(dir);
    }

    @Test
    void phasesRunInTheOrderGivenWithTheirOwnComponents() {
        try (var cur = micro(null, Phase.strong(2).lambdas(0, 0, 1), Phase.weak(3), Phase.level(2, 1))) {
            var reports = cur.run();
            assertEquals(List.of("strong", "weak", "level-2"), reports.stream().map(r -> r.phase().name()).toList());
            var rows = cur.rows();
            assertEquals(List.of("strong", "strong", "weak", "weak", "weak", "level-2"), rows.stream().map(StepRow::name).toList());
            assertTrue(Double.isNaN(rows.get(0).loss(0)) && Double.isNaN(rows.get(0).loss(1)) && !Double.isNaN(rows.get(0).loss(4)), "strong only");
            assertTrue(!Double.isNaN(rows.get(2).loss(0)) && !Double.isNaN(rows.get(2).loss(1)) && Double.isNaN(rows.get(2).loss(4)), "pretrain + weak");
            assertFalse(Double.isNaN(rows.get(5).loss(2)));
            assertFalse(cur.hasNext());
            var table = reports.get(1).table();
            assertEquals(List.of("step", "phase_step", "words", "loss_pretrain", "loss_weak", "total", "lr", "grad_norm"), table.columnNames());
            assertEquals(3, table.rowCount());
        }
    }

    @Test
    void aComponentWithLambdaZeroDoesNotMoveTheWeights() {
        var pairs = new StoryPairs(WORLD, TOK, 23);
        var lambdas = Lambdas.of(1, 0, 1);
        var strong = List.of(pairs.pair(0, 4), pairs.pair(1, 4));
        var pretrain = List.of(pairs.pair(2, 0), pairs.pair(3, 0));
        var weakA = List.of(pairs.pair(4, 1), pairs.pair(5, 1));
        var weakB = List.of(new Pair("a story about nothing", "Nothing at all happened."), pairs.pair(6, 1));
        var a = stepOnce(Map.of(0, pretrain, 1, weakA, 4, strong), lambdas);
        var b = stepOnce(Map.of(0, pretrain, 1, weakB, 4, strong), lambdas);
        for (String name : a.keySet()) assertArrayEquals(a.get(name), b.get(name), 0f, name);
        var c = stepOnce(Map.of(0, pretrain, 1, weakB, 4, strong), lambdas.with(1, 0.5));
        assertTrue(a.keySet().stream().anyMatch(n -> !java.util.Arrays.equals(a.get(n), c.get(n))), "with λ > 0 the weak examples matter");
    }

    private static Map<String, float[]> stepOnce(Map<Integer, List<Pair>> batches, Lambdas lambdas) {
        try (var model = new EncoderDecoder(MICRO, TOK.pad()); var opt = new AdamW(model.parameters(), AdamW.Settings.defaults());
             var base = NDManager.newBaseManager()) {
            var losses = MixedStep.apply(model, TOK, opt, batches, lambdas, 1e-2, base);
            assertTrue(Double.isNaN(losses.perLevel()[1]) == (lambdas.at(1) == 0));
            var out = new java.util.LinkedHashMap<String, float[]>();
            model.parameters().forEach((k, v) -> out.put(k, v.toFloatArray()));
            return out;
        }
    }

    @Test
    void resumingAfterPhaseOneGivesTheSameLossesAsRunningStraight(@TempDir Path dir) throws Exception {
        Phase[] phases = {Phase.pretrain(300), Phase.weak(3)};
        List<StepRow> straight;
        try (var cur = micro(dir.resolve("straight"), phases)) {
            cur.run();
            straight = cur.rows();
        }
        try (var first = micro(dir.resolve("split"), phases)) {
            var r1 = first.next();
            assertTrue(Files.isRegularFile(r1.checkpoint().resolve("state.json")));
            assertTrue(Files.isRegularFile(dir.resolve("split/curriculum.json")));
        }
        try (var resumed = Curriculum.resume(dir.resolve("split"))) {
            assertEquals(List.of("pretrain", "weak"), resumed.phases().stream().map(Phase::name).toList());
            var r2 = resumed.next();
            assertEquals("weak", r2.phase().name());
            assertEquals(straight, resumed.rows(), "same steps, losses, learning rates and norms");
        }
    }

    @Test
    void anInterruptStopsAtAStepBoundaryAndResumeFinishesThePhase(@TempDir Path dir) throws Exception {
        List<StepRow> straight;
        try (var cur = micro(null, Phase.weak(5))) {
            cur.run();
            straight = cur.rows();
        }
        try (var cur = micro(dir, Phase.weak(5)).onStep(r -> { if (r.step() == 2) Thread.currentThread().interrupt(); })) {
            var r = cur.next();
            assertTrue(Thread.interrupted(), "the caller still sees the interrupt");
            assertTrue(r.interrupted());
            assertEquals(2, r.rows().size());
            assertTrue(r.checkpoint().getFileName().toString().startsWith("phase-1-weak-step-"));
        }
        try (var resumed = Curriculum.resume(dir)) {
            var r = resumed.next();
            assertTrue(r.finished());
            assertEquals(straight, resumed.rows());
        }
    }

    @Test
    void evaluationScoresEveryLevelOnHeldOutStories() {
        try (var model = new EncoderDecoder(MICRO, TOK.pad())) {
            var result = Evaluation.of(model, TOK).stories(3).levels(0, 1, 4).maxTokens(12).sampled(1.0, 5).run();
            var t = result.table();
            assertEquals(List.of("level", "instructions", "stories", "BLEU-1", "BLEU-4", "ROUGE-L", "perplexity", "bits/word", "distinct-2"), t.columnNames());
            assertEquals(3, t.rowCount());
            for (String c : List.of("BLEU-1", "BLEU-4", "ROUGE-L", "distinct-2"))
                for (double v : t.doubleColumn(c).asDoubleArray()) assertTrue(v >= 0 && v <= 1, c + " " + v);
            double ppl = result.get("perplexity", 1);
            assertTrue(ppl > 50 && ppl < 2 * TOK.vocabSize(), "an untrained model is near uniform: " + ppl);
            assertEquals(9, result.samples().size());
            var again = Evaluation.of(model, TOK).stories(3).levels(0, 1, 4).maxTokens(12).sampled(1.0, 5).run();
            assertEquals(result.samples(), again.samples(), "sampling is seeded");
        }
    }

    /**
     * Regression: empty instructions (phase 1, and λ1 later) used to feed the decoder the mean over padding through
     * cross-attention, a constant it learned to rely on, after which it ignored real instructions: every level
     * scored the same. After pretraining then strong pairs, the true instruction must predict the story better than
     * another story's instruction.
     */
    @Test
    void afterPretrainingAndStrongPairsTheTrueInstructionBeatsAnotherStorysInstruction() {
        var tok = storylab.text.BpeTokenizer.train(WORLD.corpus(20_000L), 400);
        var shape = new EncoderDecoder.Config(tok.vocabSize(), 96, 32, 64, 2, 2, 4, 1);
        try (var model = new EncoderDecoder(shape, tok.pad());
             var cur = Curriculum.of(model, tok, WORLD).phases(Phase.pretrain(10_000), Phase.strong(200).lambdas(Lambdas.PRETRAIN, 0, 1)).batch(32).lr(2e-3).evalStories(0).display(false)) {
            cur.run();
            var test = new StoryPairs(StoryWorld.seed(7), tok, shape.context() - 1);
            var own = new ArrayList<Pair>();
            var other = new ArrayList<Pair>();
            for (int i = 0; i < 32; i++) {
                own.add(test.pair(i, 4));
                other.add(new Pair(test.pair((i + 1) % 32, 4).instruction(), test.pair(i, 4).story()));
            }
            double ownLoss = heldOutLoss(model, tok, own), otherLoss = heldOutLoss(model, tok, other);
            assertTrue(ownLoss < otherLoss - 0.02, "the decoder reads the instruction: loss " + ownLoss + " with its own, " + otherLoss + " with another story's");
        }
    }

    static double heldOutLoss(EncoderDecoder model, storylab.text.Tokenizer tok, List<Pair> pairs) {
        try (var m = NDManager.newBaseManager()) {
            var b = MixedStep.Tensors.of(m, storylab.text.PairBatch.of(tok, pairs, model.config().sourceContext(), model.config().context()));
            return model.loss(b.source(), b.input(), b.target()).getFloat();
        }
    }
}
