package storylab.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * A mean with its 95% confidence interval, from Student's t over {@code n} independent values (seeds, or stories):
 * mean ± t(0.975, n−1)·s/√n. One value has no interval (NaN half-width); notebooks print it as "± ?" rather than
 * pretend to a precision they do not have.
 * <pre>{@code
 * var gain = Estimate.of(gains);       // "+1.39 ± 0.95 (95% CI, n = 3)"
 * gain.excludesZero()                  // the verdict a point estimate cannot give
 * }</pre>
 */
public record Estimate(double mean, double halfWidth, int n) {

    // t(0.975, df) for df = 1..30; beyond that the normal's 1.96 is within 2%.
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
            2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    public static Estimate of(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("an estimate needs at least one value");
        int n = values.length;
        double mean = Arrays.stream(values).average().orElseThrow();
        if (n == 1) return new Estimate(mean, Double.NaN, 1);
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        return new Estimate(mean, t975(n - 1) * sd / Math.sqrt(n), n);
    }

    /** The two-sided 97.5% quantile of Student's t with {@code df} degrees of freedom. */
    public static double t975(int df) {
        if (df < 1) throw new IllegalArgumentException("degrees of freedom must be at least 1, not " + df);
        return df <= T975.length ? T975[df - 1] : 1.96;
    }

    public double low() { return mean - halfWidth; }
    public double high() { return mean + halfWidth; }

    /** The interval lies wholly above or below zero (NaN-wide intervals never do). */
    public boolean excludesZero() {
        return low() > 0 || high() < 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f ± %s (95%% CI, n = %d)", mean, Double.isNaN(halfWidth) ? "?" : String.format(Locale.ROOT, "%.2f", halfWidth), n);
    }
}
