package storylab.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * BLEU as nltk 3.8's {@code sentence_bleu} / {@code corpus_bleu} compute it, re-implemented from
 * their documented behaviour so that numbers can be compared with papers that used nltk.
 *
 * <p>An immutable, fluent description of one BLEU computation:
 * <pre>{@code
 * Bleu.sentence("the girl found a key .", "the little girl found a shiny key .").order(1).score()
 * Bleu.corpus(stories, references).method1().result()     // BLEU-4, smoothed, with details
 * }</pre>
 *
 * <p>Conventions (the ones nltk uses, kept on purpose even where they are surprising):
 * <ul>
 *   <li>Clipped n-gram precision: a candidate n-gram counts at most as often as it occurs in the
 *       reference where it is most frequent. The denominator is the candidate's n-gram count, at
 *       least 1 (so a too-short candidate has precision 0/1, not 0/0).</li>
 *   <li>Brevity penalty {@code exp(1 - r/c)} when {@code c <= r}, where r is the reference length
 *       closest to c (ties go to the shorter reference); 0 for an empty candidate.</li>
 *   <li>Corpus BLEU adds numerators, denominators and lengths over all pairs before dividing;
 *       it is not the mean of sentence scores.</li>
 *   <li>No unigram match at all: the score is 0, whatever the smoothing.</li>
 *   <li>No smoothing and a higher order has no match: that precision becomes the smallest normal
 *       double ({@code 2.2e-308}) instead of 0, so BLEU-4 is tiny (e.g. 1e-78) but not 0.</li>
 *   <li>{@link Smoothing#METHOD1}: a zero-match order gets {@code 0.1 / denominator}.</li>
 * </ul>
 *
 * <p>String inputs are tokenized by {@link #tokenize}: lowercase, then split on whitespace, which is
 * what the lab's fixtures fed to nltk ({@code text.lower().split()}). Pass token lists to
 * {@link #sentenceTokens}/{@link #corpusTokens} to use any other tokenization.
 */
public final class Bleu {

    /** nltk's {@code SmoothingFunction} methods that the lab uses. */
    public enum Smoothing {
        /** nltk's default ({@code method0}): zero precisions become the smallest normal double. */
        NONE,
        /** nltk's {@code method1}: add epsilon (0.1) to the numerator of zero-match precisions. */
        METHOD1
    }

    /** nltk's default epsilon for {@code method1}. */
    public static final double EPSILON = 0.1;

    private static final double[] BLEU4 = {0.25, 0.25, 0.25, 0.25};

    private final List<List<String>> hypotheses;
    private final List<List<List<String>>> references;
    private final boolean corpus;
    private final double[] weights;
    private final Smoothing smoothing;

    private Bleu(List<List<String>> hypotheses, List<List<List<String>>> references, boolean corpus,
                 double[] weights, Smoothing smoothing) {
        this.hypotheses = hypotheses;
        this.references = references;
        this.corpus = corpus;
        this.weights = weights;
        this.smoothing = smoothing;
    }

    // ---- Factories -------------------------------------------------------------------------

    /** One candidate text against one or more reference texts. */
    public static Bleu sentence(String hypothesis, String... references) {
        return sentence(hypothesis, Arrays.asList(references));
    }

    /** One candidate text against its reference texts. */
    public static Bleu sentence(String hypothesis, List<String> references) {
        return sentenceTokens(tokenize(hypothesis), references.stream().map(Bleu::tokenize).toList());
    }

    /** One tokenized candidate against its tokenized references. */
    public static Bleu sentenceTokens(List<String> hypothesis, List<? extends List<String>> references) {
        return corpusTokens(List.of(hypothesis), List.of(references)).asSentence();
    }

    /** Corpus BLEU with one reference text per candidate text (the i-th reference goes with the i-th candidate). */
    public static Bleu corpus(List<String> hypotheses, List<String> references) {
        return corpusMultiRef(hypotheses, references.stream().map(List::of).toList());
    }

    /** Corpus BLEU with several reference texts per candidate text. */
    public static Bleu corpusMultiRef(List<String> hypotheses, List<? extends List<String>> references) {
        return corpusTokens(hypotheses.stream().map(Bleu::tokenize).toList(),
                references.stream().map(rs -> rs.stream().map(Bleu::tokenize).toList()).toList());
    }

    /** Corpus BLEU on token lists: {@code references.get(i)} are the references of {@code hypotheses.get(i)}. */
    public static Bleu corpusTokens(List<? extends List<String>> hypotheses,
                                    List<? extends List<? extends List<String>>> references) {
        if (hypotheses.size() != references.size())
            throw new IllegalArgumentException("BLEU needs one list of references per hypothesis: "
                    + hypotheses.size() + " hypotheses, " + references.size() + " reference lists");
        List<List<String>> hyps = hypotheses.stream().map(h -> List.copyOf(h)).toList();
        List<List<List<String>>> refs = new ArrayList<>();
        for (var rs : references) {
            if (rs.isEmpty()) throw new IllegalArgumentException("a hypothesis has no reference");
            refs.add(rs.stream().map(r -> List.copyOf(r)).toList());
        }
        return new Bleu(hyps, List.copyOf(refs), true, BLEU4, Smoothing.NONE);
    }

    /** nltk's tokenization in the lab's fixtures: {@code text.lower().split()}. */
    public static List<String> tokenize(String text) {
        return PyText.split(text.toLowerCase(Locale.ROOT));
    }

    // ---- Settings (each returns a new Bleu) ------------------------------------------------

    /** Cumulative BLEU-n: uniform weights 1/n over orders 1..n (BLEU-1 is weights (1)). */
    public Bleu order(int n) {
        if (n < 1) throw new IllegalArgumentException("BLEU order must be >= 1, got " + n);
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return weights(w);
    }

    /** Explicit weights per n-gram order, as nltk's {@code weights}: (1,0,0,0) is BLEU-1. */
    public Bleu weights(double... w) {
        if (w.length == 0) throw new IllegalArgumentException("BLEU needs at least one weight");
        return new Bleu(hypotheses, references, corpus, w.clone(), smoothing);
    }

    public Bleu smoothing(Smoothing s) {
        return new Bleu(hypotheses, references, corpus, weights, Objects.requireNonNull(s));
    }

    /** Shortcut for {@code smoothing(Smoothing.METHOD1)}. */
    public Bleu method1() {
        return smoothing(Smoothing.METHOD1);
    }

    private Bleu asSentence() {
        return new Bleu(hypotheses, references, false, weights, smoothing);
    }

    // ---- Computation -----------------------------------------------------------------------

    /** The BLEU score, 0..1. */
    public double score() {
        return result().score();
    }

    /** The score with the numbers behind it. */
    public BleuScore result() {
        int orders = weights.length;
        long[] matches = new long[orders];
        long[] totals = new long[orders];
        long hypLen = 0, refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = hypotheses.get(i);
            List<List<String>> refs = references.get(i);
            for (int n = 1; n <= orders; n++) {
                long[] mt = clippedMatches(hyp, refs, n);
                matches[n - 1] += mt[0];
                totals[n - 1] += mt[1];
            }
            hypLen += hyp.size();
            refLen += closestReferenceLength(refs, hyp.size());
        }
        double bp = brevityPenalty(refLen, hypLen);
        double score;
        if (matches[0] == 0) {
            score = 0.0; // nltk's shortcut: no unigram match means no higher-order match either
        } else {
            // Python's math.fsum sums exactly then rounds once; BigDecimal does the same.
            BigDecimal sum = BigDecimal.ZERO;
            for (int n = 0; n < orders; n++) {
                double p = smoothedPrecision(matches[n], totals[n]);
                if (p > 0) sum = sum.add(new BigDecimal(weights[n] * Math.log(p)));
            }
            score = bp * Math.exp(sum.doubleValue());
        }
        List<Long> m = Arrays.stream(matches).boxed().toList();
        List<Long> t = Arrays.stream(totals).boxed().toList();
        return new BleuScore(score, bp, m, t, hypLen, refLen, corpus, List.copyOf(box(weights)), smoothing);
    }

    private double smoothedPrecision(long matched, long total) {
        if (matched != 0) return (double) matched / total;
        return switch (smoothing) {
            case NONE -> Double.MIN_NORMAL; // nltk: sys.float_info.min, so log() stays finite
            case METHOD1 -> EPSILON / total;
        };
    }

    /** {matched, total} n-grams of order n: candidate counts clipped by the max count in any reference. */
    static long[] clippedMatches(List<String> hyp, List<List<String>> refs, int n) {
        Map<List<String>, Integer> counts = ngramCounts(hyp, n);
        Map<List<String>, Integer> maxRef = new HashMap<>();
        for (List<String> ref : refs) {
            for (var e : ngramCounts(ref, n).entrySet())
                if (counts.containsKey(e.getKey())) maxRef.merge(e.getKey(), e.getValue(), Math::max);
        }
        long matched = 0, total = 0;
        for (var e : counts.entrySet()) {
            total += e.getValue();
            matched += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
        }
        return new long[] {matched, Math.max(1, total)};
    }

    static Map<List<String>, Integer> ngramCounts(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        return counts;
    }

    /** The reference length nearest to the candidate's; on a tie the shorter one. */
    static int closestReferenceLength(List<List<String>> refs, int hypLen) {
        int best = -1;
        for (List<String> r : refs) {
            int len = r.size();
            int d = Math.abs(len - hypLen), bd = Math.abs(best - hypLen);
            if (best < 0 || d < bd || (d == bd && len < best)) best = len;
        }
        return best;
    }

    static double brevityPenalty(long refLen, long hypLen) {
        if (hypLen > refLen) return 1.0;
        if (hypLen == 0) return 0.0;
        return Math.exp(1.0 - (double) refLen / hypLen);
    }

    private static List<Double> box(double[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    @Override
    public String toString() {
        return result().toString();
    }
}
