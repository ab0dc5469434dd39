package storylab.teacher;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import storylab.Lab;
import storylab.data.Corpora;
import storylab.data.Corpus;
import storylab.data.Document;
import storylab.data.world.StoryWorld;

/**
 * What the offline judge learns from, split three ways by document so that no text is judged by a model that
 * saw it: the judge's language model reads {@code lm}; its heads are fitted on passages of {@code fit} (real)
 * and damaged copies of them; {@code heldOut} is never trained on and is where its validity is measured.
 * Sources: stories of the story world, the Grimm tales of the lab's shared test corpora when they are found
 * ({@code shared/corpora} beside the StoryLab folder or above), and any corpora a user adds.
 */
public record JudgeTexts(List<String> lm, List<String> fit, List<String> heldOut, List<String> sources) {

    public static final String GRIMM_FILE = "grimms_fairy_tales_pg2591.txt";

    /** How many story-world stories the language model reads, and how many the heads are fitted on. */
    static final int WORLD_LM_STORIES = 3_000, WORLD_FIT_STORIES = 250;

    public JudgeTexts {
        lm = List.copyOf(lm);
        fit = List.copyOf(fit);
        heldOut = List.copyOf(heldOut);
        sources = List.copyOf(sources);
    }

    /** The default sources: the story world (seed 7) and the Grimm tales when found, plus {@code extra}. */
    public static JudgeTexts gather(List<Corpus> extra) {
        var lm = new ArrayList<String>();
        var fit = new ArrayList<String>();
        var held = new ArrayList<String>();
        var sources = new ArrayList<String>();
        StoryWorld.seed(7).stories(WORLD_LM_STORIES).forEach(s -> lm.add(s.text()));
        StoryWorld.seed(8).stories(WORLD_FIT_STORIES).forEach(s -> fit.add(s.text()));
        sources.add("story world (seeds 7 and 8, " + (WORLD_LM_STORIES + WORLD_FIT_STORIES) + " stories)");
        var all = new ArrayList<Corpus>();
        grimm().ifPresent(p -> all.add(Corpora.book(p)));
        all.addAll(extra);
        for (var corpus : all) {
            List<Document> docs;
            try (var s = corpus.stream()) {
                docs = s.toList();
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read " + corpus.name() + " for the offline judge: " + e.getMessage(), e);
            }
            if (docs.isEmpty()) throw new IllegalArgumentException(corpus.name() + " has no documents; point the judge at a file with text in it");
            // Every fifth document is held out, the next one fits the heads, the rest teach the language model.
            for (int i = 0; i < docs.size(); i++) (switch (i % 5) { case 0 -> held; case 1 -> fit; default -> lm; }).add(docs.get(i).text());
            sources.add(corpus.name() + " (" + docs.size() + " documents; every 5th held out)");
        }
        return new JudgeTexts(lm, fit, held, sources);
    }

    /** The Grimm tales of the lab's shared corpora, if a {@code shared/corpora} folder is beside the lab or above it. */
    public static Optional<Path> grimm() {
        String env = System.getenv("STORYLAB_CORPORA");
        if (env != null && !env.isBlank() && Files.isRegularFile(Path.of(env, GRIMM_FILE))) return Optional.of(Path.of(env, GRIMM_FILE));
        for (Path p : List.of(Lab.home().toAbsolutePath(), Path.of("").toAbsolutePath()))
            for (Path q = p; q != null; q = q.getParent()) {
                Path f = q.resolve("shared").resolve("corpora").resolve(GRIMM_FILE);
                if (Files.isRegularFile(f)) return Optional.of(f);
            }
        return Optional.empty();
    }

    /** Real (not generated) held-out passages, for validity checks: the held-out documents cut into passages. */
    public List<String> heldOutPassages() {
        return Passages.of(heldOut);
    }

    @Override
    public String toString() {
        return "JudgeTexts(" + String.join("; ", sources) + ")";
    }

    static long hash(List<String> texts) {
        long h = 1125899906842597L;
        for (var t : texts) h = 31 * h + t.hashCode();
        return h;
    }

    /** A fingerprint of every text, so a cached judge is only reused for the same sources. */
    long fingerprint() {
        return hash(lm) * 31 + hash(fit) * 17 + hash(heldOut);
    }

    /**
     * A story-world story rather than a real document: the world's stories are a few hundred words, the tales
     * and books the judge reads are thousands. The LM repeats real documents and the heads cut them into
     * passages; generated stories are used as they are.
     */
    static boolean isGenerated(String text) {
        return text.length() < 3_000;
    }
}
