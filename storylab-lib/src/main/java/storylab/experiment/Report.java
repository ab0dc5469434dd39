package storylab.experiment;

import java.util.List;
import storylab.display.Displayable;
import storylab.display.Html;
import storylab.display.MimeBundle;
import storylab.teacher.Criterion;
import tech.tablesaw.api.Table;

/**
 * The reproduction's report: the plan, the key numbers over seeds with 95 % CIs, each claim with the paper's
 * finding, ours and the verdict, and where the runs came from (code version, reused or recomputed runs).
 */
public record Report(ExperimentPlan plan, ThresholdSeeds seeds, Ablations.AblationResult ablations, List<Claim> claims,
                     List<String> notes, List<String> figures, double seconds, Provenance provenance) implements Displayable {

    /**
     * Where the numbers came from.
     *
     * @param code     the code that ran the reproduction
     * @param threads  PyTorch threads (results are deterministic for a recipe, seed and thread count)
     * @param runs     what the run store did: "12 reused, 3 computed"
     * @param stale    runs made by other code, reused (--reuse-stale) or redone
     * @param failed   experiments that failed (their claims are "not run"; the command exits non-zero)
     */
    public record Provenance(CodeVersion code, int threads, String runs, List<RunStore.Use> stale, List<String> failed) {}

    /** The machine-readable summary (summary.json). */
    public Summary summary() {
        return Summary.of(this);
    }

    public String markdown() {
        var sb = new StringBuilder("# StoryLab reproduction — scale " + plan.scale() + "\n\n");
        sb.append(String.format("Wall time: %.1f min (finished runs are reused). Seeds: %s. Student: %s; data: %s; pretraining to %s words with checkpoints at %s; "
                        + "PPO %d steps × %d stories from each; teacher: %s.%n%n",
                seconds / 60, seeds.seedValues(), plan.model().withVocab(plan.vocab()), plan.data(), Equivalence.words(plan.pretrainWords()),
                String.join(", ", plan.milestones().stream().map(Equivalence::words).toList()), plan.rl().run().steps(), plan.rl().optim().batch(), plan.teacher()));
        sb.append("Code: ").append(provenance.code()).append("; ").append(provenance.threads()).append(" PyTorch threads; runs: ").append(provenance.runs()).append(".\n");
        for (var u : provenance.stale()) sb.append("- **").append(u.status()).append("**: `").append(u.folder()).append("` (made by ").append(u.madeBy()).append(")\n");
        sb.append("\nEvery interval is a 95 % CI from a bootstrap over seeds and stories (probe items for competence); a verdict holds or does not hold only when "
                + "the whole interval says so, and is inconclusive otherwise.\n\n");
        sb.append("## Claims\n\n| claim | paper | this run | verdict |\n|---|---|---|---|\n");
        for (var c : claims) sb.append("| ").append(cell(c.statement())).append(" | ").append(cell(c.paper())).append(" | ").append(cell(c.found()))
                .append(" | **").append(c.verdict()).append("** |\n");
        sb.append("\n## Teacher score before and after RL (0–9, mean over ").append(seeds.seeds().size()).append(" seed(s) × ").append(plan.evalStories())
                .append(" stories, 95 % CI)\n\n");
        sb.append("| pretraining words | before | after | gain | length before → after | interaction words |\n|---|---|---|---|---|---|\n");
        double[] w = seeds.words(), iw = seeds.interactionWords();
        for (int r = 0; r < w.length; r++)
            sb.append(String.format("| %s | %s | %s | %s | %.0f → %.0f | %,.0f |%n", Equivalence.words((long) w[r]), seeds.before(r), seeds.after(r),
                    seeds.gain(r).format("%+.2f"), seeds.words(r, 0), seeds.words(r, 1), iw[r]));
        sb.append("\nPer criterion (0–3, before → after RL) and the KL to the reference at the last PPO step, mean over ").append(seeds.seeds().size())
                .append(" seed(s), 95 % CI (criteria: bootstrap over seeds and stories; KL: Student's t over seeds):\n\n");
        sb.append("| pretraining words | readability | coherence | creativity | final KL |\n|---|---|---|---|---|\n");
        for (int r = 0; r < w.length; r++) {
            sb.append("| ").append(Equivalence.words((long) w[r]));
            for (var c : Criterion.values()) sb.append(" | ").append(seeds.criterion(c, r, 0)).append(" → ").append(seeds.criterion(c, r, 1));
            sb.append(" | ").append(seeds.finalKl(r)).append(" |\n");
        }
        sb.append("\n## Equivalence (on the mean scores over ").append(seeds.seeds().size()).append(" seed(s); 95 % CI with the curve redrawn)\n\n");
        var eq = seeds.equivalences();
        for (int r = 0; r < eq.size(); r++)
            sb.append("- ").append(eq.get(r)).append("; extra words ").append(seeds.extraWords(r).format("%,.0f")).append(", ratio ")
                    .append(seeds.ratio(r).format("%.0f×")).append('\n');
        if (seeds.probed()) {
            sb.append("\n## Formal competence (accuracy pretrained → after RL, mean over seeds; change in points; every value with its 95 % CI)\n\n"
                    + "| pretraining words | minimal pairs | change | entity tracking | change |\n|---|---|---|---|---|\n");
            var c = seeds.competence();
            for (int r = 0; r < c.rowCount(); r += 2) {
                sb.append("| ").append(Equivalence.words(c.longColumn("pretrain_words").get(r)));
                for (int row : new int[] {r, r + 1})
                    sb.append(String.format(" | %s → %s | %+.1f [%+.1f, %+.1f]", withCi(c, "pretrained", row), withCi(c, "rl", row),
                            c.doubleColumn("change_points").get(row), c.doubleColumn("change_lo").get(row), c.doubleColumn("change_hi").get(row)));
                sb.append(" |\n");
            }
        }
        sb.append("\n## Ablations (first seed, from the ").append(Equivalence.words(ablations.fromWords())).append("-word checkpoint, ")
                .append(plan.ablationSteps()).append(" PPO steps each; 95 % CI over the stories; final KL: the last PPO batch's mean)\n\n| group | variant | before | after | gain | words after | final KL |\n|---|---|---|---|---|---|---|\n");
        for (var row : ablations.rows()) {
            var r = row.result();
            var steps = r.steps();
            var one = new ThresholdSeeds(List.of(new ThresholdResult(plan, null, List.of(r))));
            var words = Estimate.of(r.after().stories().stream().mapToDouble(TeacherEvaluation.StoryScore::words).toArray());
            sb.append(String.format("| %s | %s | %s | %s | %s | %s | %.2f |%n", row.group(), row.variant(), one.before(0), one.after(0), one.gain(0).format("%+.2f"),
                    words.format("%.0f"), steps.isEmpty() ? Double.NaN : steps.get(steps.size() - 1).objective().kl()));
        }
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            for (var n : notes) sb.append("- ").append(n).append('\n');
        }
        sb.append("\n## Figures\n\n");
        for (var f : figures) sb.append("![").append(f).append("](figures/").append(f).append(".png)\n");
        sb.append("\nEvery figure of paper A is over all seeds: figures 2, 3 (score, length, KL), 4 (each criterion) and the competence change as means with 95 % CI bands; "
                + "figure 4's shares, 6 and 7 as means with 95 % CI whiskers; figure 3's score against length and figure 5, scatters of single PPO steps and stories, "
                + "pool every seed's. Tables: `tables/*.csv` (`*-seeds` over seeds; the others every seed's rows, with a `seed` column); for machines: `summary.json`. "
                + "Every run's settings, code version and result: `runs-").append(plan.scale()).append("/<kind>-<settings hash>-<code id>/`.\n");
        return sb.toString();
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

    /** A competence table's accuracy with its 95 % CI, e.g. "0.678 [0.612, 0.744]". */
    private static String withCi(Table c, String column, int row) {
        return String.format("%.3f [%.3f, %.3f]", c.doubleColumn(column).get(row), c.doubleColumn(column + "_lo").get(row), c.doubleColumn(column + "_hi").get(row));
    }
}
