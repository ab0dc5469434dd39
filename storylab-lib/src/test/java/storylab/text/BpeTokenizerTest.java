package storylab.text;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.data.Corpus;
import storylab.data.world.StoryWorld;

class BpeTokenizerTest {

    static BpeTokenizer bpe;
    static Corpus stories = StoryWorld.seed(1).corpus(200_000);

    @BeforeAll
    static void train() {
        bpe = BpeTokenizer.train(stories, 2000);
    }

    @Test
    void preTokenizerSplitsLikeGpt2() {
        assertEquals(List.of("Hello", ",", " world", "'s", "  ", " end", "!\"", "\n\n", " 42", " x"), pieces("Hello, world's   end!\"\n\n 42 x"));
        assertEquals(List.of("a", "\n", "b", "  "), pieces("a\nb  "));
        assertEquals(List.of("I", "'ll", " go", "'", " home"), pieces("I'll go' home"));
    }

    private static List<String> pieces(String s) {
        List<String> out = new ArrayList<>();
        PreTokenizer.split(s, (a, b) -> out.add(s.substring(a, b)));
        assertEquals(s, String.join("", out));
        return out;
    }

    @Test
    void losslessOnRandomUnicodeIncludingEmojiCjkAndLoneSurrogates() {
        var r = new SplittableRandom(7);
        int[][] ranges = {{0x20, 0x7E}, {0x0A, 0x0D}, {0xA0, 0x2FF}, {0x4E00, 0x9FFF}, {0x1F300, 0x1FAFF}, {0x0600, 0x06FF}, {0x3040, 0x30FF}, {0x10000, 0x10FFFF}, {0x300, 0x36F}, {0x2000, 0x206F}};
        for (int t = 0; t < 300; t++) {
            var sb = new StringBuilder();
            int n = r.nextInt(60);
            for (int i = 0; i < n; i++) {
                int[] range = ranges[r.nextInt(ranges.length)];
                sb.appendCodePoint(range[0] + r.nextInt(range[1] - range[0] + 1));
                if (r.nextInt(20) == 0) sb.append((char) (0xD800 + r.nextInt(0x800))); // a lone surrogate
                if (r.nextInt(5) == 0) sb.append(' ');
            }
            String s = sb.toString();
            assertEquals(s, bpe.decode(bpe.encode(s)), () -> "round trip failed for " + s.codePoints().mapToObj(Integer::toHexString).toList());
        }
        String story = StoryWorld.seed(99).text(3);
        assertEquals(story, bpe.decode(bpe.encode(story)));
    }

    @Test
    void compressesStoryText() {
        String story = StoryWorld.seed(99).text(5);
        int[] ids = bpe.encode(story);
        assertTrue(ids.length < story.length() / 3.0, ids.length + " tokens for " + story.length() + " chars");
        assertEquals(2000, bpe.vocabSize());
        for (int id : ids) assertTrue(id >= 0 && id < bpe.vocabSize() && (id < 256 || id > 258));
    }

    @Test
    void specialsAndSaveLoad(@TempDir Path dir) throws IOException {
        assertEquals(256, bpe.eot());
        assertEquals(257, bpe.pad());
        assertEquals(258, bpe.special("<|sep|>"));
        assertEquals("ab", bpe.decode(new int[] {'a', bpe.eot(), 'b', bpe.pad()}));
        Path file = dir.resolve("bpe.json");
        bpe.save(file);
        Tokenizer loaded = Tokenizers.load(file);
        assertInstanceOf(BpeTokenizer.class, loaded);
        String s = StoryWorld.seed(5).text(0);
        assertArrayEquals(bpe.encode(s), loaded.encode(s));
        assertEquals(bpe.vocabSize(), loaded.vocabSize());
    }

    @Test
    void trainingIsDeterministic(@TempDir Path dir) throws IOException {
        BpeTokenizer again = BpeTokenizer.train(stories, 2000);
        bpe.save(dir.resolve("a.json"));
        again.save(dir.resolve("b.json"));
        assertEquals(Files.readString(dir.resolve("a.json")), Files.readString(dir.resolve("b.json")));
    }

    @Test
    void incrementalTrainerAgreesWithNaiveRecounting() {
        Corpus small = StoryWorld.seed(3).corpus(3_000);
        BpeTokenizer fast = BpeTokenizer.trainer().vocabSize(259 + 150).train(small);
        List<int[]> naive = naiveMerges(small, 150);
        assertEquals(naive.size(), fast.merges());
        String text = small.stream().map(d -> d.text()).reduce("", String::concat);
        // same merges in the same order ⇒ same encoding
        BpeTokenizer reference = new BpeTokenizer(ByteTokenizer.DEFAULT_SPECIALS, naive.toArray(int[][]::new));
        assertArrayEquals(reference.encode(text), fast.encode(text));
    }

    /** Textbook BPE: recount every pair after every merge; ties to the smaller (left, right). */
    private static List<int[]> naiveMerges(Corpus corpus, int count) {
        Map<List<Integer>, Integer> words = new HashMap<>();
        corpus.stream().forEach(d -> PreTokenizer.split(d.text(), (a, b) -> {
            List<Integer> w = new ArrayList<>();
            for (byte x : Utf8.encode(d.text().substring(a, b))) w.add(x & 0xFF);
            words.merge(w, 1, Integer::sum);
        }));
        List<int[]> merges = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            Map<Long, Long> pairs = new HashMap<>();
            words.forEach((w, f) -> { for (int i = 0; i + 1 < w.size(); i++) pairs.merge(BpeTokenizer.key(w.get(i), w.get(i + 1)), (long) f, Long::sum); });
            long best = -1, bestCount = 0;
            for (var e : pairs.entrySet()) {
                long k = e.getKey(), c = e.getValue();
                if (c > bestCount || (c == bestCount && k < best)) { best = k; bestCount = c; }
            }
            if (bestCount < 2) break;
            int a = (int) (best >>> 32), b = (int) best, merged = 259 + m;
            merges.add(new int[] {a, b});
            Map<List<Integer>, Integer> next = new HashMap<>();
            words.forEach((w, f) -> {
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < w.size(); i++) {
                    if (i + 1 < w.size() && w.get(i) == a && w.get(i + 1) == b) { out.add(merged); i++; }
                    else out.add(w.get(i));
                }
                next.merge(out, f, Integer::sum);
            });
            words.clear();
            words.putAll(next);
        }
        return merges;
    }
}
