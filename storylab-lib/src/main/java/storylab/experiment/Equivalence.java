package storylab.experiment;

import java.util.Arrays;

/**
 * What an RL gain is worth in pretraining words. The pretraining-only curve (score against words) is made
 * monotone (pool-adjacent-violators, so noise cannot create two answers) and read in log-words by linear
 * interpolation: the words at which pretraining alone reaches the score after RL, minus the words the model
 * had. Paper A: 90M words + RL scores 2.28, which pretraining alone reaches at ~500M words, so 1M interaction
 * words ≈ 410M pretraining words.
 *
 * @param baseWords        pretraining words of the model RL started from
 * @param scoreAfter       its score after RL
 * @param equivalentWords  pretraining words at which the curve reaches {@code scoreAfter} (NaN when beyond the curve)
 * @param extraWords       equivalentWords − baseWords, or when beyond: the lower bound (last words − baseWords)
 * @param beyondRange      the score after RL is higher than any pretraining-only score: report "more than"
 * @param interactionWords the RL run's interaction words
 */
public record Equivalence(double baseWords, double scoreAfter, double equivalentWords, double extraWords,
                          boolean beyondRange, double interactionWords) {

    /** Extra pretraining words per interaction word (a lower bound when beyond the range). */
    public double ratio() {
        return interactionWords > 0 ? extraWords / interactionWords : Double.NaN;
    }

    /**
     * Reads the curve at {@code scoreAfter}. {@code words} must be positive and increasing; {@code scores}
     * the pretraining-only score at each.
     */
    public static Equivalence of(double[] words, double[] scores, double baseWords, double scoreAfter, double interactionWords) {
        if (words.length != scores.length || words.length == 0) throw new IllegalArgumentException("need a curve of equal-length words and scores");
        for (int i = 0; i < words.length; i++)
            if (words[i] <= 0 || (i > 0 && words[i] <= words[i - 1])) throw new IllegalArgumentException("words must be positive and increasing: " + Arrays.toString(words));
        double[] y = isotonic(scores);
        int n = words.length;
        double last = words[n - 1];
        if (scoreAfter > y[n - 1]) return new Equivalence(baseWords, scoreAfter, Double.NaN, Math.max(0, last - baseWords), true, interactionWords);
        double eq;
        if (scoreAfter <= y[0]) eq = words[0];
        else {
            int i = 1;
            while (y[i] < scoreAfter) i++; // first point at or above the score: y[i-1] < score <= y[i]
            double f = (scoreAfter - y[i - 1]) / (y[i] - y[i - 1]);
            eq = Math.exp(Math.log(words[i - 1]) + f * (Math.log(words[i]) - Math.log(words[i - 1])));
        }
        return new Equivalence(baseWords, scoreAfter, eq, Math.max(0, eq - baseWords), false, interactionWords);
    }

    /** Least-squares non-decreasing fit (pool adjacent violators, equal weights). */
    static double[] isotonic(double[] v) {
        int n = v.length;
        double[] mean = new double[n];
        int[] size = new int[n];
        int blocks = 0;
        for (double x : v) {
            mean[blocks] = x;
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
                int s = size[blocks - 2] + size[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * size[blocks - 2] + mean[blocks - 1] * size[blocks - 1]) / s;
                size[blocks - 2] = s;
                blocks--;
            }
        }
        double[] out = new double[n];
        for (int b = 0, k = 0; b < blocks; b++) for (int j = 0; j < size[b]; j++) out[k++] = mean[b];
        return out;
    }

    static String words(double w) {
        if (Double.isNaN(w)) return "–";
        if (w >= 1e9) return String.format("%.3gB", w / 1e9);
        if (w >= 1e6) return String.format("%.3gM", w / 1e6);
        if (w >= 1e3) return String.format("%.3gk", w / 1e3);
        return String.format("%.0f", w);
    }

    @Override
    public String toString() {
        String worth = beyondRange ? "more than " + words(extraWords) : words(extraWords);
        String ratio = beyondRange ? "more than " + String.format("%.0f×", ratio()) : String.format("%.0f×", ratio());
        return String.format("%s interaction words from %s pretraining words (score %.2f) ≈ %s extra pretraining words (%s)",
                words(interactionWords), words(baseWords), scoreAfter, worth, ratio);
    }
}
