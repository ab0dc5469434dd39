package storylab.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The dashboard fixes the axis of a series that does not move, and leaves a moving one to the chart. */
class RlDashboardTest {

    @Test
    void aFixedBetaGetsAnAxisAroundItAndAMovingKlDoesNot() {
        double[] smoothedBeta = RlDashboard.smooth(new double[] {0.05, 0.05, 0.05, 0.05, 0.05, 0.05}, 2.0);
        assertArrayEquals(new double[] {0, 0.1}, RlDashboard.flatRange(smoothedBeta), 1e-12);
        assertArrayEquals(new double[] {-1, 1}, RlDashboard.flatRange(new double[] {0, 0, Double.NaN}), 0);
        assertArrayEquals(new double[] {-4, 0}, RlDashboard.flatRange(new double[] {-2, -2}), 0);
        assertNull(RlDashboard.flatRange(new double[] {0.1, 2.5, 4.0}));
        assertNull(RlDashboard.flatRange(new double[] {Double.NaN}), "nothing to draw: the chart decides");
    }
}
