package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void threeValuesGiveTheMeanAndStudentsTInterval() {
        var e = Estimate.of(1, 2, 3); // sd 1, t(0.975, 2) = 4.303
        assertEquals(2.0, e.mean(), 1e-12);
        assertEquals(4.303 / Math.sqrt(3), e.halfWidth(), 1e-9);
        assertEquals(2 - 4.303 / Math.sqrt(3), e.lo(), 1e-9);
        assertEquals(String.format("%.2f [%.2f, %.2f]", 2.0, -0.48, 4.48), e.toString());
        assertFalse(e.excludesZero());
        assertTrue(Estimate.of(5, 6, 7).excludesZero());
        assertEquals(Claim.Verdict.INCONCLUSIVE, e.atLeast(0));
        assertEquals(Claim.Verdict.HOLDS, Estimate.of(5, 6, 7).atLeast(0));
    }

    @Test
    void manyValuesUseTheNormalQuantileAndOneValueHasNoInterval() {
        assertEquals(1.96, Estimate.t975(31), 0);
        assertEquals(12.706, Estimate.t975(1), 0);
        var one = Estimate.of(4.0);
        assertTrue(Double.isNaN(one.halfWidth()));
        assertFalse(one.excludesZero(), "a single value never excludes zero");
        assertEquals(Claim.Verdict.INCONCLUSIVE, one.atLeast(0), "nor decides a verdict");
        assertEquals(String.format("%.2f [no interval]", 4.0), one.toString());
        assertThrows(IllegalArgumentException.class, Estimate::of);
    }
}
