package storylab.curriculum;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import storylab.data.world.Story;
import storylab.display.Displayable;
import storylab.display.MimeBundle;
import storylab.display.Renderers;
import storylab.experiment.Bootstrap;
import storylab.experiment.Claim;
import storylab.experiment.Estimate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Paper B's curriculum experiment over seeds: BLEU-1 per method and instruction level as a mean over seeds with a 95 %
 * CI, and the two claims decided from the CIs of their differences. The CI is a two-level percentile bootstrap (as
 * {@link Bootstrap} does for paper A): each replicate draws the seeds with replacement and, within each drawn seed,
 * the held-out stories with replacement. The draw is paired: every method is scored on the same drawn stories, and
 * levels with as many stories as each other (the world's, which are the same stories under other instructions) share
 * the draw too, so a difference's CI carries only the noise of the difference.
 *
 * @param seeds   the seeds, in order
 * @param results each seed's per-story BLEU-1
 */
public record CurriculumSeeds(List<Long> seeds, List<CurriculumExperiment.Result> results) implements Displayable {

    static final String BASELINE = CurriculumExperiment.BASELINE, FORWARD = CurriculumExperiment.FORWARD, REVERSE = CurriculumExperiment.REVERSE;
    static final List<String> METHODS = List.of(BASELINE, FORWARD, REVERSE);

    public CurriculumSeeds {
        if (results.isEmpty()) throw new IllegalArgumentException("CurriculumSeeds needs at least one seed's result");
        if (seeds.size() != results.size()) throw new IllegalArgumentException(seeds.size() + " seeds but " + results.size() + " results");
        for (var r : results)
            for (var m : METHODS)
                if (!r.bleu1PerStory().containsKey(m)) throw new IllegalArgumentException("a seed's result has no method \"" + m + "\"");
        seeds = List.copyOf(seeds);
        results = List.copyOf(results);
    }

    /** A statistic of the mean BLEU-1 per method and level (method → level 0–4; NaN where a level was not scored), with its 95 % CI. */
    public Estimate estimate(ToDoubleFunction<Map<String, double[]>> statistic) {
        double point = statistic.applyAsDouble(means(null, null));
        var rng = new SplittableRandom(20_240_613L);
        double[] reps = new double[Bootstrap.RESAMPLES];
        int[] pick = new int[seeds.size()];
        for (int b = 0; b < reps.length; b++) {
            for (int i = 0; i < pick.length; i++) pick[i] = rng.nextInt(pick.length);
            reps[b] = statistic.applyAsDouble(means(pick, rng));
        }
        double[] sorted = Arrays.stream(reps).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (sorted.length == 0 || Double.isNaN(point)) return new Estimate(point, Double.NaN, Double.NaN);
        return new Estimate(point, quantile(sorted, 0.025), quantile(sorted, 0.975));
    }

    /** Mean BLEU-1 of one method at one level, with its CI. */
    public Estimate bleu1(String method, int level) {
        return estimate(m -> m.get(method)[level]);
    }

    /** Mean over the (drawn) seeds of each method's mean over the (drawn) stories, per level. */
    private Map<String, double[]> means(int[] pick, SplittableRandom rng) {
        var out = new LinkedHashMap<String, double[]>();
        for (var m : METHODS) out.put(m, new double[Story.LEVELS]);
        int n = pick == null ? seeds.size() : pick.length;
        for (int k = 0; k < n; k++) {
            var seed = results.get(pick == null ? k : pick[k]).bleu1PerStory();
            var draws = new HashMap<Integer, int[]>(); // one draw of story indices per story count: paired across methods and levels
            for (int level = 0; level < Story.LEVELS; level++) {
                int stories = seed.get(BASELINE)[level].length;
                int[] idx = pick == null || stories == 0 ? null : draws.computeIfAbsent(stories, s -> rng.ints(s, 0, s).toArray());
                for (var m : METHODS) {
                    double[] v = seed.get(m)[level];
                    double sum = 0;
                    for (int i = 0; i < v.length; i++) sum += v[idx == null ? i : idx[i]];
                    out.get(m)[level] += (v.length == 0 ? Double.NaN : sum / v.length) / n;
                }
            }
        }
        return out;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos), j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /** Held-out stories per level (the first seed's; every seed scores as many). */
    public int stories(int level) {
        return results.get(0).bleu1PerStory().get(BASELINE)[level].length;
    }

    /** The levels that were scored. */
    public List<Integer> levels() {
        var out = new ArrayList<Integer>();
        for (int l = 0; l < Story.LEVELS; l++) if (stories(l) > 0) out.add(l);
        return out;
    }

    // ---------------------------------------------------------------- claims

    /** (f4 − f1) for the weak → strong model: strong instructions beat weak ones. */
    static double strongMinusWeak(Map<String, double[]> m) {
        double[] f = m.get(FORWARD);
        return f[4] - f[1];
    }

    /** (f4 − b4) − (f1 − b1): the gain over pretraining only is larger on strong instructions (the gap widens). */
    static double gainDifference(Map<String, double[]> m) {
        double[] f = m.get(FORWARD), b = m.get(BASELINE);
        return (f[4] - b[4]) - (f[1] - b[1]);
    }

    /** Both parts of the first claim at once: the smaller of the two differences (positive when both are). */
    static double strongBeatsWeakMargin(Map<String, double[]> m) {
        return Math.min(strongMinusWeak(m), gainDifference(m));
    }

    /** Weak → strong minus strong → weak, BLEU-1 on strong instructions. */
    static double forwardMinusReverse(Map<String, double[]> m) {
        return m.get(FORWARD)[4] - m.get(REVERSE)[4];
    }

    /**
     * A "beats" verdict from a difference's 95 % CI: holds when the whole interval is above 0, does not hold when none
     * of it is (a tie, [0, 0], is not a win), inconclusive otherwise (and without an interval).
     */
    static Claim.Verdict beats(Estimate difference) {
        if (difference.lo() > 0) return Claim.Verdict.HOLDS;
        if (difference.hi() <= 0) return Claim.Verdict.DOES_NOT_HOLD;
        return Claim.Verdict.INCONCLUSIVE;
    }

    /** Paper B's two claims, each holding when its difference's whole 95 % CI is above 0, not when none of it is, inconclusive otherwise. */
    public List<Claim> claims() {
        String where = String.format("%d seed%s × %d stories per level", seeds.size(), seeds.size() == 1 ? "" : "s", stories(4));
        var margin = estimate(CurriculumSeeds::strongBeatsWeakMargin);
        var one = new Claim("B.strong-beats-weak", "Strong instructions beat weak ones, and the gap widens as instructions get more specific",
                "BLEU-1 0.79 (strong) vs 0.71 (weak); the gap widens with specificity",
                String.format("weak → strong: BLEU-1 %s on strong vs %s on weak instructions, strong − weak %s; gain over pretraining only, "
                                + "strong − weak %s; the smaller of the two %s (%s; holds when its CI is above 0)",
                        bleu1(FORWARD, 4).format("%.3f"), bleu1(FORWARD, 1).format("%.3f"), estimate(CurriculumSeeds::strongMinusWeak).format("%+.3f"),
                        estimate(CurriculumSeeds::gainDifference).format("%+.3f"), margin.format("%+.3f"), where),
                beats(margin), margin);
        var diff = estimate(CurriculumSeeds::forwardMinusReverse);
        var two = new Claim("B.weak-to-strong-beats-reverse", "The weak → strong curriculum beats the reverse order (strong → weak)",
                "asked for as an ablation of the curriculum",
                String.format("BLEU-1 on strong instructions: weak → strong %s, strong → weak %s; difference %s (%s; holds when its CI is above 0)",
                        bleu1(FORWARD, 4).format("%.3f"), bleu1(REVERSE, 4).format("%.3f"), diff.format("%+.3f"), where),
                beats(diff), diff);
        return List.of(one, two);
    }

    // ---------------------------------------------------------------- table and chart

    /** method, level, instructions, seeds, stories, BLEU-1 (mean over seeds) and its 95 % CI. */
    public Table table() {
        var t = Table.create("BLEU-1 by instruction level (mean over " + seeds.size() + " seed" + (seeds.size() == 1 ? "" : "s") + ", 95% CI)",
                StringColumn.create("method"), IntColumn.create("level"), StringColumn.create("instructions"), IntColumn.create("seeds"),
                IntColumn.create("stories"), DoubleColumn.create("BLEU-1"), DoubleColumn.create("BLEU-1_lo"), DoubleColumn.create("BLEU-1_hi"));
        for (var m : METHODS)
            for (int l : levels()) {
                var e = bleu1(m, l);
                var row = t.appendRow();
                row.setString("method", m);
                row.setInt("level", l);
                row.setString("instructions", Lambdas.component(l));
                row.setInt("seeds", seeds.size());
                row.setInt("stories", stories(l));
                row.setDouble("BLEU-1", e.mean());
                row.setDouble("BLEU-1_lo", e.lo());
                row.setDouble("BLEU-1_hi", e.hi());
            }
        return t;
    }

    /** BLEU-1 against instruction level, one line per method with its 95 % CI as a pale band. */
    public XYChart chart() {
        var c = new XYChartBuilder().width(640).height(360).title("BLEU-1 against instruction specificity (" + seeds.size() + " seed"
                        + (seeds.size() == 1 ? "" : "s") + ", 95% CI)").xAxisTitle("instruction level (0 none, 1 weak … 4 strong)").yAxisTitle("BLEU-1").build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        Color[] colours = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868)};
        var levels = levels();
        double[] x = levels.stream().mapToDouble(Integer::doubleValue).toArray();
        for (int i = 0; i < METHODS.size(); i++) {
            String m = METHODS.get(i);
            double[] mean = new double[x.length], lo = new double[x.length], hi = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                var e = bleu1(m, levels.get(j));
                mean[j] = e.mean();
                lo[j] = Double.isNaN(e.lo()) ? e.mean() : e.lo();
                hi[j] = Double.isNaN(e.hi()) ? e.mean() : e.hi();
            }
            // The band: along the lower bounds and back along the upper ones, one closed polygon.
            double[] bx = new double[2 * x.length], by = new double[2 * x.length];
            for (int j = 0; j < x.length; j++) {
                bx[j] = x[j];
                by[j] = lo[j];
                bx[2 * x.length - 1 - j] = x[j];
                by[2 * x.length - 1 - j] = hi[j];
            }
            var pale = new Color(colours[i].getRed(), colours[i].getGreen(), colours[i].getBlue(), 60);
            var band = c.addSeries(m + ", 95% CI", bx, by);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(pale);
            band.setLineColor(pale);
            band.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            band.setShowInLegend(false);
            var line = c.addSeries(m, x, mean);
            line.setLineColor(colours[i]);
            line.setMarkerColor(colours[i]);
        }
        return c;
    }

    @Override
    public MimeBundle toMimeBundle() {
        return Renderers.render(table());
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("curriculum over seeds " + seeds + ": BLEU-1 on strong instructions");
        for (var m : METHODS) sb.append(String.format("%n  %-14s %s", m, bleu1(m, 4).format("%.3f")));
        return sb.toString();
    }
}
