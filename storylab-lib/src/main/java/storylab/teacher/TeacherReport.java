package storylab.teacher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How far to trust a teacher: on real passages it never trained on and on damaged copies of them (every
 * {@link Corruption}, at random strengths), the ROC AUC of real against damaged for each damage and each
 * criterion, the teachers' mean scores on real text, and how far the teachers agree with each other on the
 * same stories. {@code ./storylab teacher-report} prints it; notebook 03 shows it.
 *
 * <pre>{@code
 * var report = TeacherReport.of(JudgeTexts.gather(List.of()).heldOutPassages(), List.of(Teachers.offline(), Teachers.rubric()), 1);
 * report            // tables and verdicts
 * report.figure()   // score distributions, real against damaged
 * }</pre>
 */
public final class TeacherReport implements Displayable {

    /** The AUC each damage must reach on the criterion it targets, as issue 11 sets it. */
    public static final double TARGET_AUC = 0.9;

    private final List<String> teachers;
    private final Table aucs, real;
    private final List<Agreement> agreement;
    private final Map<String, double[][]> sums; // teacher → {real sums, damaged sums}

    private TeacherReport(List<String> teachers, Table aucs, Table real, List<Agreement> agreement, Map<String, double[][]> sums) {
        this.teachers = teachers;
        this.aucs = aucs;
        this.real = real;
        this.agreement = agreement;
        this.sums = sums;
    }

    /** Scores {@code passages} and one damaged copy per passage and damage with each teacher. */
    public static TeacherReport of(List<String> passages, List<? extends Teacher> teachers, long seed) {
        if (passages.size() < 2) throw new IllegalArgumentException("a teacher report needs at least two real passages, got " + passages.size());
        if (teachers.isEmpty()) throw new IllegalArgumentException("name at least one teacher");
        var damaged = new LinkedHashMap<Corruption, List<String>>();
        var rnd = new Random(seed);
        for (var k : Corruption.values()) {
            var out = new ArrayList<String>();
            for (int i = 0; i < passages.size(); i++)
                out.add(k.apply(passages.get(i), rnd.nextLong(), 0.2 + 0.8 * rnd.nextDouble(), passages.get((i + 1 + rnd.nextInt(passages.size() - 1)) % passages.size())));
            damaged.put(k, out);
        }
        var aucs = Table.create("teacher validity: AUC of real against damaged",
                StringColumn.create("damage"), StringColumn.create("targets"), StringColumn.create("teacher"),
                DoubleColumn.create("auc_targeted"), DoubleColumn.create("auc_sum"), DoubleColumn.create("damaged_mean"), StringColumn.create("verdict"));
        var real = Table.create("teachers on real passages", StringColumn.create("teacher"), IntColumn.create("passages"),
                DoubleColumn.create("mean_sum"), DoubleColumn.create("readability"), DoubleColumn.create("coherence"), DoubleColumn.create("creativity"));
        var names = new ArrayList<String>();
        var sums = new LinkedHashMap<String, double[][]>();
        var realSums = new ArrayList<double[]>();
        for (var t : teachers) {
            names.add(t.name());
            var r = t.scoreAll("", passages).scores();
            double[] rs = r.stream().mapToDouble(Scores::sum).toArray();
            realSums.add(rs);
            real.stringColumn("teacher").append(t.name());
            real.intColumn("passages").append(r.size());
            real.doubleColumn("mean_sum").append(mean(rs));
            for (var c : Criterion.values()) real.doubleColumn(c.label()).append(r.stream().mapToInt(s -> s.get(c)).average().orElse(Double.NaN));
            var allBad = new ArrayList<Double>();
            for (var e : damaged.entrySet()) {
                var b = t.scoreAll("", e.getValue()).scores();
                var c = e.getKey().criterion();
                double targeted = Auc.of(r.stream().mapToDouble(s -> s.get(c)).toArray(), b.stream().mapToDouble(s -> s.get(c)).toArray());
                double[] bs = b.stream().mapToDouble(Scores::sum).toArray();
                for (double v : bs) allBad.add(v);
                aucs.stringColumn("damage").append(e.getKey().name().toLowerCase());
                aucs.stringColumn("targets").append(c.label());
                aucs.stringColumn("teacher").append(t.name());
                aucs.doubleColumn("auc_targeted").append(targeted);
                aucs.doubleColumn("auc_sum").append(Auc.of(rs, bs));
                aucs.doubleColumn("damaged_mean").append(mean(bs));
                aucs.stringColumn("verdict").append(targeted >= TARGET_AUC ? "meets 0.9" : "below 0.9");
            }
            sums.put(t.name(), new double[][] {rs, allBad.stream().mapToDouble(d -> d).toArray()});
        }
        var agreement = new ArrayList<Agreement>();
        for (int i = 0; i < teachers.size(); i++)
            for (int j = i + 1; j < teachers.size(); j++)
                agreement.add(Agreement.of(names.get(i), names.get(j), realAndBad(sums.get(names.get(i))), realAndBad(sums.get(names.get(j)))));
        return new TeacherReport(names, aucs, real, agreement, sums);
    }

