package storylab.curriculum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import storylab.Scale;
import storylab.data.world.Story;
import storylab.data.world.StoryWorld;
import storylab.experiment.Experiment;
import storylab.experiment.RunStore;
import storylab.model.EncoderDecoder;
import storylab.text.BpeTokenizer;
import storylab.text.Tokenizer;

/**
 * Paper B's two claims for {@code ./storylab reproduce}: one pretraining phase, then weak → strong and strong → weak
 * tuning from it, each scored by BLEU-1 on held-out instructions of every level; once per seed of the plan (the seed
 * picks the training world, or the order of a pairs file's pairs, the held-out world, and the model's initialisation),
 * every seed a run of its own in the run store. The claims are decided from 95 % CIs over seeds and stories
 * ({@link CurriculumSeeds}). With {@code reproduce --pairs FILE} it trains and evaluates on that JSON Lines file's
 * pairs ({@link PairFile}: lines of levels weak and strong are needed) instead of the world's. Found by the experiment
 * package through {@code META-INF/services}.
 */
public final class CurriculumExperiment implements Experiment {

    /**
     * Sizes of one seed's run (the run store keys on them).
     *
     * @param seed  the seed: training world (or pairs order), held-out world {@link #HELD_OUT_WORLD} + seed, model initialisation
     * @param pairs "world", or the pairs file as {@code path:sha-256 prefix} (an edited file is another run)
     */
    public record Settings(String scale, long seed, long tokenizerWords, int vocab, long pretrainWords, int tuneSteps,
                           int evalStories, int d, int layers, int heads, int storyContext, int batch, double lr, String pairs) {
        /** The sizes of notebook 02: short stories and 32 pairs a step let the decoder learn to read the instruction. */
        public static Settings at(Scale s, long seed, String pairs) {
            return new Settings(s.name().toLowerCase(), seed, s.pick(20_000L, 100_000L, 5_000_000L), s.pick(400, 1_000, 8_000),
                    s.pick(3_000L, 100_000L, 20_000_000L), s.pick(4, 200, 5_000), s.pick(4, 24, 500),
                    s.pick(64, 128, 512), s.pick(1, 2, 6), s.pick(4, 4, 8), 32, s.pick(4, 32, 32), 2e-3, pairs);
        }
    }

    /** Held-out stories of seed s come from world {@code HELD_OUT_WORLD + s}: never a training world of a plan's seeds. */
    static final long HELD_OUT_WORLD = 1_000_000;

    /** One seed's BLEU-1 of every held-out story: method → level 0–4 → story (empty where a level was not scored). */
    public record Result(Map<String, double[][]> bleu1PerStory) {}

    static final String BASELINE = "pretrain only", FORWARD = "weak → strong", REVERSE = "strong → weak";

    @Override
    public String name() {
        return "curriculum";
    }

    @Override
    public Outcome run(Context context) throws Exception {
        String file = context.plan().data().pairsPath();
        String key = file == null ? "world" : file + ":" + sha256(Path.of(file));
        var seeds = new ArrayList<Long>();
        var results = new ArrayList<Result>();
        var missing = new ArrayList<String>();
        for (long seed : context.seeds()) {
            var s = Settings.at(context.scale(), seed, key);
            try {
                var r = context.store().run("curriculum", s, Result.class, dir -> compute(s, dir, context.display(), file));
                if (r.bleu1PerStory() == null)
                    throw new IllegalStateException("the curriculum run of seed " + seed + " in " + context.store().root()
                            + " was made by older code without per-story scores: rerun without --reuse-stale");
                seeds.add(seed);
                results.add(r);
            } catch (RunStore.Missing m) {
                missing.add("seed " + seed + ": " + m.getMessage());
            }
        }
        if (results.isEmpty()) throw new RunStore.Missing("no seed's curriculum run has finished (" + String.join("; ", missing) + ")");
        var t = new CurriculumSeeds(seeds, results);
        return new Outcome(Map.of("bleu1-by-level", t.table()), Map.<String, Chart<?, ?>>of("bleu1-by-level", t.chart()), t.claims());
    }

