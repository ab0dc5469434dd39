package storylab.text;

/**
 * Splits text into the pieces BPE merges never cross, the way GPT-2 does: a word with its leading space,
 * a number with its leading space, a run of punctuation with its leading space, English contractions
 * ('s 't 're 've 'm 'll 'd), and runs of whitespace (the last space of a run joins the next word).
 * Hand-written rather than a regex because it is the hot loop of both training and encoding.
 */
public final class PreTokenizer {

    /** Receives each piece as [start, end) of the text. */
    @FunctionalInterface
    public interface PieceConsumer {
        void piece(int start, int end);
    }

    private PreTokenizer() {}

    public static void split(String s, PieceConsumer out) {
        int n = s.length(), i = 0;
        while (i < n) {
            int c = s.codePointAt(i);
            int end;
            if (c == '\'' && (end = contraction(s, i)) > 0) {
                out.piece(i, end);
                i = end;
                continue;
            }
            if (isSpace(c)) {
                int j = i;
                while (j < n && isSpace(s.codePointAt(j))) j += Character.charCount(s.codePointAt(j));
                if (j == n) { out.piece(i, j); i = j; continue; }
                // the run is followed by a non-space: the last char joins the next piece if it is a plain space
                int last = s.offsetByCodePoints(j, -1);
                if (last > i) { out.piece(i, last); i = last; continue; }
                if (c != ' ') { out.piece(i, j); i = j; continue; }
                end = run(s, j, kind(s.codePointAt(j)));
                out.piece(i, end);
                i = end;
                continue;
            }
            end = run(s, i, kind(c));
            out.piece(i, end);
            i = end;
        }
    }

    private static final int LETTER = 0, NUMBER = 1, OTHER = 2;

    private static int run(String s, int i, int kind) {
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            if (ch < 128) { // ASCII fast path
                if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == 0x0B || ch == '\f' || ASCII_KIND[ch] != kind) break;
                if (kind == OTHER && ch == '\'' && contraction(s, i) > 0) break;
                i++;
                continue;
            }
            int c = s.codePointAt(i);
            if (isSpace(c) || kind(c) != kind) break;
            if (kind == OTHER && c == '\'' && contraction(s, i) > 0) break;
            i += Character.charCount(c);
        }
        return i;
    }

    /** Kinds of the ASCII characters, looked up instead of asking Character: the common case. */
    private static final byte[] ASCII_KIND = new byte[128];

    static {
        for (int c = 0; c < 128; c++) ASCII_KIND[c] = (byte) (Character.isLetter(c) ? LETTER : Character.isDigit(c) ? NUMBER : OTHER);
    }

    private static int kind(int c) {
        if (c < 128) return ASCII_KIND[c];
        if (Character.isLetter(c)) return LETTER;
        int t = Character.getType(c);
        if (t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER) return NUMBER;
        return OTHER;
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c > 127 && Character.isWhitespace(c)) || c == 0x0B || c == '\f';
    }

    /** End of a contraction starting at the apostrophe at i, or -1. */
    private static int contraction(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) return -1;
        char a = s.charAt(i + 1);
        if (a == 's' || a == 't' || a == 'm' || a == 'd') return i + 2;
        if (i + 2 < n) {
            char b = s.charAt(i + 2);
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return i + 3;
        }
        return -1;
    }
}
