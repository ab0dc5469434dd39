package storylab.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.split()} (no argument), so that token lists match the ones the reference
 * implementations saw. Python's notion of whitespace is wider than {@link Character#isWhitespace}:
 * it also includes no-break spaces (U+00A0, U+2007, U+202F) and U+0085.
 */
final class PyText {

    private PyText() {}

    /** Python's {@code str.isspace} for one code point: category Zs, or bidi class WS, B or S. */
    static boolean isSpace(int cp) {
        if (Character.getType(cp) == Character.SPACE_SEPARATOR) return true;
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_WHITESPACE || d == Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR
                || d == Character.DIRECTIONALITY_SEGMENT_SEPARATOR;
    }

    /** Maximal runs of non-whitespace code points. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) out.add(s.substring(start, i));
                start = -1;
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) out.add(s.substring(start));
        return out;
    }
}
