package storylab.rl;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import storylab.teacher.Reward;
import storylab.teacher.Scores;

/** The PPO arithmetic against values worked out by hand. */
class PpoMathTest {

    @Test
    void gaeMatchesHandComputedValues() {
        // rewards r = [0, 0, 1], values V = [0.5, 0.6, 0.7], γ = 1, λ = 0.95
        // δ2 = 1 − 0.7 = 0.3; δ1 = 0 + 0.7 − 0.6 = 0.1; δ0 = 0 + 0.6 − 0.5 = 0.1
        // A2 = 0.3; A1 = 0.1 + 0.95·0.3 = 0.385; A0 = 0.1 + 0.95·0.385 = 0.46575
        var g = Gae.of(new float[] {0, 0, 1}, new float[] {0.5f, 0.6f, 0.7f}, 1.0, 0.95);
        assertArrayEquals(new float[] {0.46575f, 0.385f, 0.3f}, g.advantages(), 1e-6f);
        assertArrayEquals(new float[] {0.96575f, 0.985f, 1.0f}, g.returns(), 1e-6f);
        // γ = 0.5, λ = 1: A1 = 1 − 0.7·... single step check: r = [2], V = [1] → A = 1, R = 2
        var one = Gae.of(new float[] {2}, new float[] {1}, 0.5, 1.0);
        assertEquals(1f, one.advantages()[0], 1e-6f);
        assertEquals(2f, one.returns()[0], 1e-6f);
    }

    @Test
    void whiteningUsesTheUnbiasedVarianceOverAllTokens() {
        // values 1, 2, 3, 4: mean 2.5, unbiased var 5/3
        float[][] w = Whiten.of(new float[][] {{1, 2}, {3, 4}}, false);
        double sd = Math.sqrt(5.0 / 3 + 1e-8);
        assertEquals((1 - 2.5) / sd, w[0][0], 1e-6);
        assertEquals((4 - 2.5) / sd, w[1][1], 1e-6);
        float[][] kept = Whiten.of(new float[][] {{1, 2}, {3, 4}}, true);
        assertEquals((1 - 2.5) / sd + 2.5, kept[0][0], 1e-6);
    }

    @Test
    void klEstimators() {
        // log π = −1, log π_ref = −2: k1 = 1; k3 = (e^{-1} − 1) − (−1) = e^{-1}
        assertEquals(1.0, KlEstimator.K1.of(-1, -2), 1e-12);
        assertEquals(Math.exp(-1), KlEstimator.K3.of(-1, -2), 1e-12);
        assertEquals(-1.0, KlEstimator.K1.of(-2, -1), 1e-12, "k1 can go negative per token");
        assertTrue(KlEstimator.K3.of(-2, -1) >= 0, "k3 never does");
        assertEquals(0.0, KlEstimator.K3.of(-1.5, -1.5), 1e-12);
    }

    @Test
    void adaptiveKlControllerFollowsTheTarget() {
        var c = KlController.adaptive(0.2, 6, 10_000);
        c.update(9, 360); // error = clip(9/6 − 1) = 0.2 (clipped from 0.5); β·(1 + 0.2·360/10000)
        assertEquals(0.2 * (1 + 0.2 * 0.036), c.beta(), 1e-12);
        var d = KlController.adaptive(0.2, 6, 10_000);
        d.update(5.4, 360); // error = −0.1
        assertEquals(0.2 * (1 - 0.1 * 0.036), d.beta(), 1e-12);
        var f = KlController.fixed(0.05);
        f.update(100, 360);
        assertEquals(0.05, f.beta());
    }

