package storylab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The table and the chart of an {@link RlSweep}: per variant, the held-out score gain as mean ± 95% CI over its
 * seeds (t distribution), length ratio, distinct-2 change, seconds per run; and the training-batch teacher
 * score against interaction words and against wall time (mean over seeds, step by step).
 *
 *   java ... storylab.bench.RlSweepReport runs/rl-sweep/TEACHER OUT_DIR [VARIANT,…]
 */
public final class RlSweepReport {

    /** Two-sided 95% t quantiles for 1..10 degrees of freedom. */
    static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};

    public static void main(String[] args) throws Exception {
        Path sweep = Path.of(args[0]), out = Path.of(args[1]);
        Files.createDirectories(out);
        var lines = Files.readAllLines(sweep.resolve("results.csv"));
        var header = List.of(lines.get(0).split(","));
        Map<String, List<String[]>> byVariant = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            byVariant.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
        List<String> only = args.length > 2 ? List.of(args[2].split(",")) : new ArrayList<>(byVariant.keySet());
        var md = new StringBuilder("| variant | algorithm | seeds | steps | score before | gain (mean ± 95% CI) | length after/before | distinct-2 change | cut off after | final KL | CPU seconds per run |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String v : only) {
            var rows = byVariant.get(v);
            if (rows == null) continue;
            double[] gain = col(rows, header, "gain");
            md.append(String.format("| %s | %s | %d | %s | %.2f | %+.2f ± %s | %.2f | %+.1f%% | %.0f%% | %.1f | %.0f |%n", v, rows.get(0)[1], rows.size(),
                    rows.get(0)[header.indexOf("steps")], mean(col(rows, header, "score_before")), mean(gain),
                    rows.size() > 1 ? String.format("%.2f", ci(gain)) : "n/a (1 seed)", mean(col(rows, header, "length_ratio")),
                    100 * mean(col(rows, header, "distinct2_change")), 100 * mean(col(rows, header, "cut_after")),
                    mean(col(rows, header, "final_kl")), mean(col(rows, header, "cpu_seconds"))));
        }
        Files.writeString(out.resolve("table.md"), md.toString());
        System.out.print(md);
        chart(out, sweep, only, byVariant);
    }

    static void chart(Path out, Path sweep, List<String> variants, Map<String, List<String[]>> byVariant) throws Exception {
        var byWords = new XYChartBuilder().width(640).height(360).title("teacher score of the training batches, as the reward sees them").xAxisTitle("interaction words").yAxisTitle("score (0–9)").build();
        var byTime = new XYChartBuilder().width(640).height(360).title("the same against wall time").xAxisTitle("wall seconds (2-core machine shared with other jobs)").yAxisTitle("score (0–9)").build();
        for (String v : variants) {
            var rows = byVariant.get(v);
            if (rows == null) continue;
            List<double[][]> runs = new ArrayList<>();
            for (String[] r : rows) {
                Path f = sweep.resolve("steps").resolve(v + "-seed" + r[2] + ".csv");
                if (Files.exists(f)) runs.add(steps(f));
            }
            if (runs.isEmpty()) continue;
            int n = runs.stream().mapToInt(a -> a[0].length).min().orElse(0);
            double[] words = new double[n], seconds = new double[n], score = new double[n];
            for (var a : runs)
                for (int i = 0; i < n; i++) {
                    words[i] += a[0][i] / runs.size();
                    seconds[i] += a[1][i] / runs.size();
                    score[i] += a[2][i] / runs.size();
                }
            double[] smooth = smooth(score);
            byWords.addSeries(v, words, smooth).setMarker(SeriesMarkers.NONE);
            byTime.addSeries(v, seconds, smooth).setMarker(SeriesMarkers.NONE);
        }
        var img = new java.awt.image.BufferedImage(1280, 360, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.drawImage(BitmapEncoder.getBufferedImage(byWords), 0, 0, null);
        g.drawImage(BitmapEncoder.getBufferedImage(byTime), 640, 0, null);
        g.dispose();
        javax.imageio.ImageIO.write(img, "png", out.resolve("score.png").toFile());
    }

    /** interaction words, cumulative seconds and batch score per step of one run's metrics.csv. */
    static double[][] steps(Path csv) throws Exception {
        var lines = Files.readAllLines(csv);
        var h = List.of(lines.get(0).split(","));
        int n = lines.size() - 1;
        double[][] a = new double[3][n];
        double t = 0;
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            a[0][i] = Double.parseDouble(f[h.indexOf("interaction_words")]);
            for (String k : List.of("time/generate", "time/teacher", "time/forward", "time/optimize")) t += Double.parseDouble(f[h.indexOf(k)]);
            a[1][i] = t;
            a[2][i] = Double.parseDouble(f[h.indexOf("env/score_mean")]);
        }
        return a;
    }

    static double[] smooth(double[] y) {
        double[] o = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double s = 0, w = 0;
            for (int j = Math.max(0, i - 6); j <= Math.min(y.length - 1, i + 6); j++) {
                double k = Math.exp(-0.5 * (i - j) * (i - j) / 4.0);
                s += k * y[j];
                w += k;
            }
            o[i] = s / w;
        }
        return o;
    }

    static double[] col(List<String[]> rows, List<String> header, String name) {
        int c = header.indexOf(name);
        return rows.stream().mapToDouble(r -> r[c].isEmpty() ? Double.NaN : Double.parseDouble(r[c])).toArray();
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Half-width of the 95% confidence interval of the mean (t distribution, n − 1 degrees of freedom). */
    static double ci(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        double sd = Math.sqrt(s / (x.length - 1));
        return T95[Math.min(T95.length, x.length - 1) - 1] * sd / Math.sqrt(x.length);
    }
}
