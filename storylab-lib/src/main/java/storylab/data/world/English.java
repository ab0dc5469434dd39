package storylab.data.world;

import java.util.Locale;
import java.util.Set;

/** The bits of English spelling the generator needs: "a" or "an", and capitals. */
public final class English {

    /** Placeholders written by templates for "a"/"A"; resolved once the next word is known. */
    static final char A_LOWER = '\u0001', A_UPPER = '\u0002';

    // Spelling is not sound: these start with a vowel letter but a consonant sound, or the other way round.
    private static final Set<String> VOWEL_LETTER_CONSONANT_SOUND = Set.of("uni", "use", "usu", "uti", "eu", "one", "once", "ewe", "ure", "uk");
    private static final Set<String> SILENT_H = Set.of("honest", "honour", "honor", "hour", "heir");

    private English() {}

    /** "a" or "an" for the word that follows. */
    public static String article(String nextWord) {
        return startsWithVowelSound(nextWord) ? "an" : "a";
    }

    static boolean startsWithVowelSound(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.isEmpty()) return false;
        for (String h : SILENT_H) if (w.startsWith(h)) return true;
        if ("aeiou".indexOf(w.charAt(0)) < 0) return false;
        for (String p : VOWEL_LETTER_CONSONANT_SOUND) if (w.startsWith(p)) return false;
        return true;
    }

    public static String capitalize(String s) {
        if (s.isEmpty()) return s;
        char c = s.charAt(0);
        if (c == A_LOWER) return A_UPPER + s.substring(1);
        return Character.toUpperCase(c) + s.substring(1);
    }

    /** Replaces the article placeholders in {@code text} by "a"/"an"/"A"/"An" according to the following word. */
    static String resolveArticles(CharSequence text) {
        int n = text.length();
        var out = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != A_LOWER && c != A_UPPER) {
                out.append(c);
                continue;
            }
            int j = i + 1;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == A_LOWER || text.charAt(j) == A_UPPER)) j++;
            int k = j;
            while (k < n && Character.isLetter(text.charAt(k))) k++;
            boolean an = startsWithVowelSound(text.subSequence(j, k).toString());
            out.append(c == A_UPPER ? 'A' : 'a');
            if (an) out.append('n');
        }
        return out.toString();
    }

    static boolean hasArticles(CharSequence s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == A_LOWER || s.charAt(i) == A_UPPER) return true;
        return false;
    }
}
