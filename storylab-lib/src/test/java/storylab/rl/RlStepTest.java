package storylab.rl;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's groups: JSON round trip, TRL metric names in their order, printing, and files written before the grouping. */
class RlStepTest {

    /** Every number distinct, so a metric read from the wrong field shows. */
    static RlStep step() {
        return new RlStep(3, new RlStep.Totals(12, 40, 900),
                new RlStep.Score(5.5, 1.25, 2.0, 1.75, 1.5, 2), new RlStep.Reward(0.125, 0.5),
                new RlStep.Objective(0.75, 0.0625, 2.5),
                new RlStep.Update(-0.01, 0.3, 0.002, 0.04, 0.05, 0.6, 0.7, 0.8),
                new RlStep.Length(42.0, 57.0, 0.25), new RlStep.Time(1.0, 2.0, 4.0, 8.0),
                new RlStep.ScoredStory("Once upon a time a fox found a key.", 8), new RlStep.ScoredStory("the the the", 1));
    }

    @Test
    void theGroupsRoundTripThroughJsonNaNsIncluded() throws IOException {
        var json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // as the run store and checkpoints read
        var s = step();
        assertEquals(s, json.readValue(json.writeValueAsString(s), RlStep.class));
        var grpo = new RlStep(s.step(), s.totals(), new RlStep.Score(4, 0, Double.NaN, Double.NaN, Double.NaN, 0), s.reward(), s.objective(),
                RlStep.Update.withoutValueHead(0.1, 0.01, 0.2), s.length(), s.time(), s.best(), s.worst());
        var back = json.readValue(json.writeValueAsString(List.of(grpo)), RlStep[].class)[0];
        assertEquals(grpo, back);
        assertTrue(Double.isNaN(back.update().valueLoss()) && Double.isNaN(back.score().readability()));
        assertFalse(json.writeValueAsString(s).contains("seconds"), "the total is computed, not stored: " + json.writeValueAsString(s));
    }

    @Test
    void metricsKeepTrlNamesInTheTablesOrderAndReadTheRightGroup() {
        var m = step().metrics();
        assertEquals(List.of("step", "interaction_words", "student_words", "env/score_mean", "env/score_std", "env/readability", "env/coherence",
                "env/creativity", "env/reward_mean", "env/reward_std", "objective/kl", "objective/kl_coef", "objective/entropy", "policy/approxkl",
                "policy/clipfrac", "loss/policy", "loss/value", "val/clipfrac", "val/var_explained", "val/mean", "returns/mean",
                "tokens/response_len_mean", "env/response_words", "teacher/fallbacks", "env/truncated_share", "time/generate", "time/teacher",
                "time/forward", "time/optimize"), List.copyOf(m.keySet()));
        assertEquals(List.of(3.0, 40.0, 900.0, 5.5, 1.25, 2.0, 1.75, 1.5, 0.125, 0.5, 0.75, 0.0625, 2.5, 0.002, 0.04, -0.01, 0.3, 0.05, 0.6,
                0.7, 0.8, 57.0, 42.0, 2.0, 0.25, 1.0, 2.0, 4.0, 8.0), List.copyOf(m.values()));
        assertEquals(15.0, step().time().seconds(), 1e-12);
    }

    @Test
    void aStepPrintsOneLinePerGroup() {
        String text = step().toString();
        assertEquals(8, text.lines().count(), text);
        for (String part : List.of("RL step 3", "900", "score 5.50 ± 1.25 (readability 2.00, coherence 1.75, creativity 1.50), 2 teacher fallbacks",
                "reward 0.125 ± 0.500", "KL 0.750, β 0.0625", "value loss 0.3000", "42.0 words (57.0 tokens) per story, 25% cut off",
                "15.00 s (generate 1.00, teacher 2.00, forward 4.00, optimize 8.00)", "best 8.00: \"Once upon a time a fox found a key.\""))
            assertTrue(text.contains(part), part + " in\n" + text);
        assertFalse(RlStep.Update.withoutValueHead(0.1, 0.01, 0.2).toString().contains("value"), "no value-head numbers without a value head");
        assertFalse(new RlStep.Score(4, 0, Double.NaN, Double.NaN, Double.NaN, 0).toString().contains("NaN"), "a reward function has no criteria");
    }

    /** One step as the code before the grouping wrote it: 34 numbers and strings side by side. */
    static final String UNGROUPED_STEP = """
            {"step":1,"stories":4,"interactionWords":16,"studentWords":40,"scoreMean":5.0,"scoreStd":1.0,"readability":2.0,"coherence":2.0,
             "creativity":1.0,"rewardMean":0.1,"rewardStd":0.2,"kl":0.0,"beta":0.05,"entropy":2.0,"policyLoss":0.01,"valueLoss":"NaN",
             "approxKl":0.0,"clipFraction":0.0,"valueClipFraction":"NaN","varianceExplained":"NaN","valueMean":"NaN","returnMean":"NaN",
             "responseWords":10.0,"responseTokens":14.0,"teacherFallbacks":0,"truncatedShare":0.0,"secondsGenerate":0.1,"secondsTeacher":0.1,
             "secondsForward":0.1,"secondsOptimize":0.1,"bestStory":"a fox","bestScore":6.0,"worstStory":"a","worstScore":4.0}""";

    @Test
    void anUngroupedStepIsRefusedWithAMessageNotReadAsEmptyGroups() {
        var json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        var e = assertThrows(IOException.class, () -> json.readValue(UNGROUPED_STEP, RlStep.class));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("older StoryLab"), e.getCause().getMessage());
    }

    @Test
    void aCheckpointWrittenBeforeTheGroupingIsOneClearErrorNamingItsFile(@TempDir Path dir) throws IOException {
        Path cp = Files.createDirectories(dir.resolve("step-000001"));
        Files.writeString(cp.resolve("config.json"), "{\"format\":\"storylab-rl/1\"}");
        String state = "{\"step\":1,\"beta\":0.05,\"optimizerSteps\":2,\"interrupted\":false,\"history\":[" + UNGROUPED_STEP + "]}";
        Files.writeString(cp.resolve("state.json"), state);
        var e = assertThrows(IOException.class, () -> Rl.resume(dir, (RewardFunction) (prompt, story) -> 0));
        assertTrue(e.getMessage().contains(cp.resolve("config.json").toString()) && e.getMessage().contains("older StoryLab")
                && e.getMessage().contains("Start the run again"), e.getMessage());
        assertEquals(state, Files.readString(cp.resolve("state.json")), "the old checkpoint is left as it was");
    }
}
