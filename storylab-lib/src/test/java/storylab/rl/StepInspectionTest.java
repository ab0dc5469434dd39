package storylab.rl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.model.Torch;
import tech.tablesaw.api.Table;

/**
 * The numbers of one opened RL step against what each algorithm's definition says they must be, on a tiny random
 * student (the 24-word toy vocabulary of {@link ToyRewardTest}) rewarded for the share of "dragon" words.
 */
class StepInspectionTest {

    static final ToyRewardTest.Toy TOK = ToyRewardTest.TOK;

    @BeforeAll
    static void threads() {
        Torch.threads(1);
    }

    static Gpt student() {
        return Gpt.create(GptConfig.tiny(TOK.vocabSize()).withD(32).withLayers(2).withHeads(2).withContext(32).withSeed(3));
    }

    static RlConfig toy(Algorithm a, double lr) {
        return a.workshop().batch(8, 4).sampling(12, 1.0, 0, 1.0).prompts(List.of("")).steps(0).seed(5).checkpointEvery(0).lr(lr);
    }

    /** Stories with rewards that differ, so advantages are not all zero: the share of "dragon" plus a length term. */
    static final RewardFunction REWARD = (prompt, story) -> ToyRewardTest.TARGET_WORD.reward(prompt, story) + story.length() / 100.0;

    @Test
    void grpoAdvantagesAreTheRewardMinusTheGroupMeanAndTheFirstStepHasNoKl() {
        try (var s = student()) {
            var look = StepInspection.of(Rl.of(s, TOK, REWARD).config(toy(Algorithm.GRPO, 1e-2)).display(false));
            var stories = look.stories();
            assertEquals(8, stories.rowCount());
            for (int i = 0; i < 8; i++) {
                int g = stories.intColumn("group").get(i);
                assertEquals(i / 4, g, "groups are 4 adjacent stories");
                double mean = stories.where(stories.intColumn("group").isEqualTo(g)).doubleColumn("reward").mean();
                assertEquals(stories.doubleColumn("reward").get(i) - mean, stories.doubleColumn("advantage").get(i), 1e-5, "story " + i);
                // The reference is a copy of the policy before the step: every token's KL is exactly 0.
                assertEquals(0.0, stories.doubleColumn("kl").get(i), 0.0);
            }
            var tokens = look.tokens();
            assertEquals(stories.intColumn("tokens").sum(), tokens.rowCount(), "one row per sampled token");
            assertTrue(tokens.doubleColumn("reward").isMissing().size() == tokens.rowCount(), "GRPO has no per-token reward");
            assertClippedMatchesTheDefinition(tokens, 0.2);
            // lr 1e-2 moves the policy: some ratio is away from 1.
            assertTrue(tokens.doubleColumn("ratio").max() > 1.001 || tokens.doubleColumn("ratio").min() < 0.999, "the update moved the policy");
        }
    }

    @Test
    void rlooComparesEachStoryWithTheOtherStoriesOfItsGroup() {
        try (var s = student()) {
            var stories = StepInspection.of(Rl.of(s, TOK, REWARD).config(toy(Algorithm.RLOO, 0)).display(false)).stories();
            for (int i = 0; i < 8; i++) {
                int g = i / 4;
                double others = 0;
                for (int j = g * 4; j < g * 4 + 4; j++) if (j != i) others += stories.doubleColumn("reward").get(j) / 3;
                assertEquals(stories.doubleColumn("reward").get(i) - others, stories.doubleColumn("advantage").get(i), 1e-5, "story " + i);
            }
        }
    }

    @Test
    void ppoTokenRewardsAdvantagesAndValuesFollowGaeAndLrZeroLeavesEveryRatioAtOne() {
        try (var s = student()) {
            var c = toy(Algorithm.PPO, 0);
            // No whitening of advantages and λ = γ = 1: A_t = R − V_t, since the KL is 0 on the first step.
            c = c.ppo(new RlConfig.PpoKnobs(0.2, 0.2, 0.1, 1.0, 1.0, false, 0));
            var look = StepInspection.of(Rl.of(s, TOK, REWARD).config(c).display(false));
            var stories = look.stories();
            double[] r = stories.doubleColumn("reward").asDoubleArray();
            double[] centred = Whiten.centred(r);
            var tokens = look.tokens();
            for (int row = 0; row < tokens.rowCount(); row++) {
                int i = tokens.intColumn("story").get(row), j = tokens.intColumn("position").get(row);
                boolean last = j == stories.intColumn("tokens").get(i) - 1;
                assertEquals(last ? centred[i] : 0.0, tokens.doubleColumn("reward").get(row), 1e-5, "token reward, story " + i + " token " + j);
                assertEquals(centred[i], tokens.doubleColumn("advantage").get(row) + tokens.doubleColumn("value").get(row), 1e-4,
                        "A + V = R, story " + i + " token " + j);
                assertEquals(1.0, tokens.doubleColumn("ratio").get(row), 1e-6, "lr 0: the policy does not move");
                assertFalse(tokens.booleanColumn("clipped").get(row));
            }
            assertEquals(look.step(), 1);
            assertTrue(look.toString().startsWith("PPO step 1: 8 stories"), look.toString());
        }
    }

    @Test
    void aStoryOutsideTheStepIsRefusedWithTheRange() {
        try (var s = student()) {
            var look = StepInspection.of(Rl.of(s, TOK, REWARD).config(toy(Algorithm.GRPO, 0)).display(false));
            var e = assertThrows(IllegalArgumentException.class, () -> look.chart(8));
            assertEquals("story 8 is not in this step: it has stories 0–7", e.getMessage());
            assertNotNull(look.chart(0));
        }
    }

    static void assertClippedMatchesTheDefinition(Table tokens, double eps) {
        for (int row = 0; row < tokens.rowCount(); row++) {
            double a = tokens.doubleColumn("advantage").get(row), ratio = tokens.doubleColumn("ratio").get(row);
            assertEquals((a > 0 && ratio > 1 + eps) || (a < 0 && ratio < 1 - eps), tokens.booleanColumn("clipped").get(row), "row " + row);
        }
    }
}
