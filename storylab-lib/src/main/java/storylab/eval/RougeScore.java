package storylab.eval;

import java.util.Locale;

/**
 * Precision, recall and F1 of an overlap metric (ROUGE-L here).
 * Precision is relative to the candidate, recall to the reference.
 */
public record RougeScore(double precision, double recall, double f1) {

    public static final RougeScore ZERO = new RougeScore(0, 0, 0);

    /** The F-measure with beta = 1 as rouge-score computes it: 0 when P + R is 0. */
    public static RougeScore of(double precision, double recall) {
        double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        return new RougeScore(precision, recall, f);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ROUGE-L P %.4f R %.4f F1 %.4f", precision, recall, f1);
    }
}
