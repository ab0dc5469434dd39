package storylab.experiment;

import java.util.List;

/**
 * A number with its 95 % confidence interval (percentile bootstrap, see {@link Bootstrap}). A verdict is taken from
 * the interval, never from {@code mean} alone.
 *
 * @param mean the estimate on all the data
 * @param lo   2.5th percentile of the bootstrap replicates
 * @param hi   97.5th percentile
 */
public record Estimate(double mean, double lo, double hi) {

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
        return String.format(number + " [" + number + ", " + number + "]", mean, lo, hi);
    }

    @Override
    public String toString() {
        return format("%.2f");
    }
}
