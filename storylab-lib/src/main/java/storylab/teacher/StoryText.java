package storylab.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A story cut once into lower-case words and sentences, with the surface facts the rubric rules read
 * (capitals, final punctuation, quotation marks). Hand-written scanner rather than regexes: the rule
 * teacher must grade thousands of stories a second.
 */
final class StoryText {

    /** Words [from, to) of one sentence; {@code terminated} when it ends with . ! or ?. */
    record Sentence(int from, int to, boolean capitalStart, boolean terminated, int quoteOpensAtStart, int quoteOpenAtEnd) {
        int length() {
            return to - from;
        }
    }

    final String[] words;          // lower case
    final boolean[] capitalized;   // first letter upper case in the text
    final boolean[] clauseInitial; // first word of a sentence or of a quotation
    final int[] sentenceOf;
    final List<Sentence> sentences;
    /** Closing marks with nothing open, or opening marks while one is open, in reading order. */
    final int quoteViolations;
    final boolean quoteOpenAtEnd;
    /** The last non-space, non-quote character is ., ! or ?. */
    final boolean endsTerminated;

    private static final String[] ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "mt"};

    private StoryText(String[] words, boolean[] capitalized, boolean[] clauseInitial, int[] sentenceOf, List<Sentence> sentences,
                      int quoteViolations, boolean quoteOpenAtEnd, boolean endsTerminated) {
        this.words = words;
        this.capitalized = capitalized;
        this.clauseInitial = clauseInitial;
        this.sentenceOf = sentenceOf;
        this.sentences = sentences;
        this.quoteViolations = quoteViolations;
        this.quoteOpenAtEnd = quoteOpenAtEnd;
        this.endsTerminated = endsTerminated;
    }

    int wordCount() {
        return words.length;
    }

    static StoryText parse(String text) {
        String s = text == null ? "" : text;
        int n = s.length();
        var words = new ArrayList<String>();
        boolean[] caps = new boolean[16], initial = new boolean[16];
        int[] sentOf = new int[16];
        boolean afterOpen = false;
        var sentences = new ArrayList<Sentence>();
        int sentStart = 0;
        boolean sentCapital = false;
        boolean single = false, dbl = false;   // quotation currently open
        int violations = 0;
        int openAtSentenceStart = 0;
        char lastSignificant = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (Character.isLetterOrDigit(d)) j++;
                    else if ((d == '\'' || d == '’' || d == '-') && j + 1 < n && Character.isLetter(s.charAt(j + 1))
                            && Character.isLetterOrDigit(s.charAt(j - 1))) j++;
                    else break;
                }
                if (words.size() == sentStart) sentCapital = Character.isUpperCase(c);
                String word = s.substring(i, j).toLowerCase(Locale.ROOT);
                if (word.indexOf('’') >= 0) word = word.replace('’', '\'');
                int at = words.size();
                if (at == caps.length) {
                    caps = Arrays.copyOf(caps, at * 2);
                    initial = Arrays.copyOf(initial, at * 2);
                    sentOf = Arrays.copyOf(sentOf, at * 2);
                }
                words.add(word);
                caps[at] = Character.isUpperCase(c);
                initial[at] = at == sentStart || afterOpen;
                sentOf[at] = sentences.size();
                afterOpen = false;
                lastSignificant = 'a';
                i = j;
                continue;
            }
            if (c == '"' || c == '“' || c == '”' || c == '\'' || c == '‘' || c == '’') {
                boolean isDouble = c == '"' || c == '“' || c == '”';
                char prev = i > 0 ? s.charAt(i - 1) : ' ';
                char next = i + 1 < n ? s.charAt(i + 1) : ' ';
                boolean opening = c == '“' || c == '‘'
                        || ((c == '"' || c == '\'') && (Character.isWhitespace(prev) || prev == '(' || prev == '[' || i == 0) && !Character.isWhitespace(next));
                boolean closing = !opening && (c == '”' || c == '"' || !Character.isLetterOrDigit(prev) || single);
                // A lone ' after a letter with no quotation open is an apostrophe (the kings' crowns).
                if (opening) {
                    afterOpen = true;
                    if (isDouble ? dbl : single) violations++;
                    if (isDouble) dbl = true; else single = true;
                } else if (closing) {
                    if (!(isDouble ? dbl : single)) violations++;
                    if (isDouble) dbl = false; else single = false;
                }
                i++;
                continue;
            }
            if (c == '.' || c == '!' || c == '?' || c == '…') {
                int j = i + 1;
                while (j < n && ".!?…'\"’”)]".indexOf(s.charAt(j)) >= 0) j++;
                // closing marks swallowed after the stop still close the quotation
                for (int k = i + 1; k < j; k++) {
                    char q = s.charAt(k);
                    if (q == '\'' || q == '’') { if (!single) violations++; single = false; }
                    else if (q == '"' || q == '”') { if (!dbl) violations++; dbl = false; }
                }
                int k = j;
                while (k < n && Character.isWhitespace(s.charAt(k))) k++;
                boolean boundary;
                if (k >= n) boundary = true;
                else {
                    char d = s.charAt(k);
                    if (d == '\'' || d == '"' || d == '“' || d == '‘') d = k + 1 < n ? s.charAt(k + 1) : 'x';
                    boundary = k > j && (Character.isUpperCase(d) || Character.isDigit(d));
                }
                if (boundary && c == '.' && words.size() > sentStart && isAbbreviation(words.get(words.size() - 1))) boundary = false;
                if (boundary && words.size() > sentStart) {
                    int openEnd = (single ? 1 : 0) + (dbl ? 1 : 0);
                    sentences.add(new Sentence(sentStart, words.size(), sentCapital, true, openAtSentenceStart, openEnd));
                    sentStart = words.size();
                    openAtSentenceStart = openEnd;
                }
                lastSignificant = '.';
                i = j;
                continue;
            }
            if (!Character.isWhitespace(c)) lastSignificant = c;
            i++;
        }
        if (words.size() > sentStart)
            sentences.add(new Sentence(sentStart, words.size(), sentCapital, false, openAtSentenceStart, (single ? 1 : 0) + (dbl ? 1 : 0)));
        int w = words.size();
        return new StoryText(words.toArray(String[]::new), Arrays.copyOf(caps, w), Arrays.copyOf(initial, w), Arrays.copyOf(sentOf, w), List.copyOf(sentences), violations, single || dbl,
                lastSignificant == '.');
    }

    private static boolean isAbbreviation(String w) {
        for (var a : ABBREVIATIONS) if (a.equals(w)) return true;
        return false;
    }

    /** Sentences with a final stop and at least two words: the paper's "full sentence". */
    int fullSentences() {
        int k = 0;
        for (var st : sentences) if (st.terminated() && st.length() >= 2) k++;
        return k;
    }

    String sentenceKey(Sentence st) {
        return String.join(" ", Arrays.copyOfRange(words, st.from(), st.to()));
    }
}
