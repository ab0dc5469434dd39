package storylab.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed BLEU cases, so the package is checked even without the nltk fixture. */
class BleuTest {

    static final double EPS = 1e-12;

    static List<String> t(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void unigramCountsAreClippedByTheReference() {
        // "the" x5 in the candidate, x2 in the reference: 2 + 1 ("dog") of 6 match; c = r = 6 so BP = 1
        BleuScore r = Bleu.sentence("the the the the the dog", "the dog ran to the park").order(1).result();
        assertEquals(3, r.matches().get(0));
        assertEquals(6, r.totals().get(0));
        assertEquals(1.0, r.brevityPenalty());
        assertEquals(0.5, r.score(), EPS);
    }

    @Test
    void clippingUsesTheMaxCountOverReferences() {
        // "the" x3; one reference has it once, the other twice -> clipped to 2 of 3
        assertEquals(2.0 / 3, Bleu.sentence("the the the", "the cat", "the the dog").order(1).score(), EPS);
    }

    @Test
    void brevityPenaltyForShortCandidates() {
        // p1 = 1, c = 2, r = 4: BP = exp(1 - 4/2)
        assertEquals(Math.exp(-1), Bleu.sentence("a b", "a b c d").order(1).score(), EPS);
        // longer than the reference: no penalty, precision 2/5
        assertEquals(0.4, Bleu.sentence("a b x y z", "a b c d").order(1).score(), EPS);
    }

    @Test
    void closestReferenceLengthTiesGoToTheShorter() {
        // c = 4, references of length 3 and 5 (both 1 away): r = 3 < c, so no penalty
        assertEquals(3, Bleu.closestReferenceLength(List.of(t("a b c"), t("a b c d e")), 4));
        assertEquals(1.0, Bleu.sentence("a b c d", "a b c", "a b c d e").order(1).result().brevityPenalty());
        // and the nearer one wins over the shorter one
        assertEquals(5, Bleu.closestReferenceLength(List.of(t("a"), t("a b c d e")), 4));
    }

    @Test
    void method1AddsEpsilonToZeroMatchOrdersOnly() {
        // "a b c d" vs "a b x d": p1 = 3/4, p2 = 1/3, p3 = 0/2 -> 0.1/2, p4 = 0/1 -> 0.1; BP = 1
        Bleu b = Bleu.sentence("a b c d", "a b x d");
        assertEquals(Math.pow(0.75 * (1.0 / 3) * 0.05 * 0.1, 0.25), b.method1().score(), EPS);
        // unsmoothed, the zero orders become the smallest normal double instead of 0
        double expected = Math.exp(0.25 * (Math.log(0.75) + Math.log(1.0 / 3) + 2 * Math.log(Double.MIN_NORMAL)));
        assertEquals(expected, b.score(), 1e-300);
        assertTrue(b.score() > 0 && b.score() < 1e-150);
    }

    @Test
    void noUnigramMatchIsZeroEvenWithSmoothing() {
        Bleu b = Bleu.sentence("purple elephants", "a small cat");
        assertEquals(0.0, b.score());
        assertEquals(0.0, b.method1().score());
        assertEquals(0.0, Bleu.sentence("", "a small cat").method1().score());
    }

    @Test
    void candidateShorterThanTheOrder() {
        // "a" vs "a": orders 2..4 have no n-gram at all, counted as 0/1
        assertEquals(Math.pow(0.1 * 0.1 * 0.1, 0.25), Bleu.sentence("a", "a").method1().score(), EPS);
        assertEquals(1.0, Bleu.sentence("a", "a").order(1).score(), EPS);
    }

    @Test
    void zeroWeightOrdersDoNotMatter() {
        Bleu b = Bleu.sentence("a b c d", "a b x d");
        assertEquals(b.order(1).score(), b.weights(1, 0, 0, 0).score(), 0);
        assertEquals(b.order(2).score(), b.weights(0.5, 0.5).score(), 0);
    }

    @Test
    void corpusPoolsCountsInsteadOfAveraging() {
        // pair 1: 2/2 matched, c=2 r=2; pair 2: 1/4 matched, c=4 r=4 -> pooled 3/6, BP 1
        List<String> hyps = List.of("a b", "x y z a"), refs = List.of("a b", "a b c d");
        assertEquals(0.5, Bleu.corpus(hyps, refs).order(1).score(), EPS);
        double mean = (1.0 + 0.25) / 2;
        assertNotEquals(mean, Bleu.corpus(hyps, refs).order(1).score(), 1e-3);
        // brevity penalty is pooled too: c = 1 + 4, r = 3 + 4
        double bp = Bleu.corpus(List.of("a", "a b c d"), List.of("a b c", "a b c d")).order(1).result().brevityPenalty();
        assertEquals(Math.exp(1 - 7.0 / 5), bp, EPS);
    }

    @Test
    void textIsLowercasedAndSplitLikePython() {
        assertEquals(List.of("once", "upon", "a", "time."), Bleu.tokenize(" Once\u00A0upon  a\ttime.\n"));
        assertEquals(List.of(), Bleu.tokenize(" \u2007 "));
    }

    @Test
    void inputsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of("a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Bleu.sentence("a").score());
        assertThrows(IllegalArgumentException.class, () -> Bleu.sentence("a", "a").order(0));
    }

    @Test
    void resultReadsWellInANotebook() {
        String s = Bleu.sentence("the girl found a key .", "the little girl found a shiny key in the garden .")
                .method1().toString();
        assertTrue(s.startsWith("sentence BLEU(n=4) = 0.1044"), s);
        assertTrue(s.contains("6/6 2/5 1/4 0/3"), s);
        assertTrue(s.contains("method1"), s);
    }
}
