package storylab.experiment;

import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.knowm.xchart.XYChart;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.display.Renderers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The threshold experiment repeated over seeds: every number as a mean over seeds with a 95 % CI from
 * {@link Bootstrap} (seeds and stories drawn), and the claims decided from those intervals. One seed still gives
 * intervals (over its stories), just narrower than the truth.
 */
public record ThresholdSeeds(List<ThresholdResult> seeds) implements Displayable {

    public ThresholdSeeds {
        if (seeds.isEmpty()) throw new IllegalArgumentException("ThresholdSeeds needs at least one seed's result");
        seeds = List.copyOf(seeds);
        int n = seeds.get(0).runs().size();
        for (var s : seeds)
            if (s.runs().size() != n) throw new IllegalArgumentException("every seed needs the same checkpoints: " + n + " vs " + s.runs().size());
    }

    public static ThresholdSeeds of(ThresholdResult one) {
        return new ThresholdSeeds(List.of(one));
    }

    /** The seeds' values, in order. */
    public List<Long> seedValues() {
        return seeds.stream().map(s -> s.plan().seed()).toList();
    }

    /** Pretraining words of each checkpoint. */
    public double[] words() {
        return seeds.get(0).runs().stream().mapToDouble(r -> r.settings().pretrainWords()).toArray();
    }

    /** Interaction words of each checkpoint's RL run, mean over seeds. */
    public double[] interactionWords() {
        double[] w = new double[words().length];
        for (var s : seeds)
            for (int r = 0; r < w.length; r++) w[r] += s.runs().get(r).interactionWords() / (double) seeds.size();
        return w;
    }

    /** {@code [seed][run][phase][story]} teacher scores (0–9). */
    public double[][][][] scores() {
        int runs = words().length;
        double[][][][] out = new double[seeds.size()][runs][2][];
        for (int s = 0; s < seeds.size(); s++)
            for (int r = 0; r < runs; r++) {
                var run = seeds.get(s).runs().get(r);
                out[s][r][0] = run.before().stories().stream().mapToDouble(TeacherEvaluation.StoryScore::sum).toArray();
                out[s][r][1] = run.after().stories().stream().mapToDouble(TeacherEvaluation.StoryScore::sum).toArray();
            }
        return out;
    }

    /** A statistic of the mean scores before and after RL per checkpoint, with its CI. */
    public Estimate estimate(ToDoubleBiFunction<double[], double[]> statistic) {
        return Bootstrap.scores(scores(), statistic);
    }

    public Estimate before(int run) { return estimate((b, a) -> b[run]); }
    public Estimate after(int run) { return estimate((b, a) -> a[run]); }
    public Estimate gain(int run) { return estimate((b, a) -> a[run] - b[run]); }

    /** Mean story length (words) per run and phase, over seeds. */
    public double words(int run, int phase) {
        return seeds.stream().mapToDouble(s -> phase == 0 ? s.runs().get(run).before().words() : s.runs().get(run).after().words()).average().orElse(Double.NaN);
    }

    /**
     * A change in probe accuracy with RL, in points, with its CI (seeds and probe items drawn): the mean over the
     * given runs of (after − before) for one task ("minimal pairs", "entity tracking"), or NaN when not probed.
     */
    public Estimate competenceChange(String task, int[] runs) {
        return competence(task, runs, (bf, af) -> {
            double d = 0;
            for (int i = 0; i < bf.length; i++) d += af[i] - bf[i];
            return 100 * d / bf.length;
        });
    }

    /** Probe accuracy before RL in points, the mean over the given runs, with its CI; NaN when not probed. */
    public Estimate competenceBefore(String task, int[] runs) {
        return competence(task, runs, (bf, af) -> 100 * java.util.Arrays.stream(bf).average().orElse(Double.NaN));
    }

    /** What guessing scores on a task, in points: 50 for minimal pairs, the questions' own chance for entity tracking. */
    public double chance(String task) {
        if (!task.equals("entity tracking")) return 50;
        return 100 * seeds.stream().flatMap(s -> s.runs().stream()).map(r -> r.before().competence())
                .filter(c -> c != null).mapToDouble(Competence::entityChance).average().orElse(Double.NaN);
    }

