package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.data.Blimp;
import storylab.data.CorpusFormatException;
import storylab.data.world.EntityQuestion;
import storylab.data.world.MinimalPair;
import storylab.data.world.StoryWorld;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.model.Torch;
import storylab.text.ByteTokenizer;

class CompetenceTest {

    static final ByteTokenizer TOK = new ByteTokenizer();

    @BeforeAll
    static void oneThread() {
        Torch.threads(1);
    }

    static Gpt untrained() {
        return Gpt.create(GptConfig.tiny(TOK.vocabSize()).withD(32).withLayers(2).withHeads(2).withContext(64));
    }

    /**
     * A known answer: an untrained model gives every byte about the same log-probability (≈ −log 259), so of
     * two texts the one longer by 20+ bytes is ~100 nats less likely, whatever the weights. Three BLiMP pairs
     * whose bad sentence is the longer one are right, one whose good sentence is longer is wrong: exactly 3/4.
     */
    @Test
    void blimpPairsFromJsonlScoreTheirKnownAccuracy(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("anaphor_agreement.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"sentence_good\": \"Kim saw herself.\", \"sentence_bad\": \"Kim saw himself and all of the others there too.\", \"UID\": \"anaphor_gender_agreement\"}",
                "{\"sentence_good\": \"The cats ran.\", \"sentence_bad\": \"The cats runs around and around the big old tree.\", \"UID\": \"regular_plural_subject_verb_agreement_1\"}",
                "",
                "{\"sentence_good\": \"A dog sat.\", \"sentence_bad\": \"A dog sit quietly by the fire for a very long time.\", \"UID\": \"regular_plural_subject_verb_agreement_1\"}",
                "{\"sentence_good\": \"Who did the tall man that the children liked so much see yesterday?\", \"sentence_bad\": \"Who did he see it?\"}"));
        var pairs = Blimp.read(dir);
        assertEquals(4, pairs.size());
        assertEquals(List.of("anaphor_gender_agreement", "regular_plural_subject_verb_agreement_1", "regular_plural_subject_verb_agreement_1", "anaphor_agreement"),
                pairs.stream().map(MinimalPair::phenomenon).toList(), "UID, else the file name");
        try (var model = untrained()) {
            var c = Competence.measure(model, TOK, pairs, List.of());
            assertEquals(0.75, c.minimalPairs(), 1e-12);
            assertEquals(1.0, c.perPhenomenon().get("regular_plural_subject_verb_agreement_1"), 1e-12);
            assertEquals(0.0, c.perPhenomenon().get("anaphor_agreement"), 1e-12);
            assertEquals(4, c.pairs());
            assertTrue(Double.isNaN(c.entityTracking()), "no questions asked: no accuracy");
        }
    }

    /** The same known answer for entity questions: the short right candidate wins 3 times, the long one loses once. */
    @Test
    void entityQuestionsScoreTheirKnownAccuracyAndChance() {
        var questions = List.of(
                new EntityQuestion("Ann and Bob played.", List.of(" Ann", " Bob and all of his many friends from school"), 0),
                new EntityQuestion("Ann and Bob played.", List.of(" Bob and all of his many friends from school", " Ann"), 1),
                new EntityQuestion("Ann, Bob and Cy played.", List.of(" Cy", " Ann and all of her friends", " Bob and all of his friends"), 0),
                new EntityQuestion("Ann and Bob played.", List.of(" Ann", " Bob and all of his many friends from school"), 1));
        try (var model = untrained()) {
            var c = Competence.measure(model, TOK, List.of(), questions);
            assertEquals(0.75, c.entityTracking(), 1e-12);
            assertEquals((0.5 + 0.5 + 1.0 / 3 + 0.5) / 4, c.entityChance(), 1e-12);
            assertEquals(4, c.questions());
        }
    }

    @Test
    void probesTheWorldOverEveryPhenomenonAndScoresByTheChainRule() {
        try (var model = untrained()) {
            var c = Competence.measure(model, TOK, StoryWorld.seed(42), 12, 4);
            assertEquals(12, c.pairs());
            assertEquals(4, c.questions());
            assertEquals(MinimalPair.PHENOMENA, List.copyOf(c.perPhenomenon().keySet()));
            assertEquals(0.5, c.entityChance(), 1e-12, "story questions ask between the two characters");
            double ab = Competence.logLikelihood(model, TOK, "x", "ab");
            double a = Competence.logLikelihood(model, TOK, "x", "a");
            double bGivenA = Competence.logLikelihood(model, TOK, "xa", "b");
            assertEquals(ab, a + bGivenA, 1e-3, "the chain rule: log p(ab | x) = log p(a | x) + log p(b | xa)");
            assertTrue(ab < 0);
            // longer than the 64-token window: every token is still scored once (an untrained model gives each ~the same)
            double ll150 = Competence.logLikelihood(model, TOK, "x", "y".repeat(150)), ll100 = Competence.logLikelihood(model, TOK, "x", "y".repeat(100));
            assertEquals(1.5, ll150 / ll100, 0.03, ll150 + " for 150 tokens vs " + ll100 + " for 100");
        }
    }

    @Test
    void aMalformedBlimpLineNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, "{\"sentence_good\": \"A.\", \"sentence_bad\": \"B.\"}\n{\"sentence_good\": \"only one\"}\n");
        var e = assertThrows(CorpusFormatException.class, () -> Blimp.read(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("sentence_bad"), e.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> Blimp.read(dir.resolve("nope.jsonl")));
        assertTrue(missing.getMessage().contains("nope.jsonl"), missing.getMessage());
    }
}