    /** One seed: tokenizer, pretraining, both orders of tuning from it, and the per-story scores of the three models. */
    public static Result compute(Settings s, Path dir, boolean display, String pairsFile) throws Exception {
        var world = StoryWorld.seed(s.seed());
        PairFile file = pairsFile == null ? null : PairSource.jsonl(Path.of(pairsFile)).seed(s.seed());
        PairSource source = file != null ? file : PairSource.world(world, StoryWorld.seed(HELD_OUT_WORLD + s.seed()));
        var tok = BpeTokenizer.train(file != null ? file.corpus() : world.corpus(s.tokenizerWords()), s.vocab());
        var shape = new EncoderDecoder.Config(tok.vocabSize(), 96, s.storyContext(), s.d(), s.layers(), s.layers(), s.heads(), s.seed());
        var levels = levels(source);
        var bleu = new LinkedHashMap<String, double[][]>();
        int half = s.tuneSteps() / 2;
        var methods = Map.of(
                FORWARD, List.of(Phase.weak(half), Phase.strong(half)),
                REVERSE, List.of(Phase.strong(half).lambdas(Lambdas.PRETRAIN, 0, 1), Phase.weak(half).lambdas(Lambdas.PRETRAIN, 1, Lambdas.WEAK)));
        for (var m : methods.values()) for (var p : m) for (int l : p.lambdas().active()) source.requireTraining(l); // before any training
        Path pretrained;
        try (var pre = curriculum(new EncoderDecoder(shape, tok.pad()), tok, source, s).phases(Phase.pretrain(s.pretrainWords()))
                .display(display).into(dir.resolve("pretrain"))) {
            pretrained = pre.next().checkpoint().resolve("params.bin");
            bleu.put(BASELINE, bleuPerStory(pre, s, levels));
        }
        for (String m : List.of(FORWARD, REVERSE)) {
            try (var c = curriculum(EncoderDecoder.load(shape, tok.pad(), pretrained), tok, source, s).phases(methods.get(m))
                    .display(false).into(dir.resolve(m.equals(FORWARD) ? "weak-strong" : "strong-weak"))) {
                c.run();
                bleu.put(m, bleuPerStory(c, s, levels));
                c.model().close();
            }
        }
        return new Result(bleu);
    }

    private static Curriculum curriculum(EncoderDecoder model, Tokenizer tok, PairSource source, Settings s) {
        return Curriculum.of(model, tok, source).batch(s.batch()).lr(s.lr()).evalStories(0).testSeed(HELD_OUT_WORLD + s.seed());
    }

    /** The levels scored: all five for the world; for a file, those it holds pairs out of (weak and strong are required). */
    private static List<Integer> levels(PairSource source) {
        source.requireHeldOut(1);
        source.requireHeldOut(4);
        if (!(source instanceof PairFile f)) return List.of(0, 1, 2, 3, 4);
        return java.util.stream.IntStream.range(0, Story.LEVELS).filter(l -> !f.heldOut(l).isEmpty()).boxed().toList();
    }

    private static double[][] bleuPerStory(Curriculum c, Settings s, List<Integer> levels) {
        var result = c.evaluation().stories(s.evalStories()).levels(levels).run();
        double[][] out = new double[Story.LEVELS][];
        for (int l = 0; l < Story.LEVELS; l++) out[l] = levels.contains(l) ? result.bleu1(l) : new double[0];
        return out;
    }

    /** The first 12 hex digits of the SHA-256 of a file's bytes (of a folder: of its files' bytes, in sorted order). */
    static String sha256(Path file) {
        try (var files = Files.walk(file)) {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var f : files.filter(Files::isRegularFile).sorted().toList()) digest.update(Files.readAllBytes(f));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pairs file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