    private Estimate competence(String task, int[] runs, java.util.function.ToDoubleBiFunction<double[], double[]> statistic) {
        int n = seeds.size();
        double[][][] acc = new double[n][runs.length][2];
        int[][] items = new int[n][runs.length];
        for (int s = 0; s < n; s++)
            for (int i = 0; i < runs.length; i++) {
                var run = seeds.get(s).runs().get(runs[i]);
                var b = run.before().competence();
                var a = run.after().competence();
                if (b == null || a == null || !b.tasks().containsKey(task)) return new Estimate(Double.NaN, Double.NaN, Double.NaN);
                acc[s][i][0] = b.tasks().get(task);
                acc[s][i][1] = a.tasks().get(task);
                items[s][i] = task.equals("entity tracking") ? b.questions() : b.pairs();
            }
        return Bootstrap.accuracies(acc, items, statistic);
    }

    /** Whether every run was probed. */
    public boolean probed() {
        return seeds.stream().allMatch(s -> s.runs().stream().allMatch(r -> r.before().competence() != null && r.after().competence() != null));
    }

    /** Per checkpoint: score before, after and gain with 95 % CIs, story length, interaction words. */
    public Table table() {
        var t = Table.create("threshold over seeds", LongColumn.create("pretrain_words"), IntColumn.create("seeds"));
        for (var name : List.of("before", "after", "gain"))
            for (var suffix : List.of("", "_lo", "_hi")) t.addColumns(DoubleColumn.create(name + suffix));
        t.addColumns(DoubleColumn.create("length_before"), DoubleColumn.create("length_after"), DoubleColumn.create("interaction_words"));
        double[] w = words(), iw = interactionWords();
        for (int r = 0; r < w.length; r++) {
            var row = t.appendRow();
            row.setLong("pretrain_words", (long) w[r]);
            row.setInt("seeds", seeds.size());
            set(row, "before", before(r));
            set(row, "after", after(r));
            set(row, "gain", gain(r));
            row.setDouble("length_before", words(r, 0));
            row.setDouble("length_after", words(r, 1));
            row.setDouble("interaction_words", iw[r]);
        }
        return t;
    }

    /** Per checkpoint and probe: accuracy pretrained and after RL (means over seeds), the change in points with its CI. */
    public Table competence() {
        var t = Table.create("competence over seeds", LongColumn.create("pretrain_words"), StringColumn.create("task"), DoubleColumn.create("pretrained"),
                DoubleColumn.create("rl"), DoubleColumn.create("change_points"), DoubleColumn.create("change_lo"), DoubleColumn.create("change_hi"));
        if (!probed()) return t;
        double[] w = words();
        for (int r = 0; r < w.length; r++)
            for (var task : List.of("minimal pairs", "entity tracking")) {
                int run = r;
                var row = t.appendRow();
                row.setLong("pretrain_words", (long) w[r]);
                row.setString("task", task);
                row.setDouble("pretrained", seeds.stream().mapToDouble(s -> s.runs().get(run).before().competence().tasks().get(task)).average().orElse(Double.NaN));
                row.setDouble("rl", seeds.stream().mapToDouble(s -> s.runs().get(run).after().competence().tasks().get(task)).average().orElse(Double.NaN));
                var e = competenceChange(task, new int[] {r});
                row.setDouble("change_points", e.mean());
                row.setDouble("change_lo", e.lo());
                row.setDouble("change_hi", e.hi());
            }
        return t;
    }

    private static void set(tech.tablesaw.api.Row row, String name, Estimate e) {
        row.setDouble(name, e.mean());
        row.setDouble(name + "_lo", e.lo());
        row.setDouble(name + "_hi", e.hi());
    }

    /** Figure 2 with 95 % CI bands: score before and after RL against pretraining words. */
    public XYChart figure2() {
        return Figures.startFinishBands(table(), seeds.size());
    }

