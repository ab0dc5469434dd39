package storylab.display;

import java.util.Locale;

/**
 * Text shown as Markdown below a cell: notebooks use it to state what a run found in words computed from the
 * run itself, so the prose can never promise what the numbers do not show.
 * <pre>{@code
 * Markdown.of("The loss fell from **%.2f** to **%.2f**.", first, last)
 * }</pre>
 */
public record Markdown(String text) implements Displayable {

    public Markdown {
        if (text == null) throw new IllegalArgumentException("Markdown needs a text, got null");
    }

    /** {@link String#format} with a fixed locale (a decimal point on every machine). */
    public static Markdown of(String format, Object... args) {
        return new Markdown(String.format(Locale.ROOT, format, args));
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(text).with(MimeBundle.MARKDOWN, text);
    }

    @Override
    public String toString() {
        return text;
    }
}
