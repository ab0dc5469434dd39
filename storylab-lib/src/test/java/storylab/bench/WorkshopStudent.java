package storylab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import storylab.data.world.StoryWorld;
import storylab.model.Gpt;
import storylab.text.BpeTokenizer;
import storylab.train.Checkpoint;
import storylab.train.Milestones;
import storylab.train.Pretrain;

/**
 * The README's "lab in one cell" student (BPE 2,000 on 500k words, {@code Gpt.tiny}, 1M words of the story
 * world), pretrained once and kept under runs/ so RL benchmarks start from the same weights.
 *
 *   java ... storylab.bench.WorkshopStudent [runs/workshop-student]
 */
public final class WorkshopStudent {

    public static final long WORDS = 1_000_000;

    /** The checkpoint folder of the student, training it first if it is not there yet. */
    public static Path checkpoint(Path runDir) throws IOException {
        Path cp = runDir.resolve(String.format("words-%011d", WORDS));
        if (!Files.isRegularFile(cp.resolve("state.json"))) train(runDir, WORDS, 100_000, 300_000, WORDS);
        return Checkpoint.locate(cp);
    }

    /** The same recipe on {@code words} words (checkpoints at a fifth, half and all of it), unless already there. */
    public static void train(Path runDir, long words) throws IOException {
        if (!Files.isRegularFile(runDir.resolve(String.format("words-%011d", words)).resolve("state.json")))
            train(runDir, words, words / 5, words / 2, words);
    }

    private static void train(Path runDir, long words, long... milestones) throws IOException {
        var world = StoryWorld.seed(42);
        var tok = BpeTokenizer.train(world.corpus(500_000), 2_000);
        try (var student = Gpt.tiny(tok.vocabSize())) {
            Pretrain.of(student, tok, world.corpus()).words(words).checkpointsAt(Milestones.of(milestones)).into(runDir).display(false).run();
        }
    }

    public static void main(String[] args) throws IOException {
        storylab.display.Display.install(new storylab.display.RecordingSink());
        long t0 = System.nanoTime();
        Path cp = checkpoint(Path.of(args.length > 0 ? args[0] : "runs/workshop-student"));
        System.out.printf("student at %s (%.0f s)%n", cp, (System.nanoTime() - t0) / 1e9);
    }
}
