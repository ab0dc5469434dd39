package storylab.eval;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * distinct-n: unique n-grams divided by all n-grams, pooled over a set of generated texts
 * (Li et al., 2016), the diversity measure of paper A. N-grams never cross text boundaries.
 *
 * <pre>{@code
 * Distinct.n(stories, 2)          // 0..1, higher is more diverse
 * Distinct.count(stories, 2)      // with the unique and total counts
 * }</pre>
 *
 * <p>Texts are split on whitespace with case kept, so the measure does not depend on a model's
 * tokenizer and is comparable across models; use {@link #countTokens} for any other tokens.
 */
public final class Distinct {

    /** @param ratio unique / total, or 0 when there is no n-gram at all (rather than NaN) */
    public record Count(int n, long unique, long total, double ratio) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "distinct-%d = %.4f (%d unique / %d)", n, ratio, unique, total);
        }
    }

    private Distinct() {}

    /** distinct-n of whitespace-split texts. */
    public static double n(Collection<String> texts, int n) {
        return count(texts, n).ratio();
    }

    public static Count count(Collection<String> texts, int n) {
        return countTokens(texts.stream().map(PyText::split).toList(), n);
    }

    /** distinct-n over pre-tokenized texts. */
    public static Count countTokens(Collection<? extends List<String>> texts, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        Set<List<String>> unique = new HashSet<>();
        long total = 0;
        for (List<String> t : texts) {
            for (int i = 0; i + n <= t.size(); i++) {
                unique.add(List.copyOf(t.subList(i, i + n)));
                total++;
            }
        }
        return new Count(n, unique.size(), total, total == 0 ? 0.0 : (double) unique.size() / total);
    }
}
