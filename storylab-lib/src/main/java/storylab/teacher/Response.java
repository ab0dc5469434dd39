package storylab.teacher;

import storylab.data.Words;
import storylab.display.Displayable;
import storylab.display.MimeBundle;

/** What a teacher grades: the student's response (a story) to a prompt — TRL's query and response. */
public record Response(String prompt, String text) implements Displayable {

    public Response {
        prompt = prompt == null ? "" : prompt;
        text = text == null ? "" : text;
    }

    public static Response of(String prompt, String text) {
        return new Response(prompt, text);
    }

    /** Words of the continuation only, as the paper's length bonus counts them. */
    public int words() {
        return Words.count(text);
    }

    /** A story card: the prompt faded, the continuation in full, its word count. */
    @Override
    public MimeBundle toMimeBundle() {
        String plain = (prompt.isEmpty() ? "" : "[" + prompt + "] ") + text + "\n(" + words() + " words)";
        String html = "<div class=\"storylab-story\" style=\"border:1px solid #ccc;border-radius:6px;padding:8px;max-width:48em\">"
                + (prompt.isEmpty() ? "" : "<div style=\"color:#888\">" + Html.esc(prompt) + "</div>")
                + "<div style=\"white-space:pre-wrap\">" + Html.esc(text) + "</div>"
                + "<div style=\"color:#888;font-size:small\">" + words() + " words</div></div>";
        return MimeBundle.text(plain).with(MimeBundle.HTML, html);
    }
}
