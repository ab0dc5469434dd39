package storylab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.display.Renderers;
import storylab.teacher.Criterion;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The threshold experiment repeated over seeds, and paper A's figures 2–7 drawn from all of them: every number as
 * a mean over seeds with a 95 % CI from {@link Bootstrap} (seeds and stories or probe items drawn), or from Student's
 * t over seeds for numbers read off PPO steps (one per seed); the scatter figures pool the seeds' steps and stories
 * ({@link #pooled}). The claims are decided from those intervals. One seed still gives bootstrap intervals (over its
 * stories), just narrower than the truth.
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
        return perStory(TeacherEvaluation.StoryScore::sum);
    }

    /** {@code [seed][run][phase][story]}: one number per evaluated story (phase 0 before RL, 1 after). */
    double[][][][] perStory(ToDoubleFunction<TeacherEvaluation.StoryScore> value) {
        int runs = words().length;
        double[][][][] out = new double[seeds.size()][runs][2][];
        for (int s = 0; s < seeds.size(); s++)
            for (int r = 0; r < runs; r++) {
                var run = seeds.get(s).runs().get(r);
                out[s][r][0] = run.before().stories().stream().mapToDouble(value).toArray();
                out[s][r][1] = run.after().stories().stream().mapToDouble(value).toArray();
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

    /** A criterion's mean score (0–3) in one run and phase (0 before RL, 1 after), with its CI (seeds and stories drawn). */
    public Estimate criterion(Criterion c, int run, int phase) {
        return inPhase(s -> s.get(c), run, phase);
    }

    /** The share of stories scoring {@code value} (0–3) on a criterion in one run and phase, with its CI (seeds and stories drawn). */
    public Estimate share(Criterion c, int value, int run, int phase) {
        return inPhase(s -> s.get(c) == value ? 1 : 0, run, phase);
    }

    /** The mean of a per-story number in one run and phase. Bootstraps that run alone: the others' stories would only cost time. */
    private Estimate inPhase(ToDoubleFunction<TeacherEvaluation.StoryScore> value, int run, int phase) {
        var all = perStory(value);
        double[][][][] one = new double[all.length][][][];
        for (int s = 0; s < all.length; s++) one[s] = new double[][][] {all[s][run]};
        return Bootstrap.scores(one, (b, a) -> (phase == 0 ? b : a)[0]);
    }

    /**
     * The KL to the reference at the last PPO step of a run, mean over seeds with Student's t CI (one number per seed,
     * as in {@link #dynamics}); NaN when no seed has a step.
     */
    public Estimate finalKl(int run) {
        double[] kl = seeds.stream().map(s -> s.runs().get(run).steps()).filter(st -> !st.isEmpty())
                .mapToDouble(st -> metric(st.get(st.size() - 1), "kl")).toArray();
        return kl.length == 0 ? new Estimate(Double.NaN, Double.NaN, Double.NaN) : Estimate.of(kl);
    }

    /** The mean score per run in one phase, over seeds (each seed's mean over its stories): the curve the estimates start from. */
    double[] meanScores(int phase) {
        double[] m = new double[words().length];
        for (var s : seeds)
            for (int r = 0; r < m.length; r++) {
                var run = s.runs().get(r);
                m[r] += (phase == 0 ? run.before() : run.after()).scoreMean() / seeds.size();
            }
        return m;
    }

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

    /** Probe accuracy after RL in points, the mean over the given runs, with its CI; NaN when not probed. */
    public Estimate competenceAfter(String task, int[] runs) {
        return competence(task, runs, (bf, af) -> 100 * java.util.Arrays.stream(af).average().orElse(Double.NaN));
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
        for (var suffix : List.of("", "_lo", "_hi")) t.addColumns(DoubleColumn.create("kl_final" + suffix));
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
            set(row, "kl_final", finalKl(r));
        }
        return t;
    }

    /** Per checkpoint and criterion: the mean score (0–3) before and after RL over seeds, with 95 % CIs. */
    public Table criteria() {
        var t = Table.create("criteria over seeds", LongColumn.create("pretrain_words"), StringColumn.create("criterion"), IntColumn.create("seeds"));
        for (var name : List.of("before", "after"))
            for (var suffix : List.of("", "_lo", "_hi")) t.addColumns(DoubleColumn.create(name + suffix));
        double[] w = words();
        for (int r = 0; r < w.length; r++)
            for (var c : Criterion.values()) {
                var row = t.appendRow();
                row.setLong("pretrain_words", (long) w[r]);
                row.setString("criterion", c.name().toLowerCase());
                row.setInt("seeds", seeds.size());
                set(row, "before", criterion(c, r, 0));
                set(row, "after", criterion(c, r, 1));
            }
        return t;
    }

    /** Figure 4's shares over seeds: per checkpoint, phase, criterion and score 0–3, the share of stories with its 95 % CI. */
    public Table shares() {
        var t = Table.create("shares over seeds", LongColumn.create("pretrain_words"), StringColumn.create("phase"), StringColumn.create("criterion"),
                IntColumn.create("value"), IntColumn.create("seeds"), DoubleColumn.create("share"), DoubleColumn.create("share_lo"), DoubleColumn.create("share_hi"));
        double[] w = words();
        for (int r = 0; r < w.length; r++)
            for (int phase = 0; phase < 2; phase++)
                for (var c : Criterion.values())
                    for (int v = 0; v <= 3; v++) {
                        var row = t.appendRow();
                        row.setLong("pretrain_words", (long) w[r]);
                        row.setString("phase", phase == 0 ? "before" : "after");
                        row.setString("criterion", c.name().toLowerCase());
                        row.setInt("value", v);
                        row.setInt("seeds", seeds.size());
                        set(row, "share", share(c, v, r, phase));
                    }
        return t;
    }

    /**
     * For each checkpoint but the last, what its RL gain is worth in pretraining words, read on the curve of mean
     * scores over seeds (the same reading as {@link ThresholdResult#equivalences()} on one seed).
     */
    public List<Equivalence> equivalences() {
        double[] w = words(), iw = interactionWords(), before = meanScores(0), after = meanScores(1);
        var list = new ArrayList<Equivalence>();
        for (int i = 0; i + 1 < w.length; i++) list.add(Equivalence.of(w, before, w[i], after[i], iw[i]));
        return list;
    }

    /** The extra pretraining words of {@code run}'s RL gain with its CI (seeds and stories drawn, the curve redrawn each time). */
    public Estimate extraWords(int run) {
        double[] w = words(), iw = interactionWords();
        return estimate((b, a) -> Equivalence.of(w, b, w[run], a[run], iw[run]).extraWords());
    }

    /** Extra pretraining words per interaction word of {@code run}'s RL gain, with its CI (as the equivalence claim reads it). */
    public Estimate ratio(int run) {
        double[] w = words(), iw = interactionWords();
        return estimate((b, a) -> Equivalence.of(w, b, w[run], a[run], iw[run]).ratio());
    }

    /** {@link #equivalences()} as a table, with the 95 % CIs of the extra words and of the ratio. */
    public Table equivalenceTable() {
        var t = Table.create("equivalence over seeds", DoubleColumn.create("pretrain_words"), IntColumn.create("seeds"), DoubleColumn.create("score_after"),
                DoubleColumn.create("equivalent_words"), DoubleColumn.create("extra_words"), DoubleColumn.create("extra_words_lo"), DoubleColumn.create("extra_words_hi"),
                StringColumn.create("beyond_curve"), DoubleColumn.create("interaction_words"), DoubleColumn.create("ratio"), DoubleColumn.create("ratio_lo"),
                DoubleColumn.create("ratio_hi"));
        var eq = equivalences();
        for (int r = 0; r < eq.size(); r++) {
            var e = eq.get(r);
            var row = t.appendRow();
            row.setDouble("pretrain_words", e.baseWords());
            row.setInt("seeds", seeds.size());
            row.setDouble("score_after", e.scoreAfter());
            row.setDouble("equivalent_words", e.equivalentWords());
            set(row, "extra_words", extraWords(r));
            row.setString("beyond_curve", e.beyondRange() ? "yes (lower bound)" : "no");
            row.setDouble("interaction_words", e.interactionWords());
            set(row, "ratio", ratio(r));
        }
        return t;
    }

    /**
     * Every seed's own table (from {@link ThresholdResult}), one below the other, with a first column {@code seed}:
     * the stories and PPO steps that the scatter figures pool.
     */
    public Table pooled(Function<ThresholdResult, Table> table) {
        Table out = null;
        for (var s : seeds) {
            var t = table.apply(s);
            long[] seed = new long[t.rowCount()];
            Arrays.fill(seed, s.plan().seed());
            t.insertColumn(0, LongColumn.create("seed", seed));
            out = out == null ? t.copy() : out.append(t);
        }
        return out;
    }

    /**
     * Per checkpoint and probe: accuracy pretrained and after RL (means over seeds, 0–1) and the change in points, each
     * with its 95 % CI (seeds and probe items drawn).
     */
    public Table competence() {
        var t = Table.create("competence over seeds", LongColumn.create("pretrain_words"), StringColumn.create("task"), DoubleColumn.create("pretrained"),
                DoubleColumn.create("rl"), DoubleColumn.create("change_points"), DoubleColumn.create("change_lo"), DoubleColumn.create("change_hi"),
                DoubleColumn.create("pretrained_lo"), DoubleColumn.create("pretrained_hi"), DoubleColumn.create("rl_lo"), DoubleColumn.create("rl_hi"));
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
                var pre = competenceBefore(task, new int[] {r});
                var rl = competenceAfter(task, new int[] {r});
                row.setDouble("pretrained_lo", pre.lo() / 100);
                row.setDouble("pretrained_hi", pre.hi() / 100);
                row.setDouble("rl_lo", rl.lo() / 100);
                row.setDouble("rl_hi", rl.hi() / 100);
            }
        return t;
    }

    /** Figure 6's bars over seeds: per probe, accuracy pretrained and after RL (0–1), the mean over checkpoints, with 95 % CIs. */
    public Table competenceByTask() {
        var t = Table.create("competence by task over seeds", StringColumn.create("task"), IntColumn.create("seeds"));
        for (var name : List.of("pretrained", "rl"))
            for (var suffix : List.of("", "_lo", "_hi")) t.addColumns(DoubleColumn.create(name + suffix));
        if (!probed()) return t;
        int[] runs = java.util.stream.IntStream.range(0, words().length).toArray();
        for (var task : List.of("minimal pairs", "entity tracking")) {
            var row = t.appendRow();
            row.setString("task", task);
            row.setInt("seeds", seeds.size());
            set(row, "pretrained", percent(competenceBefore(task, runs)));
            set(row, "rl", percent(competenceAfter(task, runs)));
        }
        return t;
    }

    /** Points as an accuracy in [0, 1]. */
    private static Estimate percent(Estimate points) {
        return new Estimate(points.mean() / 100, points.lo() / 100, points.hi() / 100);
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

    /**
     * Figure 3 (right) over seeds: score against story length, each point one PPO step of one seed. The seeds' steps
     * are pooled rather than averaged step by step: the figure shows how score goes with length, and a mean over
     * seeds at each step would mix that with the trend over training (and hide the spread that makes the relation).
     */
    public XYChart figure3ScoreVsLength() {
        return Figures.scoreAgainstLength(pooled(ThresholdResult::dynamics));
    }

    /** Figure 4 (right) over seeds: each criterion's share of scores 0–3 per checkpoint and phase, means with 95 % CIs. */
    public List<XYChart> figure4Shares() {
        return Figures.sharesIntervals(shares());
    }

    /** Figure 5 over seeds: entropy per token against length and against score, every seed's stories pooled (a scatter of single stories, as figure 3's right). */
    public List<XYChart> figure5() {
        return Figures.entropy(pooled(ThresholdResult::stories));
    }

    /** Figure 6 over seeds: accuracy per probe pretrained and after RL, and the change per checkpoint, means with 95 % CIs. */
    public List<XYChart> figure6() {
        return Figures.competenceIntervals(competenceByTask(), competence(), seeds.size());
    }

    /** Figure 7 over seeds: accuracy against pretraining words per probe (pretrained with a CI band, RL models with CI whiskers). */
    public List<XYChart> figure7() {
        return Figures.competenceCurveBands(competence(), seeds.size());
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