    /** Agreement of several teachers on the same stories (for a person at the notebook: {@link HumanTeacher}). */
    public static List<Agreement> agreement(List<String> stories, List<? extends Teacher> teachers) {
        var sums = new ArrayList<double[]>();
        for (var t : teachers) sums.add(t.scoreAll("", stories).scores().stream().mapToDouble(Scores::sum).toArray());
        var out = new ArrayList<Agreement>();
        for (int i = 0; i < teachers.size(); i++)
            for (int j = i + 1; j < teachers.size(); j++)
                out.add(Agreement.of(teachers.get(i).name(), teachers.get(j).name(), sums.get(i), sums.get(j)));
        return out;
    }

    private static double[] realAndBad(double[][] s) {
        double[] out = new double[s[0].length + s[1].length];
        System.arraycopy(s[0], 0, out, 0, s[0].length);
        System.arraycopy(s[1], 0, out, s[0].length, s[1].length);
        return out;
    }

    /**
     * {@code storylab teacher-report [--teacher offline|rubric|llm]... [--corpus FILE]... [--seed N] [--out DIR]}:
     * the report on the held-out passages of the judge's texts plus passages of each {@code --corpus} file,
     * printed, with its tables as CSV and its figure as PNG in {@code --out} (default runs/teacher-report).
     * Returns the exit code.
     */
    public static int main(List<String> args) {
        var kinds = new ArrayList<String>();
        var corpora = new ArrayList<java.nio.file.Path>();
        long seed = 1;
        java.nio.file.Path out = storylab.Lab.runs("teacher-report");
        String usage = "usage: storylab teacher-report [--teacher offline|rubric|llm]... [--corpus FILE]... [--seed N] [--out DIR]";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size() || !a.startsWith("--")) { System.err.println(usage + "\n(got " + args + ")"); return 2; }
            String v = args.get(++i);
            switch (a) {
                case "--teacher" -> kinds.add(v);
                case "--corpus" -> corpora.add(java.nio.file.Path.of(v));
                case "--seed" -> seed = Long.parseLong(v);
                case "--out" -> out = java.nio.file.Path.of(v);
                default -> { System.err.println(usage + "\n(unknown option " + a + ")"); return 2; }
            }
        }
        if (kinds.isEmpty()) kinds.addAll(List.of("offline", "rubric"));
        var teachers = new ArrayList<Teacher>();
        for (var k : kinds) {
            switch (k) {
                case "offline" -> teachers.add(Teachers.offline());
                case "rubric" -> teachers.add(Teachers.rubric());
                case "llm" -> {
                    String url = System.getenv("STORYLAB_LLM_URL");
                    if (url == null || url.isBlank()) { System.err.println("storylab teacher-report: --teacher llm needs STORYLAB_LLM_URL (an OpenAI-compatible endpoint)"); return 2; }
                    var s = LlmTeacher.at(url.strip());
                    String model = System.getenv("STORYLAB_LLM_MODEL");
                    teachers.add((model == null || model.isBlank() ? s : s.model(model)).build());
                }
                default -> { System.err.println("storylab teacher-report: unknown teacher \"" + k + "\" (offline, rubric or llm)"); return 2; }
            }
        }
        var passages = new ArrayList<>(JudgeTexts.gather(List.of()).heldOutPassages());
        for (var f : corpora) {
            if (!java.nio.file.Files.isRegularFile(f)) { System.err.println("storylab teacher-report: no such file " + f); return 2; }
            try (var docs = storylab.data.Corpora.text(f).stream()) {
                docs.forEach(d -> passages.addAll(Passages.of(d.text())));
            }
        }
        if (passages.size() < 2) {
            System.err.println("storylab teacher-report: fewer than two real passages to judge; add real stories with --corpus FILE");
            return 2;
        }
        var report = of(passages, teachers, seed);
        System.out.println(report);
        try {
            java.nio.file.Files.createDirectories(out);
            report.aucs().write().csv(out.resolve("aucs.csv").toFile());
            report.real().write().csv(out.resolve("real.csv").toFile());
            java.nio.file.Files.write(out.resolve("scores.png"), storylab.display.Renderers.png(report.figure()));
        } catch (java.io.IOException e) {
            System.err.println("storylab teacher-report: cannot write into " + out + ": " + e.getMessage());
            return 1;
        }
        System.out.println("Wrote " + out.resolve("aucs.csv") + ", real.csv and scores.png");
        return 0;
    }

    public Table aucs() {
        return aucs;
    }

    public Table real() {
        return real;
    }

    public List<Agreement> agreement() {
        return agreement;
    }

    /** The AUC one teacher reaches on the criterion a damage targets. */
    public double auc(String teacher, Corruption damage) {
        for (int r = 0; r < aucs.rowCount(); r++)
            if (aucs.stringColumn("teacher").get(r).equals(teacher) && aucs.stringColumn("damage").get(r).equals(damage.name().toLowerCase()))
                return aucs.doubleColumn("auc_targeted").get(r);
        throw new IllegalArgumentException("no row for teacher " + teacher + " and damage " + damage);
    }

    /** A teacher's mean 0–9 score on the real passages. */
    public double realMean(String teacher) {
        for (int r = 0; r < real.rowCount(); r++)
            if (real.stringColumn("teacher").get(r).equals(teacher)) return real.doubleColumn("mean_sum").get(r);
        throw new IllegalArgumentException("no teacher " + teacher + " in this report (" + teachers + ")");
    }

    /** Share of each 0–9 score, real passages against damaged ones, per teacher. */
    public CategoryChart figure() {
        var chart = new CategoryChartBuilder().width(760).height(380).title("Teacher scores: real passages against damaged copies")
                .xAxisTitle("score (0–9)").yAxisTitle("share of stories").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        var labels = new ArrayList<String>();
        for (int v = 0; v <= 9; v++) labels.add(String.valueOf(v));
        for (var e : sums.entrySet()) {
            chart.addSeries(e.getKey() + ", real", labels, shares(e.getValue()[0]));
            chart.addSeries(e.getKey() + ", damaged", labels, shares(e.getValue()[1]));
        }
        return chart;
    }

    private static List<Double> shares(double[] sums) {
        var out = new ArrayList<Double>();
        for (int v = 0; v <= 9; v++) {
            int n = 0;
            for (double s : sums) if (Math.round(s) == v) n++;
            out.add((double) n / Math.max(1, sums.length));
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    @Override
    public String toString() {
        var sb = new StringBuilder();
        sb.append(real.print()).append('\n').append(aucs.print(aucs.rowCount())).append('\n');
        for (var a : agreement) sb.append(a).append('\n');
        return sb.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        var html = new StringBuilder("<div class=\"storylab-teacher-report\">");
        html.append(storylab.display.Renderers.render(real).get(MimeBundle.HTML));
        html.append(storylab.display.Renderers.render(aucs).get(MimeBundle.HTML));
        html.append("<ul>");
        for (var a : agreement) html.append("<li>").append(storylab.display.Html.escape(a.toString())).append("</li>");
        html.append("</ul></div>");
        return MimeBundle.text(toString()).with(MimeBundle.HTML, html.toString());
    }
}
