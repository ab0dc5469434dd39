package storylab.rl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import storylab.model.Gpt;
import storylab.model.GptConfig;

/** Bad input stops a run with one clear error that names what was wrong and what to do; never NaN in the weights. */
class RlBadInputTest {

    static final ToyRewardTest.Toy TOK = ToyRewardTest.TOK;

    static Gpt student() {
        return Gpt.create(GptConfig.tiny(TOK.vocabSize()).withD(16).withLayers(1).withHeads(2).withContext(32).withSeed(3));
    }

    static RlConfig tiny(Algorithm a) {
        return ToyRewardTest.toy(a, 1).steps(1);
    }

    static RlException failing(Algorithm a, RewardFunction reward, RlConfig config) {
        try (var s = student()) {
            float[] before = s.parameters().get("wte").toFloatArray();
            var e = assertThrows(RlException.class, () -> Rl.of(s, TOK, reward).config(config).display(false).run());
            for (float x : s.parameters().get("wte").toFloatArray()) assertTrue(Float.isFinite(x), "no NaN reaches the weights");
            if (!e.getMessage().contains("loss")) assertArrayEquals(before, s.parameters().get("wte").toFloatArray(), "the weights are untouched");
            return e;
        }
    }

    @Test
    void aRewardFunctionThatThrowsIsNamedWithTheStory() {
        var e = failing(Algorithm.GRPO, (p, story) -> { throw new IllegalStateException("no judge"); }, tiny(Algorithm.GRPO));
        assertTrue(e.getMessage().contains("step 1: the reward function threw") && e.getMessage().contains("no judge"), e.getMessage());
    }

    @Test
    void aNanOrInfiniteRewardStopsTheRun() {
        var nan = failing(Algorithm.PPO, (p, story) -> Double.NaN, tiny(Algorithm.PPO));
        assertTrue(nan.getMessage().contains("the reward of story 0 is NaN"), nan.getMessage());
        var inf = failing(Algorithm.RLOO, (p, story) -> Double.POSITIVE_INFINITY, tiny(Algorithm.RLOO));
        assertTrue(inf.getMessage().contains("is Infinity") && inf.getMessage().contains("must be finite"), inf.getMessage());
    }

    @Test
    void aHangingRewardTimesOut() {
        var config = tiny(Algorithm.GRPO);
        config = config.run(config.run().rewardTimeout(0.5));
        var e = failing(Algorithm.GRPO, (p, story) -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }, config);
        assertTrue(e.getMessage().contains("took longer than 0.5 s"), e.getMessage());
    }

    @Test
    void aNonFiniteLossStopsWithTheStepNumberBeforeTheWeights() {
        // Finite rewards so large that the loss overflows float32.
        var e = failing(Algorithm.GRPO, (p, story) -> story.length() % 2 == 0 ? 3e38 : -3e38, tiny(Algorithm.GRPO));
        assertTrue(e.getMessage().contains("step 1, minibatch 1: the GRPO loss is"), e.getMessage());
    }

    @Test
    void configurationMistakesAreCaughtWhereTheyAreMade() {
        var empty = assertThrows(IllegalArgumentException.class, () -> Algorithm.GRPO.workshop().prompts(List.of()));
        assertTrue(empty.getMessage().contains("give at least one prompt"), empty.getMessage());
        var group = assertThrows(IllegalArgumentException.class, () -> Algorithm.GRPO.workshop().batch(30, 10));
        assertTrue(group.getMessage().contains("must be a multiple of 4"), group.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RlConfig.Group(1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> Truncation.lastSentence(-1));
    }

    @Test
    void truncatedStoriesAreJudgedUpToTheirLastFullSentence() {
        assertEquals("The fox ran. It hid!", Truncation.lastFullSentence("The fox ran. It hid! Then the"));
        assertEquals("She said \"no.\"", Truncation.lastFullSentence("She said \"no.\" And"));
        assertEquals("", Truncation.lastFullSentence("no sentence ends here"));
        var t = Truncation.lastSentence(1);
        assertEquals("A cat sat.", t.judged("A cat sat. The", true));
        assertEquals("A cat sat. The", t.judged("A cat sat. The", false), "a story that ended is judged as written");
        assertEquals("A cat sat. The", Truncation.asIs().judged("A cat sat. The", true));
    }
}
