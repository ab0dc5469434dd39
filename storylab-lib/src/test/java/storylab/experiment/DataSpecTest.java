package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.Scale;
import storylab.model.Torch;
import storylab.train.Checkpoint;

/** A real corpus and a real evaluation set reach the experiments (Grimm's tales from ../shared, skipped loudly without). */
class DataSpecTest {

    static Path grimm() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared/corpora/grimms_fairy_tales_pg2591.txt");
            if (Files.isRegularFile(f)) return f;
        }
        System.err.println("!!! ../shared/corpora/grimms_fairy_tales_pg2591.txt not found above " + Path.of("").toAbsolutePath() + " — DataSpecTest skipped");
        return null;
    }

    @Test
    void theEvaluationPromptsAreTheOpeningsOfTheEvaluationSetsDocuments() {
        Path g = grimm();
        Assumptions.assumeTrue(g != null, "SKIPPED LOUDLY: shared corpora missing");
        var prompts = DataSpec.world().evaluation("paragraphs", g, 8).prompts(List.of("unused"), 3);
        assertEquals(3, prompts.size());
        assertEquals("THE BROTHERS GRIMM FAIRY TALES", prompts.get(0));
        assertEquals("THE GOLDEN BIRD A certain king had a", prompts.get(1));
        assertEquals(List.of("Once upon a time", "Once upon a time"), DataSpec.world().prompts(List.of("Once upon a time"), 2), "the RL prompts by default");
    }

    @Test
    void aCorpusFilePretrainsTheStudentInsteadOfTheStoryWorld(@TempDir Path dir) throws Exception {
        Path g = grimm();
        Assumptions.assumeTrue(g != null, "SKIPPED LOUDLY: shared corpora missing");
        Torch.threads(1);
        var world = ExperimentPlan.at(Scale.TEST).withMilestones(List.of(1_000L)).withSeed(42);
        var tales = world.withData(DataSpec.world().corpus("paragraphs", g));
        assertTrue(Pretraining.Settings.of(tales).corpus().startsWith("paragraphs:") && Pretraining.Settings.of(tales).corpus().endsWith(":" + Files.size(g)),
                "the corpus (kind, path, size) is part of the run key: " + Pretraining.Settings.of(tales).corpus());
        var store = RunStore.at(dir);
        var w = Pretraining.run(store, world, false);
        var t = Pretraining.run(store, tales, false);
        assertNotEquals(w.checkpoints().get(0).folder(), t.checkpoints().get(0).folder(), "another corpus, another run");
        var fromWorld = Checkpoint.readTokenizer(dir.resolve(w.checkpoints().get(0).folder()));
        var fromTales = Checkpoint.readTokenizer(dir.resolve(t.checkpoints().get(0).folder()));
        // A stretch of the tales far past the 20k words the tokenizer was trained on.
        String passage = Files.readString(g).substring(300_000, 310_000);
        int onTales = fromTales.encode(passage).length, onWorld = fromWorld.encode(passage).length;
        assertTrue(onTales < onWorld, "a tokenizer trained on the tales encodes more tales in fewer tokens: " + onTales + " vs " + onWorld);
    }
}
