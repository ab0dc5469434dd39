package storylab.curriculum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import storylab.data.Corpora;
import storylab.data.Pair;
import storylab.data.PairCorpus;
import storylab.data.Split;
import storylab.data.world.Story;

/**
 * A JSON Lines file (or a folder of them) of the user's own instruction/story pairs, as a {@link PairSource}. One
 * pair per line: {@code {"instruction": "…", "story": "…", "level": "weak"}}, the level being "none", "weak", "strong"
 * or 0–4; lines without a level take the level named when reading, or are an error when none was named.
 * <ul>
 * <li>Level 0 (an empty instruction: phase 1's pretraining component) is every story of the file with its instruction
 *     left out; a line of level 0 gives its story only.</li>
 * <li>The held-out split is fixed: a story is held out when a hash of its text falls in the lowest {@link #HELD_OUT}
 *     fraction (or {@link #heldOut(double)}'s). It is the same on every run and seed, and every pair of a held-out
 *     story is held out, so no story is both trained on and evaluated.</li>
 * <li>Data order: each level's training pairs in an order shuffled by {@link #seed(long)}, reshuffled on every pass.</li>
 * </ul>
 * Bad input fails when the file is read, naming the file and line (a malformed line, a missing field, a level that is
 * not one of the above), or when a curriculum's phases are set, naming the level the file has no pairs of.
 */
public final class PairFile implements PairSource {

    /** The fraction of stories held out for evaluation by default. */
    public static final double HELD_OUT = 0.1;

    /** What rebuilds this source (a curriculum checkpoint keeps it, to resume). */
    public record Spec(String file, Integer unlabelled, double heldOut, long seed) {}

    private final Spec spec;
    private final List<PairCorpus.Entry> entries;
    private final List<List<Pair>> train = new ArrayList<>(), test = new ArrayList<>();
    private final long[] permEpoch = new long[Story.LEVELS];
    private final int[][] perm = new int[Story.LEVELS][];

    private PairFile(Spec spec, List<PairCorpus.Entry> entries) {
        if (!(spec.heldOut() > 0 && spec.heldOut() < 1))
            throw new IllegalArgumentException("the held-out fraction must be between 0 and 1 (exclusive), not " + spec.heldOut());
        this.spec = spec;
        this.entries = entries;
        for (int l = 0; l < Story.LEVELS; l++) {
            train.add(new ArrayList<>());
            test.add(new ArrayList<>());
        }
        var seen = List.of(new HashSet<String>(), new HashSet<String>());
        for (var e : entries) {
            int level = e.level() != null ? e.level() : spec.unlabelled();
            String story = e.pair().story();
            boolean held = isHeldOut(story, spec.heldOut());
            var side = held ? test : train;
            if (level > 0) side.get(level).add(e.pair());
            if (seen.get(held ? 1 : 0).add(story)) side.get(0).add(new Pair("", story));
        }
        java.util.Arrays.fill(permEpoch, -1);
    }

    /** Reads the whole file now (strictly: the first bad line stops it, named), so that nothing trains on half of it. */
    static PairFile read(Path file, Integer unlabelled) {
        List<PairCorpus.Entry> entries;
        try (var s = Corpora.jsonlPairs(file, "instruction", "story").strict().entries()) {
            entries = s.toList();
        }
        if (entries.isEmpty()) throw new IllegalArgumentException(file + " has no instruction/story pairs (one JSON object per line with \"instruction\" and \"story\")");
        for (var e : entries) {
            if (e.pair().story().isBlank()) throw new IllegalArgumentException(e.file() + ":" + e.line() + ": the \"story\" is empty — give the story, or remove the line");
            if (e.level() == null && unlabelled == null)
                throw new IllegalArgumentException(e.file() + ":" + e.line() + ": no \"level\" — give every line one (none, weak, strong or 0–4), "
                        + "or name the level of lines without one: PairSource.jsonl(file, \"strong\")");
        }
        return new PairFile(new Spec(file.toString(), unlabelled, HELD_OUT, 0), entries);
    }

    /** Rebuilds a source from its spec (resuming a curriculum). */
    static PairFile of(Spec spec) {
        return read(Path.of(spec.file()), spec.unlabelled()).heldOut(spec.heldOut()).seed(spec.seed());
    }

