package storylab.experiment;

import java.util.List;
import storylab.display.Displayable;
import storylab.display.Html;
import storylab.display.MimeBundle;
import storylab.teacher.Criterion;

/** The reproduction's report: the plan, the key numbers, and each claim with the paper's finding, ours and the verdict. */
public record Report(ExperimentPlan plan, ThresholdResult threshold, Ablations.AblationResult ablations, List<Claim> claims,
                     List<String> notes, List<String> figures, double seconds) implements Displayable {

    public String markdown() {
        var sb = new StringBuilder("# StoryLab reproduction — scale " + plan.scale() + "\n\n");
        sb.append(String.format("Wall time: %.1f min (finished runs are reused). Student: %s; pretraining to %s words with checkpoints at %s; "
                        + "PPO %d steps × %d stories from each; teacher: %s.%n%n",
                seconds / 60, plan.model().withVocab(plan.vocab()), Equivalence.words(plan.pretrainWords()),
                String.join(", ", plan.milestones().stream().map(Equivalence::words).toList()), plan.rl().run().steps(), plan.rl().optim().batch(), plan.teacher()));
        sb.append("## Claims\n\n| claim | paper | this run | verdict |\n|---|---|---|---|\n");
        for (var c : claims) sb.append("| ").append(cell(c.statement())).append(" | ").append(cell(c.paper())).append(" | ").append(cell(c.found()))
                .append(" | **").append(c.verdict()).append("** |\n");
        sb.append("\n## Teacher score before and after RL (0–9, mean ± std over ").append(plan.evalStories()).append(" stories)\n\n");
        sb.append("| pretraining words | before | after | gain | R/C/K before | R/C/K after | length before → after | final KL | interaction words |\n|---|---|---|---|---|---|---|---|---|\n");
        for (var r : threshold.runs()) {
            var b = r.before();
            var a = r.after();
            var steps = r.steps();
            sb.append(String.format("| %s | %.2f ± %.2f | %.2f ± %.2f | %+.2f | %s | %s | %.0f → %.0f | %.2f | %,d |%n", Equivalence.words(r.settings().pretrainWords()),
                    b.scoreMean(), b.scoreStd(), a.scoreMean(), a.scoreStd(), r.gain(), rck(b), rck(a), b.words(), a.words(),
                    steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).kl(), r.interactionWords()));
        }
        sb.append("\n## Equivalence\n\n");
        for (var e : threshold.equivalences()) sb.append("- ").append(e).append('\n');
        sb.append("\n## Formal competence (accuracy, pretrained → after RL)\n\n| pretraining words | minimal pairs | entity tracking |\n|---|---|---|\n");
        for (var r : threshold.runs()) {
            var b = r.before().competence();
            var a = r.after().competence();
            if (b == null || a == null) continue;
            sb.append(String.format("| %s | %.3f → %.3f | %.3f → %.3f |%n", Equivalence.words(r.settings().pretrainWords()),
                    b.minimalPairs(), a.minimalPairs(), b.entityTracking(), a.entityTracking()));
        }
        sb.append("\n## Ablations (from the ").append(Equivalence.words(ablations.fromWords())).append("-word checkpoint, ")
                .append(plan.ablationSteps()).append(" PPO steps each)\n\n| group | variant | before | after | gain | length after | final KL |\n|---|---|---|---|---|---|---|\n");
        for (var row : ablations.rows()) {
            var r = row.result();
            var steps = r.steps();
            sb.append(String.format("| %s | %s | %.2f | %.2f | %+.2f | %.0f | %.2f |%n", row.group(), row.variant(), r.before().scoreMean(), r.after().scoreMean(), r.gain(),
                    r.after().words(), steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).kl()));
        }
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            for (var n : notes) sb.append("- ").append(n).append('\n');
        }
        sb.append("\n## Figures\n\n");
        for (var f : figures) sb.append("![").append(f).append("](figures/").append(f).append(".png)\n");
        sb.append("\nTables: `tables/*.csv`. Every run's settings and result: `runs-").append(plan.scale()).append("/<kind>-<hash>/`.\n");
        return sb.toString();
    }

    private static String rck(TeacherEvaluation e) {
        return String.format("%.2f/%.2f/%.2f", e.get(Criterion.READABILITY), e.get(Criterion.COHERENCE), e.get(Criterion.CREATIVITY));
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** A small self-contained HTML page: the Markdown's content as tables and images. */
    public String html() {
        var sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>StoryLab reproduction</title>"
                + "<style>body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}"
                + "img{max-width:48%;margin:4px}</style></head><body>");
        boolean inTable = false;
        for (String line : markdown().split("\n")) {
            if (line.startsWith("|")) {
                if (line.matches("\\|(---\\|)+")) continue;
                String tag = inTable ? "td" : "th";
                if (!inTable) sb.append("<table>");
                inTable = true;
                sb.append("<tr>");
                for (String c : line.substring(1, line.length() - 1).split(" \\| ", -1))
                    sb.append('<').append(tag).append('>').append(inline(c.strip())).append("</").append(tag).append('>');
                sb.append("</tr>");
                continue;
            }
            if (inTable) { sb.append("</table>"); inTable = false; }
            if (line.startsWith("## ")) sb.append("<h2>").append(Html.escape(line.substring(3))).append("</h2>");
            else if (line.startsWith("# ")) sb.append("<h1>").append(Html.escape(line.substring(2))).append("</h1>");
            else if (line.startsWith("![")) {
                String src = line.substring(line.indexOf("](") + 2, line.length() - 1);
                sb.append("<img src=\"").append(Html.escape(src)).append("\" alt=\"").append(Html.escape(src)).append("\">");
            } else if (line.startsWith("- ")) sb.append("<li>").append(inline(line.substring(2))).append("</li>");
            else if (!line.isBlank()) sb.append("<p>").append(inline(line)).append("</p>");
        }
        if (inTable) sb.append("</table>");
        return sb.append("</body></html>").toString();
    }

    private static String inline(String s) {
        return Html.escape(s).replace("\\|", "|").replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("`(.+?)`", "<code>$1</code>");
    }


    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(markdown()).with(MimeBundle.HTML, html());
    }
}
