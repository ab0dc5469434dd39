package storylab.teacher;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores, reward, AUC and answer parsing: the arithmetic the PPO loop relies on. */
class ValuesTest {

    @Test
    void scoresSumAndNormalize() {
        var s = Scores.of(2, 3, 1);
        assertEquals(6, s.sum());
        assertEquals(6 / 9.0, s.normalized(), 1e-12);
        var f = Scores.fallback(Scores.Source.PARSE_FALLBACK, "t", "meh", "no ints");
        assertEquals(0.5, f.normalized());
        assertThrows(IllegalArgumentException.class, () -> Scores.of(4, 0, 0));
        assertTrue(s.toMimeBundle().get("text/html").contains("coherence"));
    }

    @Test
    void rewardFollowsPaperA() {
        var r = Reward.paper();
        var s = Scores.of(3, 3, 3);
        assertEquals((1 + 0.4 * 90 / 90.0) / 1.4, r.of(s, 90), 1e-12);
        assertEquals((1 + 0.4 * 2) / 1.4, r.of(s, 180), 1e-12, "not clamped by default");
        assertEquals(1.0, r.clampLength(true).of(s, 180), 1e-12);
        assertEquals(6 / 9.0, Reward.noLengthBonus().of(Scores.of(2, 3, 1), 500), 1e-12);
        assertEquals((0.5 + 0.4 * 45 / 90.0) / 1.4, r.of(Scores.fallback(Scores.Source.FALLBACK_AFTER_FAILURE, "", "", ""), 45), 1e-12);
        // dropping coherence renormalizes over the two others
        assertEquals((2 + 1) / 6.0, r.without(Criterion.COHERENCE).teacherNorm(Scores.of(2, 3, 1)), 1e-12);
        assertEquals(3, r.of(s, "one two three") > 0 ? 3 : 0);
        assertEquals((6 / 9.0 + 0.4 * 3 / 90.0) / 1.4, r.of(Scores.of(2, 3, 1), "one  two\nthree"), 1e-12);
    }

    @Test
    void aucCountsTiesAsHalf() {
        assertEquals(1.0, Auc.of(new double[]{3, 3}, new double[]{1, 2}));
        assertEquals(0.5, Auc.of(new double[]{2, 2}, new double[]{2, 2}));
        assertEquals(0.0, Auc.of(new double[]{0}, new double[]{1}));
        assertEquals(0.875, Auc.of(List.of(3, 2), List.of(2, 1)), 1e-12);   // 3>2, 3>1, 2=2 (½), 2>1
    }

    @Test
    void parserTakesFirstThreeIntegersClamped() {
        assertEquals("2 3 1", AnswerParser.parse("2 3 1", "t").toString());
        assertEquals("3 0 2", AnswerParser.parse("Readability: 7\nCoherence: 0\nCreativity: 2, total 9", "t").toString());
        assertEquals(Scores.Source.PARSE_FALLBACK, AnswerParser.parse("2 and 3", "t").source());
        assertEquals(Scores.Source.PARSE_FALLBACK, AnswerParser.parse(null, "t").source());
        assertEquals("3 3 3", AnswerParser.parse("99999999999999999999 5 4", "t").toString());
    }
}
