package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storylab.data.world.MinimalPair;
import storylab.data.world.StoryWorld;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.model.Torch;
import storylab.text.ByteTokenizer;

class CompetenceTest {

    @BeforeAll
    static void oneThread() {
        Torch.threads(1);
    }

    @Test
    void probesAnUntrainedModelOverEveryPhenomenon() {
        var tok = new ByteTokenizer();
        try (var model = Gpt.create(GptConfig.tiny(tok.vocabSize()).withD(32).withLayers(2).withHeads(2).withContext(64))) {
            var c = Competence.measure(model, tok, StoryWorld.seed(42), 12, 4);
            assertEquals(12, c.pairs());
            assertEquals(4, c.questions());
            assertEquals(MinimalPair.PHENOMENA.size(), c.perPhenomenon().size());
            assertTrue(c.minimalPairs() >= 0 && c.minimalPairs() <= 1);
            assertTrue(c.entityTracking() >= 0 && c.entityTracking() <= 1);
            double ab = Competence.logLikelihood(model, tok, "x", "ab");
            double a = Competence.logLikelihood(model, tok, "x", "a");
            double bGivenA = Competence.logLikelihood(model, tok, "xa", "b");
            assertEquals(ab, a + bGivenA, 1e-3, "the chain rule: log p(ab | x) = log p(a | x) + log p(b | xa)");
            assertTrue(ab < 0);
        }
    }
}
