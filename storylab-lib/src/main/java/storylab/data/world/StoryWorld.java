package storylab.data.world;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import storylab.data.Corpus;
import storylab.data.Document;
import storylab.data.Pair;
import storylab.display.Displayable;
import storylab.display.MimeBundle;

/**
 * A procedural world of short children's stories: the lab's embedded default corpus. Deterministic by seed,
 * endless and lazy (story i depends only on the seed and i), with a plan and five levels of instruction for
 * every story, and probe sets (minimal pairs, entity tracking) drawn from the same words.
 *
 * <pre>{@code
 * var world = StoryWorld.seed(42);
 * world.stories().limit(3).forEach(Display::show);
 * Corpus pretraining = world.corpus(20_000_000);   // exactly 20 M words
 * }</pre>
 */
public final class StoryWorld implements Displayable {

    private static volatile WorldData builtIn;

    private final WorldData data;
    private final StoryWriter writer;
    private final long seed;

    private StoryWorld(WorldData data, long seed) {
        this.data = data;
        this.writer = new StoryWriter(data);
        this.seed = seed;
    }

    /** The built-in world (the files of {@code datasets/storyworld}, shipped in the jar) with this seed. */
    public static StoryWorld seed(long seed) {
        WorldData d = builtIn;
        if (d == null) builtIn = d = WorldData.builtIn();
        return new StoryWorld(d, seed);
    }

    /** A world read from a folder of files in the format of {@code datasets/storyworld}, e.g. an edited copy. */
    public static StoryWorld from(Path folder, long seed) {
        return new StoryWorld(WorldData.from(folder), seed);
    }

    /** The same world with another seed. */
    public StoryWorld withSeed(long seed) {
        return new StoryWorld(data, seed);
    }

    public long seed() {
        return seed;
    }

    /** Story number {@code index} (from 0) with its plan and instructions. */
    public Story story(long index) {
        var draft = writer.draft(seed, index);
        var plan = writer.plan(draft);
        var instructions = writer.instructions(draft, seed, index);
        return new Story(index, plan, writer.text(draft), List.copyOf(instructions));
    }

    /** Only the text of story {@code index}: the fast path for pretraining. */
    public String text(long index) {
        return writer.text(writer.draft(seed, index));
    }

    /** All stories, endless and lazy: use {@code limit}. */
    public Stream<Story> stories() {
        return LongStream.iterate(0, i -> i + 1).mapToObj(this::story);
    }

    public Stream<Story> stories(long count) {
        return LongStream.range(0, count).mapToObj(this::story);
    }

    /** The stories as an endless corpus (cap it with {@code words(n)} or {@code stream().limit(n)}). */
    public Corpus corpus() {
        return Corpus.of("story world (seed " + seed + ")", () -> LongStream.iterate(0, i -> i + 1).mapToObj(i -> new Document("story-world#" + i, text(i))));
    }

    /** Exactly {@code words} words of stories (the last one cut short). */
    public Corpus corpus(long words) {
        return corpus().words(words);
    }

    /** Instruction/story pairs at one level of specificity (0 = no instruction … 4 = names the whole plan), endless. */
    public Stream<Pair> pairs(int level) {
        if (level < 0 || level >= Story.LEVELS) throw new IllegalArgumentException("instruction level must be 0–4, got " + level);
        return stories().map(s -> new Pair(s.instruction(level), s.text()));
    }

    /** {@code n} grammatical/ungrammatical sentence pairs, balanced over the phenomena of {@link MinimalPair}. */
    public List<MinimalPair> minimalPairs(int n) {
        return new Probes(data, seed).minimalPairs(n);
    }

    /**
     * {@code n} entity-tracking questions inside the world's own stories: a story never used for training (far
     * down the stream) is cut just before one of its characters is named again (named already in the preceding
     * 60 words, so a model with a short context can see it), and the candidates are that character's name and
     * a name of the same gender the story never uses. Knowing who is in the story answers it; chance is 1/2.
     */
    public List<EntityQuestion> entityTracking(int n) {
        return new Probes(data, seed).storyCast(n, this::story);
    }

    /**
     * {@code n} questions about who holds an object after {@code transfers} hand-overs among three people
     * ("A gave the red ball to B. … Now the red ball is with"). The story world never tells such scenes, so
     * this probes transfer beyond the training text; chance is 1/3.
     */
    public List<EntityQuestion> handOvers(int n, int transfers) {
        return new Probes(data, seed).handOvers(n, transfers);
    }

    /**
     * How many different plans the world can draw: heroes × helpers × settings × goals × (obstacle, way
     * past it) × endings × (a moral or none). Wording choices multiply the number of texts far beyond this.
     */
    public BigInteger distinctPlots() {
        long characters = 0;
        for (var k : data.kinds) for (Gender g : k.genders()) characters += data.names.get(g).length;
        characters *= data.traits.size();
        long ways = data.obstacles.stream().mapToLong(o -> o.fixes().size()).sum();
        return BigInteger.valueOf(characters).pow(2).multiply(BigInteger.valueOf(data.settings.size()))
                .multiply(BigInteger.valueOf(data.goals.size())).multiply(BigInteger.valueOf(ways))
                .multiply(BigInteger.valueOf(data.endings.size())).multiply(BigInteger.valueOf(data.morals.size() + 1L));
    }

    @Override
    public String toString() {
        return "StoryWorld(seed " + seed + ", " + data.kinds.size() + " kinds, " + data.traits.size() + " traits, " + data.settings.size()
                + " settings, " + data.goals.size() + " goals, " + data.obstacles.size() + " obstacles, ~" + String.format("%.1e", distinctPlots().doubleValue()) + " plots)";
    }

    @Override
    public MimeBundle toMimeBundle() {
        var first = story(0);
        return MimeBundle.text(toString() + "\n\n" + first.text())
                .with(MimeBundle.HTML, "<div><p><b>" + storylab.display.Html.escape(toString()) + "</b></p>" + first.toMimeBundle().get(MimeBundle.HTML) + "</div>");
    }
}
