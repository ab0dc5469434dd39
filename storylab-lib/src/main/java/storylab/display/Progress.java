package storylab.display;

import java.time.Duration;

/**
 * How far a long task has come: {@code done} of {@code total} units (words, steps, stories), with a short
 * status line of metrics. The ETA comes from the elapsed time, assuming a steady rate.
 */
public record Progress(String task, long done, long total, String unit, Duration elapsed, String status) implements Displayable {

    public double fraction() {
        return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    }

    public boolean finished() {
        return total > 0 && done >= total;
    }

    public Duration eta() {
        if (done <= 0 || total <= 0) return Duration.ZERO;
        return Duration.ofMillis((long) (elapsed.toMillis() * (double) (total - done) / done));
    }

    /** One terminal line: {@code pretrain [#######.............]  35%  700,000/2,000,000 words  0:42 left  loss 3.21}. */
    public String bar(int width) {
        int filled = (int) Math.round(fraction() * width);
        return String.format("%s [%s%s] %3d%%  %,d/%,d %s  %s left  %s", task,
                "#".repeat(filled), ".".repeat(width - filled), Math.round(fraction() * 100),
                done, total, unit, clock(eta()), status == null ? "" : status).stripTrailing();
    }

    /** A small HTML progress bar for notebooks; the terminal line as text. */
    @Override
    public MimeBundle toMimeBundle() {
        int pct = (int) Math.round(fraction() * 100);
        String html = ("<div style=\"font-family:monospace;font-size:12px\"><b>%s</b> "
                + "<progress value=\"%d\" max=\"100\" style=\"width:240px;vertical-align:middle\"></progress> %d%%"
                + " &nbsp; %,d / %,d %s &nbsp; %s &nbsp; %s</div>").formatted(
                Html.escape(task), pct, pct, done, total, Html.escape(unit),
                finished() ? "done in " + clock(elapsed) : clock(eta()) + " left", status == null ? "" : Html.escape(status));
        return MimeBundle.text(bar(30)).with(MimeBundle.HTML, html);
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
