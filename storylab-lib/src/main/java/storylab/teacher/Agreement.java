package storylab.teacher;

import java.util.Arrays;

/**
 * How far two teachers agree on the same stories' 0–9 sums: Spearman's rank correlation (do they order the
 * stories alike?) and quadratic-weighted Cohen's κ (do they give the same grades, near misses costing little?).
 */
public record Agreement(String first, String second, int stories, double spearman, double kappa) {

    public static Agreement of(String first, String second, double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " scores against " + b.length);
        if (a.length < 2) throw new IllegalArgumentException("agreement needs at least two stories");
        return new Agreement(first, second, a.length, pearson(ranks(a), ranks(b)), quadraticKappa(a, b, 9));
    }

    /** Mid-ranks (ties share the mean of their ranks). */
    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) j++;
            for (int k = i; k <= j; k++) r[idx[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** κ with weights (i − j)² / max² over grades 0..max (values are rounded to the nearest grade). */
    static double quadraticKappa(double[] a, double[] b, int max) {
        int k = max + 1, n = a.length;
        double[][] observed = new double[k][k];
        double[] ha = new double[k], hb = new double[k];
        for (int i = 0; i < n; i++) {
            int x = clamp(a[i], max), y = clamp(b[i], max);
            observed[x][y]++;
            ha[x]++;
            hb[y]++;
        }
        double num = 0, den = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) {
                double w = (double) (i - j) * (i - j) / ((double) max * max);
                num += w * observed[i][j];
                den += w * ha[i] * hb[j] / n;
            }
        return den == 0 ? Double.NaN : 1 - num / den;
    }

    private static int clamp(double v, int max) {
        return (int) Math.max(0, Math.min(max, Math.round(v)));
    }

    @Override
    public String toString() {
        return String.format("%s vs %s on %d stories: Spearman %.2f, weighted κ %.2f", first, second, stories, spearman, kappa);
    }
}
