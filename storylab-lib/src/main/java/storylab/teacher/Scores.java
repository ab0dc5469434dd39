package storylab.teacher;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import storylab.display.Displayable;
import storylab.display.MimeBundle;

/**
 * One story's grades: three integers 0–3, how they were obtained, who gave them, the teacher's raw
 * answer (LLM text, human input) and the reasons (rule teacher).
 *
 * <p>Fallback scores follow paper A: when the teacher could not be asked, or its answer held fewer than
 * three integers, the story gets the neutral {@code normalized() == 0.5}. Their three integers are 0 and
 * carry no information; {@link #sum()} then reports 4.5 so means over a run stay consistent with the
 * reward the student saw.
 */
public record Scores(int readability, int coherence, int creativity, Source source, String rater,
                     String explanation, List<Reason> reasons) implements Displayable {

    /** How the scores were obtained. */
    public enum Source {
        /** The teacher answered with three usable integers. */
        OK,
        /** The call failed (timeout, refused, HTTP error) after all retries: neutral 0.5. */
        FALLBACK_AFTER_FAILURE,
        /** The teacher answered, but not with three integers: neutral 0.5, as the paper does. */
        PARSE_FALLBACK;

        public boolean isFallback() {
            return this != OK;
        }
    }

    public static final double FALLBACK_NORM = 0.5;

    public Scores {
        Objects.requireNonNull(source, "source");
        check(readability, "readability");
        check(coherence, "coherence");
        check(creativity, "creativity");
        rater = rater == null ? "" : rater;
        explanation = explanation == null ? "" : explanation;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    private static void check(int v, String name) {
        if (v < 0 || v > 3) throw new IllegalArgumentException(name + " must be 0..3, got " + v);
    }

    public static Scores of(int readability, int coherence, int creativity) {
        return new Scores(readability, coherence, creativity, Source.OK, "", "", List.of());
    }

    /** The paper's verdict for an empty story or one without a full sentence. */
    public static Scores zero(String rater, String why) {
        return new Scores(0, 0, 0, Source.OK, rater, "", List.of(Reason.note(why)));
    }

    public static Scores fallback(Source source, String rater, String explanation, String why) {
        if (!source.isFallback()) throw new IllegalArgumentException("not a fallback source: " + source);
        return new Scores(0, 0, 0, source, rater, explanation, List.of(Reason.note(why)));
    }

    public Scores withRater(String newRater) {
        return new Scores(readability, coherence, creativity, source, newRater, explanation, reasons);
    }

    public int get(Criterion c) {
        return switch (c) {
            case READABILITY -> readability;
            case COHERENCE -> coherence;
            case CREATIVITY -> creativity;
        };
    }

    public boolean isFallback() {
        return source.isFallback();
    }

    /** The teacher score 0–9 as the paper reports it (4.5 for a fallback). */
    public double sum() {
        return isFallback() ? 9 * FALLBACK_NORM : readability + coherence + creativity;
    }

    /** teacher_norm in [0, 1]: sum / 9, or 0.5 for a fallback. */
    public double normalized() {
        return sum() / 9.0;
    }

    public List<Reason> reasons(Criterion c) {
        return reasons.stream().filter(r -> r.criterion() == c).toList();
    }

    @Override
    public String toString() {
        String s = readability + " " + coherence + " " + creativity;
        return isFallback() ? s + " (" + source + ", norm 0.5)" : s;
    }

    @Override
    public MimeBundle toMimeBundle() {
        var text = new StringBuilder("Scores ").append(this).append(rater.isEmpty() ? "" : " by " + rater);
        for (var r : reasons) text.append("\n  ").append(r);
        var html = new StringBuilder("<table class=\"storylab-scores\"><thead><tr><th>criterion</th><th>score</th><th>reasons</th></tr></thead><tbody>");
        for (var c : Criterion.values())
            html.append("<tr><td>").append(c.label()).append("</td><td>").append(isFallback() ? "–" : get(c))
                .append("</td><td>").append(reasonsHtml(reasons(c))).append("</td></tr>");
        html.append("<tr><td><b>sum</b></td><td><b>").append(fmt(sum())).append("</b> / 9</td><td>")
            .append(Html.esc(source.name())).append(rater.isEmpty() ? "" : " · " + Html.esc(rater))
            .append(explanation.isEmpty() ? "" : " · answer <code>" + Html.esc(explanation) + "</code>")
            .append(reasonsHtml(reasons(null))).append("</td></tr></tbody></table>");
        return MimeBundle.text(text.toString()).with(MimeBundle.HTML, html.toString());
    }

    static String reasonsHtml(List<Reason> rs) {
        if (rs.isEmpty()) return "";
        return rs.stream().map(r -> (r.cost() == 0 ? "" : String.format("−%.2f ", r.cost())) + Html.esc(r.why()))
                .collect(Collectors.joining("<br>"));
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.2f", v);
    }
}
