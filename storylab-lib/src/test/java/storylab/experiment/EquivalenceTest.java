package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class EquivalenceTest {

    // score = log10(words): every decade of words adds one point, so the answer is known exactly.
    static final double[] WORDS = {1e6, 1e7, 1e8, 1e9};
    static final double[] SCORES = {6, 7, 8, 9};

    @Test
    void readsTheCurveByInterpolationInLogWords() {
        var e = Equivalence.of(WORDS, SCORES, 1e7, 7.5, 1e5);
        assertFalse(e.beyondRange());
        assertEquals(Math.pow(10, 7.5), e.equivalentWords(), 1);
        assertEquals(Math.pow(10, 7.5) - 1e7, e.extraWords(), 1);
        assertEquals((Math.pow(10, 7.5) - 1e7) / 1e5, e.ratio(), 1e-6);
    }

    @Test
    void paperANumbersGiveAbout410MillionWords() {
        // The paper rounds 2.28 ≈ 2.25 (500M) to get 410M; reading the curve between 500M and 900M gives ~433M.
        double[] w = {20e6, 50e6, 90e6, 200e6, 500e6, 900e6};
        double[] before = {0.03, 0.26, 0.70, 1.45, 2.25, 2.64};
        var e = Equivalence.of(w, before, 90e6, 2.28, 1e6);
        assertEquals(433e6, e.extraWords(), 2e6, e.toString());
        assertTrue(e.extraWords() > 410e6 && e.ratio() < 450);
    }

    @Test
    void aGainBeyondTheCurveIsReportedAsMoreThan() {
        var e = Equivalence.of(WORDS, SCORES, 1e7, 9.5, 1e5);
        assertTrue(e.beyondRange());
        assertTrue(Double.isNaN(e.equivalentWords()));
        assertEquals(1e9 - 1e7, e.extraWords(), 1e-3, "a lower bound: the curve's last point");
        assertTrue(e.toString().contains("more than"), e.toString());
    }

    @Test
    void noGainIsWorthNothingAndAScoreBelowTheCurveIsItsFirstPoint() {
        assertEquals(0, Equivalence.of(WORDS, SCORES, 1e8, 8, 1e5).extraWords(), 1e-6);
        var low = Equivalence.of(WORDS, SCORES, 1e6, 5, 1e5);
        assertEquals(1e6, low.equivalentWords(), 1e-6);
        assertEquals(0, low.extraWords(), 1e-6);
    }

    @Test
    void aNoisyCurveIsMadeMonotoneFirst() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Equivalence.isotonic(new double[] {1, 3, 2, 4}), 1e-12);
        var e = Equivalence.of(new double[] {1e3, 1e4, 1e5, 1e6}, new double[] {1, 3, 2, 4}, 1e3, 2.5, 10);
        assertEquals(1e4, e.equivalentWords(), 1e-6, "the first point of the pooled plateau");
    }

    @Test
    void rejectsACurveThatIsNotIncreasingInWords() {
        assertThrows(IllegalArgumentException.class, () -> Equivalence.of(new double[] {10, 5}, new double[] {1, 2}, 10, 1, 1));
    }
}
