package storylab.data;

/** Word counting as BabyLM does it: maximal runs of non-whitespace. */
public final class Words {

    private Words() {}

    public static int count(CharSequence s) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean ws = Character.isWhitespace(s.charAt(i));
            if (!ws && !in) n++;
            in = !ws;
        }
        return n;
    }

    /** The first {@code max} words of {@code s}, keeping its original spacing. */
    public static String head(String s, long max) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean ws = Character.isWhitespace(s.charAt(i));
            if (!ws && !in && n++ == max) return s.substring(0, i).stripTrailing();
            in = !ws;
        }
        return s;
    }
}
