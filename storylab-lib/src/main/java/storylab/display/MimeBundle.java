package storylab.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object rendered for display: MIME type → data (text, or base64 for binary images), as Jupyter's
 * {@code display_data} carries it. Every bundle has {@code text/plain}, so every front end can show something.
 */
public record MimeBundle(Map<String, String> data) {

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String JSON = "application/json";
    public static final String PNG = "image/png";
    public static final String SVG = "image/svg+xml";

    public MimeBundle {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        if (!data.containsKey(TEXT)) throw new IllegalArgumentException("a MIME bundle needs text/plain, got " + data.keySet());
    }

    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(TEXT, text));
    }

    /** A copy with one more representation. */
    public MimeBundle with(String mimeType, String value) {
        var copy = new LinkedHashMap<>(data);
        copy.put(mimeType, value);
        return new MimeBundle(copy);
    }

    public String plain() {
        return data.get(TEXT);
    }

    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    public String get(String mimeType) {
        return data.get(mimeType);
    }
}
