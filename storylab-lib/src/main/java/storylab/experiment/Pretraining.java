package storylab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import storylab.model.Gpt;
import storylab.text.BpeTokenizer;
import storylab.train.Milestones;
import storylab.train.Pretrain;

/**
 * The one pretraining run of a reproduction: a BPE tokenizer and the student, trained on the story world with
 * a checkpoint at every milestone (the story world, or the plan's corpus file). Cached in the {@link RunStore} like any run.
 */
public final class Pretraining {

    /** What the run's key hashes: everything that changes the checkpoints. */
    public record Settings(long worldSeed, int vocab, long bpeWords, storylab.model.GptConfig model, int batch, double lr,
                           List<Long> milestones, long seed, String corpus) {
        public static Settings of(ExperimentPlan p) {
            return new Settings(p.worldSeed(), p.vocab(), p.bpeWords(), p.model().withVocab(p.vocab()), p.batch(), p.lr(), p.milestones(), p.seed(),
                    corpusKey(p.data()));
        }

        /** The corpus as part of the key: "world", or its kind, path and size (a changed file is another run). */
        static String corpusKey(DataSpec d) {
            if (d.corpus().equals("world")) return "world";
            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(d.corpusPath()))) {
                long bytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                return d.corpus() + ":" + d.corpusPath() + ":" + bytes;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the corpus " + d.corpusPath() + ": " + e.getMessage(), e);
            }
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
        return store.run("pretrain", s, Result.class, dir -> train(store.root(), dir, s, plan.data(), display));
    }

    private static Result train(Path root, Path dir, Settings s, DataSpec data, boolean display) {
        long t0 = System.nanoTime();
        var corpus = data.pretraining(s.worldSeed());
        var tok = BpeTokenizer.train(corpus.words(s.bpeWords()), s.vocab());
        long[] words = s.milestones().stream().mapToLong(Long::longValue).toArray();
        try (var model = Gpt.create(s.model().withVocab(tok.vocabSize()).withSeed(s.seed()))) {
            var report = Pretrain.of(model, tok, corpus).words(words[words.length - 1]).batch(s.batch()).lr(s.lr()).seed(s.seed())
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
