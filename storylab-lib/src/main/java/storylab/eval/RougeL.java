package storylab.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ROUGE-L (longest common subsequence) with the conventions of Google's {@code rouge-score}
 * package, re-implemented: lowercase, every run of characters outside {@code [a-z0-9]} becomes a
 * space, split on spaces, no stemming. Accented letters are therefore separators, as there.
 *
 * <pre>{@code
 * RougeL.score("the dragon slept", "the old dragon slept all day").f1()
 * RougeL.scoreMulti(candidate, List.of(ref1, ref2))   // best reference by F1
 * RougeL.mean(candidates, references)                 // macro average over pairs
 * }</pre>
 *
 * <p>Note the argument order: candidate first (rouge-score's {@code score} takes target first).
 */
public final class RougeL {

    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private RougeL() {}

    /** rouge-score's tokenizer without a stemmer. */
    public static List<String> tokenize(String text) {
        String cleaned = NON_ALNUM.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        List<String> out = new ArrayList<>();
        for (String t : cleaned.split(" ")) if (!t.isEmpty()) out.add(t);
        return out;
    }

    /** ROUGE-L of a candidate text against one reference text. */
    public static RougeScore score(String candidate, String reference) {
        return scoreTokens(tokenize(candidate), tokenize(reference));
    }

    /**
     * Against several references: the score of the reference with the highest F1 (the first one on
     * ties), as rouge-score's {@code score_multi}; P and R come from that same reference.
     */
    public static RougeScore scoreMulti(String candidate, List<String> references) {
        if (references.isEmpty()) throw new IllegalArgumentException("ROUGE-L needs at least one reference");
        List<String> cand = tokenize(candidate);
        RougeScore best = null;
        for (String r : references) {
            RougeScore s = scoreTokens(cand, tokenize(r));
            if (best == null || s.f1() > best.f1()) best = s;
        }
        return best;
    }

    /** Mean P, R and F1 over aligned candidate/reference pairs (each field averaged separately). */
    public static RougeScore mean(List<String> candidates, List<String> references) {
        if (candidates.size() != references.size())
            throw new IllegalArgumentException(candidates.size() + " candidates but " + references.size() + " references");
        if (candidates.isEmpty()) throw new IllegalArgumentException("no pairs to average");
        double p = 0, r = 0, f = 0;
        for (int i = 0; i < candidates.size(); i++) {
            RougeScore s = score(candidates.get(i), references.get(i));
            p += s.precision();
            r += s.recall();
            f += s.f1();
        }
        int n = candidates.size();
        return new RougeScore(p / n, r / n, f / n);
    }

    /** ROUGE-L on token lists; an empty side scores 0 everywhere, as in rouge-score. */
    public static RougeScore scoreTokens(List<String> candidate, List<String> reference) {
        if (candidate.isEmpty() || reference.isEmpty()) return RougeScore.ZERO;
        int lcs = lcsLength(candidate, reference);
        return RougeScore.of((double) lcs / candidate.size(), (double) lcs / reference.size());
    }

    /** Length of the longest common subsequence; two rows of the usual table, O(n·m) time. */
    static int lcsLength(List<String> a, List<String> b) {
        String[] x = a.toArray(String[]::new), y = b.toArray(String[]::new);
        int[] prev = new int[y.length + 1], cur = new int[y.length + 1];
        for (String xi : x) {
            for (int j = 1; j <= y.length; j++)
                cur[j] = xi.equals(y[j - 1]) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            int[] t = prev; prev = cur; cur = t;
            Arrays.fill(cur, 0);
        }
        return prev[y.length];
    }
}
