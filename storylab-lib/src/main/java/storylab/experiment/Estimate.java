package storylab.experiment;

import java.util.Arrays;
import java.util.List;
import storylab.rl.StoryEvaluation;

/**
 * A number with its 95 % confidence interval: from a percentile bootstrap over seeds and stories ({@link
 * Bootstrap}), or from Student's t over a few independent values ({@link #of}). A verdict is taken from the
 * interval, never from {@code mean} alone.
 * <pre>{@code
 * var gain = Estimate.of(1.2, 0.4, 2.5);   // three seeds: "1.37 [-1.27, 4.01]"
 * gain.excludesZero()                      // the verdict a point estimate cannot give
 * }</pre>
 *
 * @param mean the estimate on all the data
 * @param lo   2.5th percentile of the bootstrap replicates
 * @param hi   97.5th percentile
 */
public record Estimate(double mean, double lo, double hi) {

    // t(0.975, df) for df = 1..30; beyond that the normal's 1.96 is within 2 %.
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
            2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    /**
     * The mean of independent {@code values} (seeds, or stories) with Student's t interval, mean ± t(0.975, n−1)·s/√n.
     * One value has no interval (NaN bounds), so it never decides a verdict.
     */
    public static Estimate of(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("an estimate needs at least one value");
        int n = values.length;
        double mean = Arrays.stream(values).average().orElseThrow();
        if (n == 1) return new Estimate(mean, Double.NaN, Double.NaN);
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double half = t975(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return new Estimate(mean, mean - half, mean + half);
    }

    /**
     * How much {@code after} scores above {@code before}, with Welch's t interval over their stories (each story one
     * independent draw; the two sides may differ in spread and number). It says whether this one trained student
     * writes better than its start on these prompts, not whether training would help again from another seed: that
     * needs {@link #of} over runs.
     */
    public static Estimate gain(StoryEvaluation before, StoryEvaluation after) {
        // StoryEvaluation keeps the spread over its n stories (divided by n), as TeacherEvaluation does.
        return welch(before.score(), before.scoreStd(), before.stories(), after.score(), after.scoreStd(), after.stories());
    }

    /**
     * How much {@code to} scores above {@code from} on the teacher's 0–9 sum, with Welch's t interval over their
     * stories: a run's gain ({@code gain(r.before(), r.after())}), or a variant against a baseline
     * ({@code gain(base.after(), variant.after())}). Like {@link #gain(StoryEvaluation, StoryEvaluation)}, it speaks
     * for these stories of these runs, not for another seed.
     */
    public static Estimate gain(TeacherEvaluation from, TeacherEvaluation to) {
        return welch(from.scoreMean(), from.scoreStd(), from.stories().size(), to.scoreMean(), to.scoreStd(), to.stories().size());
    }

    /** Welch's interval for mean2 − mean1, given each side's spread over its n values (divided by n, not n − 1). */
    private static Estimate welch(double mean1, double std1, int n1, double mean2, double std2, int n2) {
        if (n1 < 2 || n2 < 2) throw new IllegalArgumentException("a gain's interval needs at least 2 stories on each side, got " + n1 + " and " + n2);
        // Welch wants the sample variance (n − 1) of each mean: std² · n / (n − 1) / n.
        double v1 = std1 * std1 / (n1 - 1), v2 = std2 * std2 / (n2 - 1);
        double se = Math.sqrt(v1 + v2), mean = mean2 - mean1;
        if (se == 0) return exact(mean);
        // Welch–Satterthwaite degrees of freedom, rounded down (the safe side).
        int df = (int) Math.max(1, Math.floor((v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))));
        double half = t975(df) * se;
        return new Estimate(mean, mean - half, mean + half);
    }

    /** The two-sided 97.5 % quantile of Student's t with {@code df} degrees of freedom. */
    public static double t975(int df) {
        if (df < 1) throw new IllegalArgumentException("degrees of freedom must be at least 1, not " + df);
        return df <= T975.length ? T975[df - 1] : 1.96;
    }

    /** Half the interval's width (NaN when there is no interval). */
    public double halfWidth() {
        return (hi - lo) / 2;
    }

    /** The interval lies wholly above or below zero (an interval of NaN never does). */
    public boolean excludesZero() {
        return lo > 0 || hi < 0;
    }

    /** A number known exactly (an interval of width zero). */
    public static Estimate exact(double v) {
        return new Estimate(v, v, v);
    }

    /** The interval as a list, for JSON: [lo, hi]. */
    public List<Double> ci95() {
        return List.of(lo, hi);
    }

    /** Holds when the whole interval is above {@code threshold}, does not hold when it is all below, else inconclusive. */
    public Claim.Verdict atLeast(double threshold) {
        if (lo >= threshold) return Claim.Verdict.HOLDS;
        if (hi < threshold) return Claim.Verdict.DOES_NOT_HOLD;
        return Claim.Verdict.INCONCLUSIVE;
    }

    /** Holds when the whole interval lies within ±{@code margin}, does not hold when it lies entirely outside. */
    public Claim.Verdict within(double margin) {
        if (lo >= -margin && hi <= margin) return Claim.Verdict.HOLDS;
        if (lo > margin || hi < -margin) return Claim.Verdict.DOES_NOT_HOLD;
        return Claim.Verdict.INCONCLUSIVE;
    }

    /** "1.23 [0.95, 1.51]". */
    public String format(String number) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) return String.format(number + " [no interval]", mean);
        return String.format(number + " [" + number + ", " + number + "]", mean, lo, hi);
    }

    @Override
    public String toString() {
        return format("%.2f");
    }
}
