package storylab.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistinctTest {

    @Test
    void uniqueOverTotalPooledOverTexts() {
        List<String> texts = List.of("a b a b", "a b");
        // unigrams: 6 total, {a, b}
        assertEquals(new Distinct.Count(1, 2, 6, 2.0 / 6), Distinct.count(texts, 1));
        // bigrams within each text only: (a b)(b a)(a b) + (a b) -> 2 unique of 4
        assertEquals(0.5, Distinct.n(texts, 2), 1e-12);
    }

    @Test
    void caseIsKeptAndEmptyGivesZero() {
        assertEquals(1.0, Distinct.n(List.of("The the"), 1), 1e-12);
        assertEquals(0.0, Distinct.n(List.of("a", ""), 2));
        assertThrows(IllegalArgumentException.class, () -> Distinct.n(List.of("a"), 0));
    }
}
