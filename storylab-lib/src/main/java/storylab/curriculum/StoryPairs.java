package storylab.curriculum;

import java.util.Arrays;
import java.util.regex.Pattern;
import storylab.data.Pair;
import storylab.data.world.StoryWorld;
import storylab.text.Tokenizer;

/**
 * Instruction/story pairs from a story world, with each story shortened to the sentences that fit a token
 * budget: the decoder then always sees a story that ends (with end-of-text) rather than one cut mid-word,
 * so it learns to stop, and references for BLEU have the length the model can write.
 */
public final class StoryPairs {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”]?)\\s+");

    private final StoryWorld world;
    private final Tokenizer tokenizer;
    private final int maxStoryTokens;

    public StoryPairs(StoryWorld world, Tokenizer tokenizer, int maxStoryTokens) {
        this.world = world;
        this.tokenizer = tokenizer;
        this.maxStoryTokens = maxStoryTokens;
    }

    /** Story {@code index} of the world with its instruction of {@code level} (0 = empty). */
    public Pair pair(long index, int level) {
        var story = world.story(index);
        return new Pair(story.instruction(level), shorten(story.text()));
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
