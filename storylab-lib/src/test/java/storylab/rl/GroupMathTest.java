package storylab.rl;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The advantage and loss formulas of RLOO and GRPO, by hand. */
class GroupMathTest {

    @Test
    void rlooComparesEachStoryWithTheMeanOfItsSiblings() {
        // group 1: 1, 2, 3 → 1 − 2.5, 2 − 2, 3 − 1.5; group 2 all equal → 0
        assertArrayEquals(new double[] {-1.5, 0, 1.5, 0, 0, 0}, Rloo.advantages(new double[] {1, 2, 3, 5, 5, 5}, 3), 1e-12);
    }

    @Test
    void grpoCentresOnTheGroupMeanWithoutDividingByItsStd() {
        // std scaling would make both groups ±1; Dr. GRPO keeps the reward scale
        assertArrayEquals(new double[] {-0.5, 0.5, -5, 5}, Grpo.advantages(new double[] {1, 2, 0, 10}, 2), 1e-12);
    }

    @Test
    void theGroupLossDividesByAConstantNotByEachStorysLength() {
        try (var m = NDManager.newBaseManager()) {
            // two stories, the first 1 token, the second 3 tokens, both advantage 1, ratio 1 (logp = old)
            var logp = m.create(new float[] {-1, 0, 0, -1, -1, -1}).reshape(2, 3);
            var mask = m.create(new float[] {1, 0, 0, 1, 1, 1}).reshape(2, 3);
            var adv = m.create(new float[] {1, 1, 1, 1, 1, 1}).reshape(2, 3);
            var l = GroupLoss.of(logp, logp, logp, adv, mask, 2, 4, 0.2, 0.0);
            assertEquals(-4.0 / (2 * 4), l.policy(), 1e-6, "Σ over the 4 tokens of −A·ρ, over stories × token limit");
            assertEquals(0, l.kl(), 1e-6, "k3 is 0 where π = π_ref");
            // with the reference below the policy, k3 = e^d − d − 1 > 0 enters with β
            var ref = logp.sub(0.5f);
            var withKl = GroupLoss.of(logp, logp, ref, adv, mask, 2, 4, 0.2, 0.1);
            double k3 = Math.exp(-0.5) + 0.5 - 1;
            assertEquals(4 * k3 / 8, withKl.kl(), 1e-6);
            assertEquals(-0.5 + 0.1 * 4 * k3 / 8, withKl.total().getFloat(), 1e-6);
        }
    }
}
