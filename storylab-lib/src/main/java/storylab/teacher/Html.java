package storylab.teacher;

/** Escaping for the small HTML fragments this package renders. */
final class Html {

    private Html() {}

    static String esc(String s) {
        return storylab.display.Html.escape(s);
    }

    /** The first {@code max} characters, with an ellipsis when cut, for table cells. */
    static String clip(String s, int max) {
        if (s == null) return "";
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
