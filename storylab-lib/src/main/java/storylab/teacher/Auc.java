package storylab.teacher;

import java.util.Arrays;
import java.util.Collection;

/**
 * ROC AUC as the Mann–Whitney statistic: the chance that a random positive scores above a random
 * negative, ties counting one half (integer rubric scores tie a lot, so this matters).
 */
public final class Auc {

    private Auc() {}

    public static double of(double[] positives, double[] negatives) {
        int p = positives.length, n = negatives.length;
        if (p == 0 || n == 0) throw new IllegalArgumentException("need at least one positive and one negative");
        double[] all = new double[p + n];
        System.arraycopy(positives, 0, all, 0, p);
        System.arraycopy(negatives, 0, all, p, n);
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        // Sum of the positives' mid-ranks (1-based); ties share the mean of their ranks.
        double rankSum = 0;
        for (double v : positives) {
            int lo = lowerBound(sorted, v), hi = upperBound(sorted, v);
            rankSum += (lo + 1 + hi) / 2.0;
        }
        return (rankSum - p * (p + 1) / 2.0) / ((double) p * n);
    }

    public static double of(Collection<? extends Number> positives, Collection<? extends Number> negatives) {
        return of(positives.stream().mapToDouble(Number::doubleValue).toArray(),
                negatives.stream().mapToDouble(Number::doubleValue).toArray());
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) { int m = (lo + hi) >>> 1; if (a[m] < v) lo = m + 1; else hi = m; }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) { int m = (lo + hi) >>> 1; if (a[m] <= v) lo = m + 1; else hi = m; }
        return lo;
    }
}
