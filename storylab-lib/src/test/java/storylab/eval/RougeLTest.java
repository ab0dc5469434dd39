package storylab.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class RougeLTest {

    static final double EPS = 1e-12;

    @Test
    void tokenizerLowercasesAndTurnsNonAlphanumericsIntoSeparators() {
        assertEquals(List.of("the", "cat", "s", "hat", "42"), RougeL.tokenize("The cat's  HAT, 42!"));
        assertEquals(List.of("caf", "na", "ve"), RougeL.tokenize("Café naïve"), "non-ASCII letters separate");
        assertEquals(List.of(), RougeL.tokenize(" ... "));
    }

    @Test
    void lcsPrecisionRecallF1() {
        // LCS of "a b c d e" and "a x c e" is "a c e" (3): P = 3/5, R = 3/4
        RougeScore s = RougeL.score("a b c d e", "a x c e");
        assertEquals(0.6, s.precision(), EPS);
        assertEquals(0.75, s.recall(), EPS);
        assertEquals(2 * 0.6 * 0.75 / 1.35, s.f1(), EPS);
        assertEquals(3, RougeL.lcsLength(List.of("a", "b", "c", "d", "e"), List.of("a", "x", "c", "e")));
    }

    @Test
    void emptySidesScoreZero() {
        assertEquals(RougeScore.ZERO, RougeL.score("", "a b"));
        assertEquals(RougeScore.ZERO, RougeL.score("a b", "!!!"));
        assertEquals(RougeScore.ZERO, RougeL.score("a", "b"));
    }

    @Test
    void multiReferenceTakesTheBestF1() {
        RougeScore s = RougeL.scoreMulti("a b c", List.of("x y", "a b", "a z"));
        assertEquals(RougeL.score("a b c", "a b"), s);
        // on a tie of F1 (2/3 both: P 1, R 1/2 vs P 1/2, R 1) the first reference wins, with its P and R
        assertEquals(RougeL.score("a b", "a b x y").f1(), RougeL.score("a b", "a").f1());
        assertEquals(new RougeScore(1.0, 0.5, 2.0 / 3), RougeL.scoreMulti("a b", List.of("a b x y", "a")));
        assertEquals(new RougeScore(0.5, 1.0, 2.0 / 3), RougeL.scoreMulti("a b", List.of("a", "a b x y")));
    }

    @Test
    void meanAveragesEachField() {
        RougeScore m = RougeL.mean(List.of("a b", "a"), List.of("a b", "b"));
        assertEquals(new RougeScore(0.5, 0.5, 0.5), m);
        assertThrows(IllegalArgumentException.class, () -> RougeL.mean(List.of("a"), List.of()));
    }
}
