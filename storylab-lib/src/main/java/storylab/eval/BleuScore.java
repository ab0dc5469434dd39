package storylab.eval;

import java.util.List;
import java.util.Locale;

/**
 * One BLEU result and what it was made of.
 *
 * @param score          BLEU, 0..1
 * @param brevityPenalty the factor applied for short candidates (1 when the candidate is longer)
 * @param matches        clipped n-gram matches per order (index 0 is unigrams), summed over the corpus
 * @param totals         candidate n-gram counts per order (each pair counts at least 1), summed likewise
 * @param hypothesisLength candidate tokens (c)
 * @param referenceLength  closest-reference tokens (r)
 * @param corpus         true for corpus BLEU, false for a single sentence
 * @param weights        weight per n-gram order
 * @param smoothing      smoothing applied to zero-match orders
 */
public record BleuScore(double score, double brevityPenalty, List<Long> matches, List<Long> totals,
                        long hypothesisLength, long referenceLength, boolean corpus, List<Double> weights,
                        Bleu.Smoothing smoothing) {

    /** Unsmoothed clipped precision of order n (1-based): matches / totals. */
    public double precision(int n) {
        return (double) matches.get(n - 1) / totals.get(n - 1);
    }

    @Override
    public String toString() {
        var sb = new StringBuilder(String.format(Locale.ROOT, "%s BLEU(%s) = %.4f  [BP %.4f, c=%d r=%d; p =",
                corpus ? "corpus" : "sentence", weightsLabel(), score, brevityPenalty, hypothesisLength,
                referenceLength));
        for (int i = 0; i < matches.size(); i++) sb.append(' ').append(matches.get(i)).append('/').append(totals.get(i));
        if (smoothing != Bleu.Smoothing.NONE) sb.append("; ").append(smoothing.name().toLowerCase(Locale.ROOT));
        return sb.append(']').toString();
    }

    private String weightsLabel() {
        int n = weights.size();
        boolean uniform = weights.stream().allMatch(w -> w == 1.0 / n);
        if (uniform) return "n=" + n;
        var parts = weights.stream().map(w -> String.format(Locale.ROOT, "%.3g", w)).toList();
        return String.join(",", parts);
    }
}
