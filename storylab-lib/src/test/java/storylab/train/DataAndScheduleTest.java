package storylab.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import storylab.text.ByteTokenizer;

class DataAndScheduleTest {

    @Test
    void windowsAreDeterministicRestorableAndCountEveryWord() {
        var corpus = Stories.corpus("s", 100, 5);
        var tok = new ByteTokenizer();
        long words = corpus.stream().mapToLong(d -> d.words()).sum();
        var a = new Windows(corpus, tok, 16, 20, 7, 0, DataState.start());
        var b = new Windows(corpus, tok, 16, 20, 7, 0, DataState.start());
        List<int[]> first = new ArrayList<>();
        double sum = 0;
        DataState mid = null;
        List<int[]> afterMid = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            var w = a.next();
            assertArrayEquals(w.tokens(), b.next().tokens());
            assertEquals(17, w.tokens().length);
            first.add(w.tokens());
            if (i == 137) mid = a.state();
            if (i > 137) afterMid.add(w.tokens());
            sum += w.words();
        }
        var restored = new Windows(corpus, tok, 16, 20, 7, 0, mid);
        for (int[] expected : afterMid) assertArrayEquals(expected, restored.next().tokens());
        var other = new Windows(corpus, tok, 16, 20, 8, 0, DataState.start());
        assertFalse(Arrays.equals(first.get(0), other.next().tokens()), "another seed, another order");
        // Over whole epochs the fractional word counts add up to the corpus's words.
        var c = new Windows(corpus, tok, 16, 1, 7, 0, DataState.start());
        double total = 0;
        while (c.state().epoch() == 0) total += c.next().words();
        assertEquals(words, total, words * 0.02, "one epoch ≈ the corpus's words");
    }

    @Test
    void milestonesAndSchedules() {
        var paperA = Milestones.paperA(1.0).words();
        assertEquals(28, paperA.length);
        assertEquals(1_000_000, paperA[0]);
        assertEquals(20_000_000, paperA[10]);
        assertEquals(1_000_000_000, paperA[27]);
        assertEquals(1_000, Milestones.paperA(0.001).words()[0]);
        assertEquals(List.of(2_000_000L, 3_000_000L), Milestones.paperA(1).crossed(1_500_000, 3_000_000));
        var s = Schedule.paperA();
        assertEquals(5e-4, s.at(0.01), 1e-9);
        assertEquals(2.5e-4, s.at(0.005), 1e-9);
        assertEquals(0, s.at(1.0), 1e-12);
        assertEquals(5e-4 * 0.5, s.at(0.505), 1e-9);
        var cos = s.withDecay(Schedule.Decay.COSINE).withMinFraction(0.1);
        assertEquals(5e-4 * 0.1, cos.at(1.0), 1e-12);
        assertEquals(5e-4 * 0.55, cos.at(0.505), 1e-9);
    }
}
