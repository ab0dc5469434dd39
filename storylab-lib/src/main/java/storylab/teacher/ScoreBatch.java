package storylab.teacher;

import java.util.List;
import storylab.display.Displayable;
import storylab.display.MimeBundle;

/** A batch of stories with their scores, index-aligned; renders as a table with the reasons. */
public record ScoreBatch(List<Response> stories, List<Scores> scores) implements Displayable {

    /** Rows shown in a notebook; the rest is summarized. */
    static final int MAX_ROWS = 30;

    public ScoreBatch {
        stories = List.copyOf(stories);
        scores = List.copyOf(scores);
        if (stories.size() != scores.size())
            throw new IllegalArgumentException(stories.size() + " stories but " + scores.size() + " scores");
    }

    public int size() {
        return scores.size();
    }

    public Scores get(int i) {
        return scores.get(i);
    }

    /** Mean teacher score 0–9 (fallbacks count 4.5, as their reward does). */
    public double meanSum() {
        return scores.stream().mapToDouble(Scores::sum).average().orElse(Double.NaN);
    }

    /** Mean of one criterion over the non-fallback scores. */
    public double mean(Criterion c) {
        return scores.stream().filter(s -> !s.isFallback()).mapToInt(s -> s.get(c)).average().orElse(Double.NaN);
    }

    public long fallbacks() {
        return scores.stream().filter(Scores::isFallback).count();
    }

    /** One reward per story, in order, for the PPO step. */
    public double[] rewards(Reward reward) {
        double[] r = new double[size()];
        for (int i = 0; i < r.length; i++) r[i] = reward.of(scores.get(i), stories.get(i).text());
        return r;
    }

    public String summary() {
        return String.format("%d stories · mean score %.2f / 9 (R %.2f, C %.2f, K %.2f) · %d fallbacks", size(), meanSum(),
                mean(Criterion.READABILITY), mean(Criterion.COHERENCE), mean(Criterion.CREATIVITY), fallbacks());
    }

    @Override
    public MimeBundle toMimeBundle() {
        var text = new StringBuilder(summary());
        var html = new StringBuilder("<div class=\"storylab-scorebatch\"><p>").append(Html.esc(summary()))
                .append("</p><table><thead><tr><th>#</th><th>story</th><th>words</th>");
        for (var c : Criterion.values()) html.append("<th title=\"").append(c.label()).append("\">").append(c.letter()).append("</th>");
        html.append("<th>sum</th><th>how</th><th>reasons</th></tr></thead><tbody>");
        int shown = Math.min(size(), MAX_ROWS);
        for (int i = 0; i < shown; i++) {
            Scores s = scores.get(i);
            Response st = stories.get(i);
            text.append(String.format("%n%3d  %-7s %-40s", i, s, Html.clip(st.text(), 40)));
            html.append("<tr><td>").append(i).append("</td><td title=\"").append(Html.esc(st.text())).append("\">")
                .append(Html.esc(Html.clip(st.text(), 80))).append("</td><td>").append(st.words()).append("</td>");
            for (var c : Criterion.values()) html.append("<td>").append(s.isFallback() ? "–" : s.get(c)).append("</td>");
            html.append("<td>").append(Scores.fmt(s.sum())).append("</td><td>")
                .append(s.source() == Scores.Source.OK ? Html.esc(s.rater()) : Html.esc(s.source().name()))
                .append("</td><td>").append(Scores.reasonsHtml(s.reasons())).append("</td></tr>");
        }
        if (size() > shown) {
            html.append("<tr><td colspan=\"9\">… ").append(size() - shown).append(" more …</td></tr>");
            text.append("\n… ").append(size() - shown).append(" more");
        }
        html.append("</tbody></table></div>");
        return MimeBundle.text(text.toString()).with(MimeBundle.HTML, html.toString());
    }
}
