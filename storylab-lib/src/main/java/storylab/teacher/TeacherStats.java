package storylab.teacher;

import storylab.display.Displayable;
import storylab.display.MimeBundle;

/**
 * What a remote teacher has been through: stories asked about, answers from the cache, and every kind of
 * fault (each failed attempt counts once, so one story retried three times after timeouts adds 3 to
 * {@code timeouts} and 2 to {@code retries}).
 */
public record TeacherStats(long stories, long requests, long cacheHits, long ok, long timeouts, long http5xx,
                           long httpOther, long refused, long ioErrors, long garbage, long retries,
                           long fallbacks, double meanLatencyMs) implements Displayable {

    public long faults() {
        return timeouts + http5xx + httpOther + refused + ioErrors + garbage;
    }

    public double cacheHitRate() {
        return stories == 0 ? 0 : (double) cacheHits / stories;
    }

    @Override
    public String toString() {
        return String.format("TeacherStats(stories %d, requests %d, cache hits %d, ok %d, timeouts %d, http5xx %d, "
                        + "http other %d, refused %d, io errors %d, garbage %d, retries %d, fallbacks %d, %.0f ms/request)",
                stories, requests, cacheHits, ok, timeouts, http5xx, httpOther, refused, ioErrors, garbage, retries,
                fallbacks, meanLatencyMs);
    }

    @Override
    public MimeBundle toMimeBundle() {
        String[][] rows = {
                {"stories", String.valueOf(stories)}, {"HTTP requests", String.valueOf(requests)},
                {"cache hits", cacheHits + String.format(" (%.0f%%)", 100 * cacheHitRate())}, {"answered ok", String.valueOf(ok)},
                {"timeouts", String.valueOf(timeouts)}, {"HTTP 5xx", String.valueOf(http5xx)},
                {"HTTP other errors", String.valueOf(httpOther)}, {"connection refused", String.valueOf(refused)},
                {"other I/O errors", String.valueOf(ioErrors)}, {"garbage answers", String.valueOf(garbage)},
                {"retries", String.valueOf(retries)}, {"fallbacks (0.5)", String.valueOf(fallbacks)},
                {"mean latency", String.format("%.0f ms", meanLatencyMs)}};
        var html = new StringBuilder("<table class=\"storylab-teacher-stats\"><tbody>");
        for (var r : rows) {
            boolean bad = !r[1].startsWith("0") && (r[0].contains("time") || r[0].contains("HTTP ") || r[0].contains("refused")
                    || r[0].contains("garbage") || r[0].contains("fallback") || r[0].contains("I/O"));
            html.append("<tr><th style=\"text-align:left\">").append(r[0]).append("</th><td")
                .append(bad ? " style=\"color:#b00\"" : "").append(">").append(Html.esc(r[1])).append("</td></tr>");
        }
        return MimeBundle.text(toString()).with(MimeBundle.HTML, html.append("</tbody></table>").toString());
    }
}
