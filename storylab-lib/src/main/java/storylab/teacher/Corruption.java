package storylab.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Ways to damage a good story, for checking that a teacher notices: each one should lower a particular
 * criterion. Deterministic for a given seed.
 */
public enum Corruption {
    /** Words in random order, punctuation travelling with its word: readability should drop. */
    WORD_SHUFFLE,
    /** Sentences in a different order: coherence should drop. */
    SENTENCE_SHUFFLE,
    /** Cut in the middle of the last sentences: coherence should drop (the paper's "cut off"). */
    TRUNCATE,
    /** One sentence said twice in a row: coherence and creativity should drop. */
    REPEAT_SENTENCE;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?]['\"’”]?)\\s+(?=['\"‘“]?[A-Z])");

    /** Sentences of a text with their punctuation, split where a stop is followed by a capital. */
    public static List<String> sentences(String text) {
        return Arrays.stream(SENTENCE_END.split(text.strip())).filter(s -> !s.isBlank()).toList();
    }

    public String apply(String text, long seed) {
        var rnd = new Random(seed);
        return switch (this) {
            case WORD_SHUFFLE -> {
                var w = new ArrayList<>(List.of(text.strip().split("\\s+")));
                var original = List.copyOf(w);
                for (int t = 0; t < 5 && w.equals(original); t++) Collections.shuffle(w, rnd);
                yield String.join(" ", w);
            }
            case SENTENCE_SHUFFLE -> {
                var s = new ArrayList<>(sentences(text));
                if (s.size() < 2) yield text;
                var original = List.copyOf(s);
                while (s.equals(original)) Collections.shuffle(s, rnd);
                yield String.join(" ", s);
            }
            case TRUNCATE -> {
                var w = text.strip().split("\\s+");
                if (w.length < 4) yield text;
                // Cut between 40% and 90% of the way, never right after a word that ends a sentence.
                int cut = (int) (w.length * (0.4 + 0.5 * rnd.nextDouble()));
                while (cut > 1 && w[cut - 1].matches(".*[.!?]['\"’”]?")) cut--;
                yield String.join(" ", Arrays.copyOf(w, cut));
            }
            case REPEAT_SENTENCE -> {
                var s = new ArrayList<>(sentences(text));
                int i = rnd.nextInt(s.size());
                s.add(i + 1, s.get(i));
                yield String.join(" ", s);
            }
        };
    }
}
