package storylab.display;

/** Escaping text for the HTML fragments lab objects render (tables, cards, reports). */
public final class Html {

    private Html() {}

    /** Text safe inside an element or a quoted attribute; null becomes empty. */
    public static String escape(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
