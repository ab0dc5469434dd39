package storylab.experiment;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * 95 % confidence intervals by a two-level percentile bootstrap: each replicate draws the seeds with replacement,
 * then, within each drawn seed, the stories (or probe items) with replacement, and recomputes the statistic. So
 * the interval covers both the luck of the seed (initialisation, data order, PPO's sampling) and the luck of
 * which stories were scored. Replicates use a fixed seed: the same data give the same interval.
 */
public final class Bootstrap {

    /** Replicates per interval. */
    public static final int RESAMPLES = 2000;

    private Bootstrap() {}

    /**
     * A statistic of the per-run mean scores before and after RL.
     *
     * @param scores    {@code scores[seed][run][phase][story]}: phase 0 before RL, 1 after; runs in checkpoint order
     * @param statistic f(before[run], after[run]) where each entry is the mean over the (drawn) seeds of the
     *                  (drawn) stories' mean
     */
    public static Estimate scores(double[][][][] scores, ToDoubleBiFunction<double[], double[]> statistic) {
        int seeds = scores.length, runs = scores[0].length;
        double mean = statistic.applyAsDouble(means(scores, 0, null, null), means(scores, 1, null, null));
        var rng = new SplittableRandom(20_240_611L);
        double[] reps = new double[RESAMPLES];
        int[] pick = new int[seeds];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < seeds; i++) pick[i] = rng.nextInt(seeds);
            reps[b] = statistic.applyAsDouble(means(scores, 0, pick, rng), means(scores, 1, pick, rng));
        }
        return interval(mean, reps);
    }

    /** Mean over seeds of each run's mean in one phase; with {@code pick} the seeds and stories are drawn. */
    private static double[] means(double[][][][] scores, int phase, int[] pick, SplittableRandom rng) {
        int runs = scores[0].length;
        double[] out = new double[runs];
        int seeds = pick == null ? scores.length : pick.length;
        for (int k = 0; k < seeds; k++) {
            double[][][] seed = scores[pick == null ? k : pick[k]];
            for (int r = 0; r < runs; r++) {
                double[] s = seed[r][phase];
                double sum = 0;
                if (s.length == 0) { out[r] = Double.NaN; continue; }
                if (pick == null) for (double v : s) sum += v;
                else for (int i = 0; i < s.length; i++) sum += s[rng.nextInt(s.length)];
                out[r] += sum / s.length / seeds;
            }
        }
        return out;
    }

    /**
     * A statistic of accuracies measured on {@code items} items each: {@code acc[seed][run][phase]}. Items are
     * drawn as a binomial (the same as drawing the items with replacement, for a right/wrong score).
     */
    public static Estimate accuracies(double[][][] acc, int[][] items, ToDoubleBiFunction<double[], double[]> statistic) {
        int seeds = acc.length, runs = acc[0].length;
        double mean = statistic.applyAsDouble(accMeans(acc, items, 0, null, null), accMeans(acc, items, 1, null, null));
        var rng = new SplittableRandom(20_240_612L);
        double[] reps = new double[RESAMPLES];
        int[] pick = new int[seeds];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < seeds; i++) pick[i] = rng.nextInt(seeds);
            reps[b] = statistic.applyAsDouble(accMeans(acc, items, 0, pick, rng), accMeans(acc, items, 1, pick, rng));
        }
        return interval(mean, reps);
    }

    private static double[] accMeans(double[][][] acc, int[][] items, int phase, int[] pick, SplittableRandom rng) {
        int runs = acc[0].length;
        double[] out = new double[runs];
        int seeds = pick == null ? acc.length : pick.length;
        for (int k = 0; k < seeds; k++) {
            int s = pick == null ? k : pick[k];
            for (int r = 0; r < runs; r++) {
                double p = acc[s][r][phase];
                int n = items[s][r];
                double v = p;
                if (pick != null && n > 0) {
                    int right = 0;
                    for (int i = 0; i < n; i++) if (rng.nextDouble() < p) right++;
                    v = right / (double) n;
                }
                out[r] += v / seeds;
            }
        }
        return out;
    }

    static Estimate interval(double mean, double[] reps) {
        double[] r = Arrays.stream(reps).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (r.length == 0) return new Estimate(mean, Double.NaN, Double.NaN);
        return new Estimate(mean, quantile(r, 0.025), quantile(r, 0.975));
    }

    /** Linear interpolation between order statistics. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
