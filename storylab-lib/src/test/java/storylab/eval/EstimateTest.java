package storylab.eval;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void threeValuesGiveTheMeanAndStudentsTInterval() {
        var e = Estimate.of(1, 2, 3);   // sd 1, t(0.975, 2) = 4.303
        assertEquals(2.0, e.mean(), 1e-12);
        assertEquals(4.303 / Math.sqrt(3), e.halfWidth(), 1e-9);
        assertEquals("2.00 ± 2.48 (95% CI, n = 3)", e.toString());
        assertTrue(e.excludesZero() == false && Estimate.of(5, 6, 7).excludesZero());
    }

    @Test
    void manyValuesUseTheNormalQuantileAndOneValueHasNoInterval() {
        assertEquals(1.96, Estimate.t975(31), 0);
        assertEquals(12.706, Estimate.t975(1), 0);
        var one = Estimate.of(4.0);
        assertTrue(Double.isNaN(one.halfWidth()));
        assertFalse(one.excludesZero(), "a single value never excludes zero");
        assertEquals("4.00 ± ? (95% CI, n = 1)", one.toString());
        assertThrows(IllegalArgumentException.class, Estimate::of);
    }
}
