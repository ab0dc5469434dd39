package storylab.curriculum;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import storylab.data.Pair;
import storylab.data.world.StoryWorld;
import storylab.text.Tokenizer;

/**
 * Instruction/story pairs from a {@link PairSource} (a story world by default), with each story shortened to the sentences that fit a token
 * budget: the decoder then always sees a story that ends (with end-of-text) rather than one cut mid-word,
 * so it learns to stop, and references for BLEU have the length the model can write.
 */
public final class StoryPairs {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”]?)\\s+");

    private final PairSource source;
    private final Tokenizer tokenizer;
    private final int maxStoryTokens;

    public StoryPairs(StoryWorld world, Tokenizer tokenizer, int maxStoryTokens) {
        this(PairSource.world(world, world), tokenizer, maxStoryTokens);
    }

    public StoryPairs(PairSource source, Tokenizer tokenizer, int maxStoryTokens) {
        this.source = source;
        this.tokenizer = tokenizer;
        this.maxStoryTokens = maxStoryTokens;
    }

    /** Training pair {@code index} of the source at instruction {@code level} (0 = empty): story {@code index} of a world. */
    public Pair pair(long index, int level) {
        return shortened(source.train(index, level));
    }

    /** At most {@code n} held-out pairs of a level, shortened the same way. */
    public List<Pair> heldOut(int level, int n) {
        return source.heldOut(level, n).stream().map(this::shortened).toList();
    }

    private Pair shortened(Pair p) {
        return new Pair(p.instruction(), shorten(p.story()));
    }

    /** The leading whole sentences that fit in the budget (the first sentence cut by tokens if it alone is too long). */
    public String shorten(String text) {
        int[] all = tokenizer.encode(text);
        if (all.length <= maxStoryTokens) return text;
        var m = SENTENCE_END.matcher(text);
        String kept = null;
        while (m.find()) {
            String head = text.substring(0, m.start());
            if (tokenizer.encode(head).length > maxStoryTokens) break;
            kept = head;
        }
        return kept != null ? kept : tokenizer.decode(Arrays.copyOf(all, maxStoryTokens));
    }

    public int maxStoryTokens() {
        return maxStoryTokens;
    }
}