    /** The change in probe accuracy with RL per checkpoint, with 95 % CI bands. */
    public XYChart competenceFigure() {
        return Figures.competenceChangeBands(competence(), seeds.size());
    }

    /** The metrics of figures 3 and 4 that are drawn over seeds. */
    static final List<String> DYNAMICS = List.of("score", "length", "kl", "readability", "coherence", "creativity");

    /**
     * Figures 3 and 4's curves over seeds: per checkpoint and RL step, each metric's mean over the seeds with its 95 %
     * CI (Student's t over seeds: a step's batch is one number per seed), and the mean interaction words. Steps that
     * not every seed reached (a run stopped early) are left out.
     */
    public Table dynamics() {
        var t = Table.create("dynamics over " + seeds.size() + " seeds", LongColumn.create("pretrain_words"), IntColumn.create("step"),
                DoubleColumn.create("interaction_words"), IntColumn.create("seeds"));
        for (var m : DYNAMICS) t.addColumns(DoubleColumn.create(m), DoubleColumn.create(m + "_lo"), DoubleColumn.create(m + "_hi"));
        for (int r = 0; r < words().length; r++) {
            int run = r;
            var perSeed = seeds.stream().map(s -> s.runs().get(run).steps()).toList();
            int steps = perSeed.stream().mapToInt(List::size).min().orElse(0);
            for (int k = 0; k < steps; k++) {
                int step = k;
                var row = t.appendRow();
                row.setLong("pretrain_words", seeds.get(0).runs().get(r).settings().pretrainWords());
                row.setInt("step", perSeed.get(0).get(k).step());
                row.setDouble("interaction_words", perSeed.stream().mapToDouble(st -> st.get(step).totals().interactionWords()).average().orElseThrow());
                row.setInt("seeds", seeds.size());
                for (var m : DYNAMICS)
                    set(row, m, Estimate.of(perSeed.stream().mapToDouble(st -> metric(st.get(step), m)).toArray()));
            }
        }
        return t;
    }

    private static double metric(storylab.rl.RlStep s, String name) {
        return switch (name) {
            case "score" -> s.score().mean();
            case "length" -> s.length().words();
            case "kl" -> s.objective().kl();
            case "readability" -> s.score().readability();
            case "coherence" -> s.score().coherence();
            case "creativity" -> s.score().creativity();
            default -> throw new IllegalArgumentException("no dynamics metric " + name);
        };
    }

    /** Figure 3 over seeds: teacher score, story length and KL against interaction words, with 95 % CI bands. */
    public List<XYChart> figure3() {
        var d = dynamics();
        return List.of(Figures.perCheckpointBands(d, "score", "Teacher score during RL"),
                Figures.perCheckpointBands(d, "length", "Story length during RL"),
                Figures.perCheckpointBands(d, "kl", "KL to the reference during RL"));
    }

    /** Figure 4 (left) over seeds: each criterion's mean score against interaction words, with 95 % CI bands. */
    public List<XYChart> figure4() {
        var d = dynamics();
        return List.of(Figures.perCheckpointBands(d, "readability", "Readability during RL"),
                Figures.perCheckpointBands(d, "coherence", "Coherence during RL"),
                Figures.perCheckpointBands(d, "creativity", "Creativity during RL"));
    }

    /** Paper A's claims, each decided from its CI. */
    public List<Claim> claims() {
        return Verdicts.paperA(this);
    }

    /** The first seed's result, for the tables and figures drawn from one seed (3 right, 4 shares, 5, 6 bars, 7). */
    public ThresholdResult first() {
        return seeds.get(0);
    }

    @Override
    public MimeBundle toMimeBundle() {
        return Renderers.render(table());
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("threshold over seeds " + seedValues() + ":\n");
        double[] w = words();
        for (int r = 0; r < w.length; r++)
            sb.append(String.format("  %s words: before %s, after %s, gain %s%n", Equivalence.words((long) w[r]), before(r), after(r), gain(r)));
        return sb.toString();
    }
}