    @Test
    void clippedPolicyAndValueLosses() {
        try (var m = NDManager.newBaseManager()) {
            // two tokens; ratio e^{0.5} ≈ 1.6487 (clipped to 1.2) with A = 1, ratio e^{-0.5} ≈ 0.6065 (clipped to 0.8) with A = −1
            var logp = m.create(new float[] {0.5f, -0.5f}).reshape(1, 2);
            var old = m.create(new float[] {0f, 0f}).reshape(1, 2);
            var adv = m.create(new float[] {1f, -1f}).reshape(1, 2);
            // values 1.0 and 0.0 with old values 0.5 and 0.5: clipped to 0.7 and 0.3; returns 1 and 0
            var v = m.create(new float[] {1f, 0f}).reshape(1, 2);
            var oldV = m.create(new float[] {0.5f, 0.5f}).reshape(1, 2);
            var ret = m.create(new float[] {1f, 0f}).reshape(1, 2);
            var mask = m.create(new float[] {1f, 1f}).reshape(1, 2);
            var l = PpoLoss.of(logp, old, v, oldV, adv, ret, mask, 0.2, 0.2, 0.1, true);
            // token 1: max(−1.6487, −1.2) = −1.2; token 2: max(0.6065, 0.8) = 0.8 → mean −0.2
            assertEquals(-0.2, l.policy(), 1e-5);
            assertEquals(1.0, l.clipFraction(), 1e-6, "both ratios were clipped");
            // token 1: max((1−1)², (0.7−1)²) = 0.09; token 2: max(0, 0.09) = 0.09 → ½·0.09
            assertEquals(0.045, l.value(), 1e-6);
            assertEquals(1.0, l.valueClipFraction(), 1e-6);
            assertEquals(0.5 * 0.25, l.approxKl(), 1e-6);
            assertEquals(-0.2 + 0.1 * 0.045, l.total().getFloat(), 1e-5);
            // the mask drops the second token
            var only = PpoLoss.of(logp, old, v, oldV, adv, ret, m.create(new float[] {1f, 0f}).reshape(1, 2), 0.2, 0.2, 0.1, true);
            assertEquals(-1.2, only.policy(), 1e-5);
        }
    }

    @Test
    void rewardFormulaIsPaperAs() {
        // (teacher_norm + 0.4·words/90)/1.4 with scores 2+3+1 = 6 → 6/9, 45 words → 0.2
        var r = Reward.paper().of(Scores.of(2, 3, 1), 45);
        assertEquals((6.0 / 9 + 0.4 * 45 / 90) / 1.4, r, 1e-12);
        assertEquals(6.0 / 9, Reward.noLengthBonus().of(Scores.of(2, 3, 1), 45), 1e-12);
    }

    @Test
    void interactionWordsCountEachPromptOnceAndEveryTeacherAnswerNotTheStudent() {
        var w = InteractionWords.none().plus("Once upon a time, in a faraway land,", "there lived a fox who liked to sing.", 3);
        assertEquals(8, w.promptWords());
        assertEquals(3, w.teacherWords());
        assertEquals(8, w.studentWords());
        assertEquals(11, w.paper());
        assertEquals(19, w.total());
        w = w.plus("Once upon a time, in a faraway land,", "a cat slept.", 3).plus("One morning,", "rain fell.", 3);
        assertEquals(3, w.stories());
        assertEquals(8 + 2, w.promptWords(), "a prompt sent again adds no words; a new one adds its words once");
        assertEquals(9, w.teacherWords());
        assertEquals(List.of("Once upon a time, in a faraway land,", "One morning,"), w.prompts());
    }

    @Test
    void papersArithmeticGivesOneMillionWordsFor331200Stories() {
        // Paper A: 920 PPO steps × 360 stories = 331,200 stories, each answered with ~3 words, one fixed prompt.
        var w = InteractionWords.none();
        String prompt = "Once upon a time,";
        for (int step = 0; step < 920; step++) for (int story = 0; story < 360; story++) w = w.plus(prompt, "they lived happily.", 3);
        assertEquals(331_200, w.stories());
        assertEquals(993_600 + 4, w.paper(), "331,200 × 3 teacher words + the prompt's 4 words once");
        assertEquals(1.0e6, w.paper(), 0.01e6, "≈ 1M words of interaction, as the paper says");
    }
}
