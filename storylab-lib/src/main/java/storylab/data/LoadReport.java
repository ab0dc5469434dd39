package storylab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import storylab.display.Displayable;
import storylab.display.Html;
import storylab.display.MimeBundle;

/**
 * What a corpus pass skipped: how many malformed lines or records, and the first few with file, line and
 * reason. Filled while streaming; summarised once when the pass ends.
 */
public final class LoadReport implements Displayable {

    /** One skipped line or record. */
    public record Problem(Path file, long line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    static final int KEPT = 10;

    private final String corpus;
    private final List<Problem> examples = new ArrayList<>();
    private long problems;
    private long documents;

    LoadReport(String corpus) {
        this.corpus = corpus;
    }

    static LoadReport none(String corpus) {
        return new LoadReport(corpus);
    }

    void skip(Path file, long line, String reason) {
        problems++;
        if (examples.size() < KEPT) examples.add(new Problem(file, line, reason));
    }

    void document() {
        documents++;
    }

    /** Malformed lines or records skipped. */
    public long problems() {
        return problems;
    }

    /** Documents read. */
    public long documents() {
        return documents;
    }

    /** The first few problems (at most 10). */
    public List<Problem> examples() {
        return List.copyOf(examples);
    }

    public boolean clean() {
        return problems == 0;
    }

    @Override
    public String toString() {
        if (problems == 0) return corpus + ": " + documents + " documents, no problems";
        var sb = new StringBuilder(corpus).append(": ").append(documents).append(" documents, skipped ").append(problems)
                .append(" malformed line(s) or record(s); first ").append(examples.size()).append(':');
        for (var p : examples) sb.append("\n  ").append(p);
        return sb.append("\n(use .strict() to stop at the first one)").toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        var html = new StringBuilder("<div><b>").append(Html.escape(corpus)).append("</b>: ").append(documents).append(" documents, ")
                .append(problems).append(" skipped");
        if (!examples.isEmpty()) {
            html.append("<ul>");
            for (var p : examples) html.append("<li><code>").append(Html.escape(p.toString())).append("</code></li>");
            html.append("</ul>");
        }
        return MimeBundle.text(toString()).with(MimeBundle.HTML, html.append("</div>").toString());
    }

}
