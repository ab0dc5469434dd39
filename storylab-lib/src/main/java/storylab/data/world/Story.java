package storylab.data.world;

import java.util.List;
import storylab.data.Document;
import storylab.display.Displayable;
import storylab.display.Html;
import storylab.display.MimeBundle;

/**
 * One generated story: its index in the world's stream, its plan, its text, and instructions asking for it at
 * levels 0 (none) to 4 (names every element of the plan).
 */
public record Story(long index, Plan plan, String text, List<String> instructions) implements Displayable {

    public static final int LEVELS = 5;

    /** The instruction at {@code level} 0–4; level 0 is the empty string. */
    public String instruction(int level) {
        if (level < 0 || level >= LEVELS) throw new IllegalArgumentException("instruction level must be 0–4, got " + level);
        return instructions.get(level);
    }

    public Document document() {
        return new Document("story-world#" + index, text);
    }

    public int words() {
        return storylab.data.Words.count(text);
    }

    @Override
    public MimeBundle toMimeBundle() {
        var plain = new StringBuilder("Story #").append(index).append('\n');
        plan.fields().forEach((k, v) -> plain.append("  ").append(k).append(": ").append(v).append('\n'));
        plain.append('\n').append(text);
        var html = new StringBuilder("<div class=\"storylab-story\"><table><caption>Story #").append(index).append("</caption>");
        plan.fields().forEach((k, v) -> html.append("<tr><th style=\"text-align:left\">").append(k).append("</th><td>").append(Html.escape(v)).append("</td></tr>"));
        html.append("</table>");
        for (int l = 1; l < LEVELS; l++)
            html.append("<p><small>instruction ").append(l).append(": ").append(Html.escape(instructions.get(l))).append("</small></p>");
        for (String para : text.split("\n\n")) html.append("<p>").append(Html.escape(para)).append("</p>");
        return MimeBundle.text(plain.toString()).with(MimeBundle.HTML, html.append("</div>").toString());
    }

}