    /** The same pairs with this fraction of the stories held out for evaluation. */
    public PairFile heldOut(double fraction) {
        return new PairFile(new Spec(spec.file(), spec.unlabelled(), fraction, spec.seed()), entries);
    }

    /** The same pairs, drawn for training in the order this seed shuffles them. */
    public PairFile seed(long seed) {
        return new PairFile(new Spec(spec.file(), spec.unlabelled(), spec.heldOut(), seed), entries);
    }

    public Spec spec() {
        return spec;
    }

    /** Training pairs of a level (0: every training story, instruction left out). */
    public List<Pair> training(int level) {
        return List.copyOf(train.get(level));
    }

    /** All held-out pairs of a level. */
    public List<Pair> heldOut(int level) {
        return List.copyOf(test.get(level));
    }

    /** The training pairs' instructions and stories as a corpus (to train a tokenizer on; held-out pairs left out). */
    public storylab.data.Corpus corpus() {
        var docs = new ArrayList<storylab.data.Document>();
        for (int l = 0; l < Story.LEVELS; l++) // level 0 holds every training story once; the others add their instructions
            for (var p : train.get(l)) docs.add(new storylab.data.Document(Path.of(spec.file()).getFileName() + "#" + docs.size(), l == 0 ? p.story() : p.instruction()));
        String name = "training pairs of " + Path.of(spec.file()).getFileName();
        return new storylab.data.Corpus() {
            public String name() { return name; }
            public java.util.stream.Stream<storylab.data.Document> stream() { return docs.stream(); }
        };
    }

    @Override
    public Pair train(long index, int level) {
        requireTraining(level);
        var pairs = train.get(level);
        int n = pairs.size();
        long epoch = index / n;
        if (permEpoch[level] != epoch) {
            perm[level] = shuffled(n, new SplittableRandom(spec.seed() * 1_000_003L + level * 7_919L + epoch));
            permEpoch[level] = epoch;
        }
        return pairs.get(perm[level][(int) (index % n)]);
    }

    @Override
    public List<Pair> heldOut(int level, int n) {
        requireHeldOut(level);
        var pairs = test.get(level);
        return List.copyOf(pairs.subList(0, Math.min(n, pairs.size())));
    }

    @Override
    public void requireTraining(int level) {
        checkLevel(level);
        if (train.get(level).isEmpty())
            throw new IllegalArgumentException(spec.file() + " has no training pairs of level " + name(level) + " (it has " + counts()
                    + "): add lines with \"level\": " + level + ", or leave that level out of the phases");
    }

    @Override
    public void requireHeldOut(int level) {
        checkLevel(level);
        if (test.get(level).isEmpty())
            throw new IllegalArgumentException(spec.file() + " has no held-out pairs of level " + name(level) + " (it has " + counts()
                    + "; " + Math.round(100 * spec.heldOut()) + " % of the stories are held out by a hash of their text): add pairs of that level, "
                    + "raise heldOut(…), or leave the level out of the evaluation");
    }

    private static void checkLevel(int level) {
        if (level < 0 || level >= Story.LEVELS) throw new IllegalArgumentException("an instruction level is 0–4, not " + level);
    }

    static String name(int level) {
        return Lambdas.component(level) + " (" + level + ")";
    }

    /** "training: pretrain 40, weak 20, strong 20; held out: pretrain 4, weak 2, strong 2". */
    private String counts() {
        return "training: " + levels(train) + "; held out: " + levels(test);
    }

    private static String levels(List<List<Pair>> side) {
        var parts = new ArrayList<String>();
        for (int l = 0; l < side.size(); l++) if (!side.get(l).isEmpty()) parts.add(Lambdas.component(l) + " " + side.get(l).size());
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static int[] shuffled(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Whether a story is held out: a hash of its text as a uniform number, below the fraction (as corpus splits do). */
    static boolean isHeldOut(String story, double fraction) {
        return Split.inValidation(story, fraction, 0);
    }

    @Override
    public String toString() {
        return Path.of(spec.file()).getFileName() + ": " + counts() + " (seed " + spec.seed() + ")";
    }
}
