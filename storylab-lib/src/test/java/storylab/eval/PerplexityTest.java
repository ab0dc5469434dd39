package storylab.eval;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PerplexityTest {

    static final double EPS = 1e-12;

    @Test
    void allRatesFromOneLossSum() {
        // 10 bits over 5 tokens, 2 words, 10 bytes
        Perplexity p = Perplexity.of(10 * Math.log(2), 5, 2, 10);
        assertEquals(4.0, p.ppl(), EPS);
        assertEquals(2.0, p.bitsPerToken(), EPS);
        assertEquals(5.0, p.bitsPerWord(), EPS);
        assertEquals(1.0, p.bitsPerByte(), EPS);
        assertEquals(2 * Math.log(2), p.meanNll(), EPS);
    }

    @Test
    void wordsAndBytesCountedFromText() {
        // BabyLM words are whitespace runs; "é" is two UTF-8 bytes
        Perplexity p = Perplexity.of(3.0, 4, "héllo  world\n");
        assertEquals(2, p.words());
        assertEquals(14, p.bytes());
        assertEquals(3.0 / Math.log(2) / 2, p.bitsPerWord(), EPS);
    }

    @Test
    void poolingAddsSums() {
        Perplexity a = Perplexity.of(2.0, 2, 1, 4), b = Perplexity.of(6.0, 2, 3, 4);
        Perplexity ab = a.plus(b);
        assertEquals(Math.exp(2.0), ab.ppl(), EPS);
        assertEquals(8.0 / Math.log(2) / 8, ab.bitsPerByte(), EPS);
    }

    @Test
    void degenerateInputs() {
        assertThrows(IllegalArgumentException.class, () -> Perplexity.of(1.0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Perplexity.of(Double.NaN, 1, 1, 1));
        assertTrue(Double.isNaN(Perplexity.of(1.0, 1, 0, 0).bitsPerWord()));
    }
}
