package storylab.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Ways to damage a good story, for checking that a teacher notices and for training the offline judge to
 * notice: each one should lower one {@linkplain #criterion() criterion}. A strength in (0, 1] says how much
 * of the story is damaged (0.5 when not given); the same text, seed and strength give the same damage.
 */
public enum Corruption {
    /** Words moved to random places, punctuation travelling with its word. */
    WORD_SHUFFLE(Criterion.READABILITY),
    /** Some words left out. */
    DROP_WORDS(Criterion.READABILITY),
    /** Neighbouring words swapped. */
    SWAP_WORDS(Criterion.READABILITY),
    /** Some words replaced by other words of the same story, out of place. */
    REPLACE_WORDS(Criterion.READABILITY),
    /** Function words ("the", "and", "of" …) stuffed in at random places. */
    PAD_FUNCTION_WORDS(Criterion.READABILITY),
    /** Sentences in a different order. */
    SENTENCE_SHUFFLE(Criterion.COHERENCE),
    /** The second part of the story comes from another story. */
    SPLICE(Criterion.COHERENCE),
    /** Two characters or things trade names part-way through. */
    SWAP_ENTITIES(Criterion.COHERENCE),
    /** Cut in the middle of a sentence: the paper's "cut off". */
    TRUNCATE(Criterion.COHERENCE),
    /** One sentence said twice in a row. */
    REPEAT_SENTENCE(Criterion.COHERENCE),
    /** The ending gets stuck, repeating its last words, as a degenerate sampler does. */
    LOOP_ENDING(Criterion.COHERENCE);

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?]['\"’”]?)\\s+(?=['\"‘“]?[A-Z])");
    private static final String[] PADDING = {"the", "and", "of", "a", "to", "was", "in", "that", "it", "with"};

    private final Criterion criterion;

    Corruption(Criterion criterion) {
        this.criterion = criterion;
    }

    /** The criterion this damage should lower. */
    public Criterion criterion() {
        return criterion;
    }

    /** Sentences of a text with their punctuation, split where a stop is followed by a capital. */
    public static List<String> sentences(String text) {
        return Arrays.stream(SENTENCE_END.split(text.strip())).filter(s -> !s.isBlank()).toList();
    }

    /**
     * A damaged copy of {@code texts[i]} at a random strength in [0.2, 1), its donor (for {@link #SPLICE}) another of
     * the texts: how the judge's heads are fitted on damaged passages, and how its order is probed.
     */
    public String copyOf(List<String> texts, int i, Random rnd) {
        String donor = texts.get((i + 1 + rnd.nextInt(texts.size() - 1)) % texts.size());
        return apply(texts.get(i), rnd.nextLong(), 0.2 + 0.8 * rnd.nextDouble(), donor);
    }

    /** Damage at the default strength 0.5; {@link #SPLICE} splices in the text's own sentences reversed. */
    public String apply(String text, long seed) {
        return apply(text, seed, 0.5, null);
    }

    /**
     * Damages {@code text}. {@code strength} in (0, 1] scales how much changes; {@code donor} is the other
     * story {@link #SPLICE} takes its second part from (others ignore it).
     */
    public String apply(String text, long seed, double strength, String donor) {
        if (!(strength > 0 && strength <= 1)) throw new IllegalArgumentException("strength must be in (0, 1], got " + strength);
        var rnd = new Random(seed);
        var w = new ArrayList<>(List.of(text.strip().split("\\s+")));
        int n = w.size();
        return switch (this) {
            case WORD_SHUFFLE -> {
                // Move a share of the words (at least 3) to random places; full strength is a full shuffle.
                var original = List.copyOf(w);
                if (strength >= 1) {
                    for (int t = 0; t < 5 && w.equals(original); t++) Collections.shuffle(w, rnd);
                    yield String.join(" ", w);
                }
                int moves = Math.max(3, (int) Math.round(n * 0.35 * strength));
                for (int t = 0; t < 5 && w.equals(original); t++)
                    for (int m = 0; m < moves && n > 1; m++) w.add(rnd.nextInt(n), w.remove(rnd.nextInt(n)));
                yield String.join(" ", w);
            }
            case DROP_WORDS -> {
                int drops = Math.max(2, (int) Math.round(n * 0.2 * strength));
                for (int d = 0; d < drops && w.size() > 3; d++) w.remove(rnd.nextInt(w.size() - 1));
                yield String.join(" ", w);
            }
            case SWAP_WORDS -> {
                int swaps = Math.max(2, (int) Math.round(n * 0.15 * strength));
                for (int s = 0; s < swaps && n > 2; s++) {
                    int i = rnd.nextInt(n - 1);
                    Collections.swap(w, i, i + 1);
                }
                yield String.join(" ", w);
            }
            case REPLACE_WORDS -> {
                int reps = Math.max(2, (int) Math.round(n * 0.15 * strength));
                var pool = List.copyOf(w);
                for (int r = 0; r < reps; r++) w.set(rnd.nextInt(n), strip(pool.get(rnd.nextInt(n))));
                yield String.join(" ", w);
            }
            case PAD_FUNCTION_WORDS -> {
                int pads = Math.max(3, (int) Math.round(n * 0.25 * strength));
                for (int p = 0; p < pads; p++) w.add(1 + rnd.nextInt(w.size() - 1), PADDING[rnd.nextInt(PADDING.length)]);
                yield String.join(" ", w);
            }
            case SENTENCE_SHUFFLE -> {
                var s = new ArrayList<>(sentences(text));
                if (s.size() < 2) yield text;
                var original = List.copyOf(s);
                // Strength 1 shuffles everything; weaker damage moves a few sentences to other places.
                int moves = Math.max(1, (int) Math.round(s.size() * strength));
                for (int t = 0; t < 10 && s.equals(original); t++) {
                    if (strength >= 1) Collections.shuffle(s, rnd);
                    else for (int m = 0; m < moves; m++) s.add(rnd.nextInt(s.size()), s.remove(rnd.nextInt(s.size())));
                }
                yield String.join(" ", s);
            }
            case SPLICE -> {
                var s = new ArrayList<>(sentences(text));
                var other = donor == null ? reversed(s) : sentences(donor);
                if (s.size() < 2 || other.isEmpty()) yield text;
                // Keep the first part, then continue with the donor's sentences from a random place.
                int keep = Math.max(1, Math.min(s.size() - 1, (int) Math.round(s.size() * (1 - 0.6 * strength))));
                int need = s.size() - keep, from = rnd.nextInt(Math.max(1, other.size() - need + 1));
                var out = new ArrayList<>(s.subList(0, keep));
                for (int i = 0; i < need; i++) out.add(other.get((from + i) % other.size()));
                yield String.join(" ", out);
            }
            case SWAP_ENTITIES -> swapEntities(w, rnd, strength);
            case TRUNCATE -> {
                if (n < 4) yield text;
                // Cut between 40% and 90% of the way (earlier when stronger), never right after a sentence end.
                int cut = (int) (n * (0.9 - 0.5 * strength * rnd.nextDouble()));
                while (cut > 1 && endsSentence(w.get(cut - 1))) cut--;
                yield String.join(" ", w.subList(0, Math.max(1, cut)));
            }
            case REPEAT_SENTENCE -> {
                var s = new ArrayList<>(sentences(text));
                int i = rnd.nextInt(s.size());
                int copies = 1 + (int) Math.floor(2 * strength * rnd.nextDouble());
                for (int c = 0; c < copies; c++) s.add(i + 1, s.get(i));
                yield String.join(" ", s);
            }
            case LOOP_ENDING -> {
                // The last few words come back again and again until the story has grown by a third or more.
                int span = 3 + rnd.nextInt(5), from = Math.max(0, n - span), extra = (int) (n * (0.2 + 0.4 * strength));
                var loop = new ArrayList<>(w.subList(from, n));
                loop.replaceAll(Corruption::strip);
                for (int i = 0; i < extra; i++) w.add(loop.get(i % loop.size()));
                yield String.join(" ", w);
            }
        };
    }

    /** Two different capitalized names (or, failing that, two content words) trade places after the first third. */
    private static String swapEntities(List<String> w, Random rnd, double strength) {
        var candidates = new ArrayList<String>();
        for (int i = 1; i < w.size(); i++) {
            String word = strip(w.get(i)), prev = w.get(i - 1);
            boolean name = Character.isUpperCase(word.isEmpty() ? 'a' : word.charAt(0)) && !endsSentence(prev) && !word.equals("I");
            if (name && !candidates.contains(word)) candidates.add(word);
        }
        if (candidates.size() < 2)
            for (String word : w) {
                String c = strip(word).toLowerCase();
                if (c.length() > 4 && !FunctionWords.STOP.contains(c) && !candidates.contains(c)) candidates.add(c);
            }
        if (candidates.size() < 2) return String.join(" ", w);
        Collections.shuffle(candidates, rnd);
        String a = candidates.get(0), b = candidates.get(1);
        int start = (int) (w.size() * (1 - strength) / 2);
        var out = new ArrayList<String>(w.size());
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            if (i >= start) word = word.replace(a, "\u0000").replace(b, a).replace("\u0000", b);
            out.add(word);
        }
        return String.join(" ", out);
    }

    private static List<String> reversed(List<String> s) {
        var r = new ArrayList<>(s);
        Collections.reverse(r);
        return r;
    }

    private static boolean endsSentence(String word) {
        return word.matches(".*[.!?]['\"’”]?");
    }

    /** A word without its surrounding punctuation. */
    private static String strip(String word) {
        String s = word.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
        return s.isEmpty() ? word : s;
    }
}
