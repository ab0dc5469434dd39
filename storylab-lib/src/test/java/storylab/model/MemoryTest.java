package storylab.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storylab.data.Corpus;
import storylab.display.Display;
import storylab.display.RecordingSink;
import storylab.text.ByteTokenizer;
import storylab.train.Pretrain;

/** Memory stays flat: nothing a training step or a sampling step creates outlives it in the model's manager. */
class MemoryTest {

    @BeforeAll
    static void oneThread() {
        Torch.threads(1);
    }

    @Test
    void trainingAndSamplingLeaveNoArraysBehindAndTheDashboardUpdatesInPlace() {
        var texts = new java.util.ArrayList<String>();
        for (int i = 0; i < 300; i++) texts.add("story " + i + ": the fox met the bird by the river and they sang.");
        var sink = new RecordingSink();
        var previous = Display.install(sink);
        try (var model = Gpt.create(new GptConfig(259, 32, 32, 1, 2, 1))) {
            int before = model.liveArrays();
            var live = new AtomicInteger();
            var counts = new java.util.ArrayList<Integer>();
            var report = Pretrain.of(model, new ByteTokenizer(), Corpus.of("fox", texts)).words(3_000).batch(4).evalEvery(10)
                    .validationWindows(4).peakFlops(1e11).onStep(p -> counts.add(model.liveArrays())).run();
            assertTrue(report.steps() > 20);
            assertEquals(before, model.liveArrays(), "training attached nothing to the model");
            assertTrue(counts.stream().allMatch(c -> c == before), "flat during training: " + counts);
            model.sampler(new ByteTokenizer()).seed(1).maxTokens(20).sample("the fox", "a bird");
            assertEquals(before, model.liveArrays(), "sampling attached nothing to the model");
            // One live display, shown once and then updated in place, plus terminal progress.
            var events = sink.events();
            long shown = events.stream().filter(e -> e.kind().equals("display")).count();
            assertEquals(1, shown, "one dashboard");
            var last = events.stream().filter(e -> e.kind().equals("update")).reduce((a, b) -> b).orElseThrow();
            assertTrue(last.bundle().get("text/html").contains("<img"), "the dashboard carries the loss chart");
            assertTrue(events.stream().anyMatch(e -> e.kind().equals("progress")));
        } finally {
            Display.install(previous);
        }
    }
}
