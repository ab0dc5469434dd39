package storylab.curriculum;

import java.nio.file.Path;
import java.util.List;
import storylab.data.Pair;
import storylab.data.world.StoryWorld;

/**
 * Where a curriculum's instruction/story pairs come from, per instruction level (0 = none, an empty instruction; 1
 * weak … 4 strong): an endless stream of training pairs and a separate held-out set for {@link Evaluation}. The
 * story world is one ({@link #world}); a JSON Lines file of the user's own pairs is another ({@link #jsonl}).
 * <pre>{@code
 * var pairs = PairSource.jsonl(Path.of("my-pairs.jsonl"), "strong"); // lines without "level" are strong
 * var cur = Curriculum.of(model, tokenizer, pairs).phases(Phase.pretrain(50_000), Phase.strong(300));
 * }</pre>
 */
public interface PairSource {

    /** Training pair number {@code index} (0, 1, 2, … for as long as training runs) of an instruction level 0–4. */
    Pair train(long index, int level);

    /** At most {@code n} held-out pairs of a level (never drawn by {@link #train}), the same ones on every call. */
    List<Pair> heldOut(int level, int n);

    /** Fails, naming the level and the source, when there is nothing to train on at this level. */
    default void requireTraining(int level) {}

    /** Fails, naming the level and the source, when there is nothing to evaluate at this level. */
    default void requireHeldOut(int level) {}

    /** Training stories from one world, held-out ones from another (another seed). */
    static PairSource world(StoryWorld train, StoryWorld heldOut) {
        return new WorldPairs(train, heldOut);
    }

    /**
     * The pairs of a JSON Lines file: {@code {"instruction": …, "story": …, "level": "weak"}} per line, every line
     * with a level (see {@link PairFile}).
     */
    static PairFile jsonl(Path file) {
        return PairFile.read(file, null);
    }

    /** The same, with lines that have no {@code "level"} taken as this level ("weak", "strong", "none" or 0–4). */
    static PairFile jsonl(Path file, String levelOfUnlabelled) {
        return PairFile.read(file, storylab.data.PairCorpus.level(levelOfUnlabelled));
    }

    /** Training pairs from the story world {@code train}; held-out pairs from the world {@code heldOut}. */
    record WorldPairs(StoryWorld train, StoryWorld heldOut) implements PairSource {
        @Override
        public Pair train(long index, int level) {
            var story = train.story(index);
            return new Pair(story.instruction(level), story.text());
        }

        @Override
        public List<Pair> heldOut(int level, int n) {
            return java.util.stream.LongStream.range(0, n).mapToObj(i -> {
                var story = heldOut.story(i);
                return new Pair(story.instruction(level), story.text());
            }).toList();
        }

        @Override
        public String toString() {
            return "story world " + train.seed() + " (held out: world " + heldOut.seed() + ")";
        }
    }
}
