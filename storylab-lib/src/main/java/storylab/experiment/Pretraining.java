package storylab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import storylab.data.world.StoryWorld;
import storylab.model.Gpt;
import storylab.text.BpeTokenizer;
import storylab.train.Milestones;
import storylab.train.Pretrain;

/**
 * The one pretraining run of a reproduction: a BPE tokenizer and the student, trained on the story world with
 * a checkpoint at every milestone. Cached in the {@link RunStore} like any run.
 */
public final class Pretraining {

    /** What the run's key hashes: everything that changes the checkpoints. */
    public record Settings(long worldSeed, int vocab, long bpeWords, storylab.model.GptConfig model, int batch, double lr,
                           List<Long> milestones, long seed) {
        public static Settings of(ExperimentPlan p) {
            return new Settings(p.worldSeed(), p.vocab(), p.bpeWords(), p.model().withVocab(p.vocab()), p.batch(), p.lr(), p.milestones(), p.seed());
        }
    }

    /** A checkpoint: its pretraining words and its folder, relative to the store's root. */
    public record Saved(long words, String folder) {}

    public record Result(List<Saved> checkpoints, double seconds, double validationLoss, List<Double> curveWords, List<Double> curveLoss) {
        public Saved at(long words) {
            return checkpoints.stream().filter(c -> c.words() == words).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no checkpoint at " + words + " words: " + checkpoints));
        }
    }

    private Pretraining() {}

    /** Runs (or reads back) the pretraining of a plan. */
    public static Result run(RunStore store, ExperimentPlan plan, boolean display) {
        var s = Settings.of(plan);
        return store.run("pretrain", s, Result.class, dir -> train(store.root(), dir, s, display));
    }

    private static Result train(Path root, Path dir, Settings s, boolean display) {
        long t0 = System.nanoTime();
        var world = StoryWorld.seed(s.worldSeed());
        var tok = BpeTokenizer.train(world.corpus(s.bpeWords()), s.vocab());
        long[] words = s.milestones().stream().mapToLong(Long::longValue).toArray();
        try (var model = Gpt.create(s.model().withVocab(tok.vocabSize()).withSeed(s.seed()))) {
            var report = Pretrain.of(model, tok, world.corpus()).words(words[words.length - 1]).batch(s.batch()).lr(s.lr()).seed(s.seed())
                    .checkpointsAt(Milestones.of(words)).validationWindows(16).evalEvery(100).peakFlops(1e11)
                    .into(dir).display(display).run();
            var saved = new ArrayList<Saved>();
            for (long w : words) saved.add(new Saved(w, root.relativize(dir.resolve(String.format("words-%011d", w))).toString().replace('\\', '/')));
            var curve = report.curve();
            return new Result(saved, (System.nanoTime() - t0) / 1e9, report.validationLoss(),
                    curve.stream().map(p -> p.words()).toList(), curve.stream().map(p -> p.loss()).toList());
        }
    }
}
