package storylab.rl;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import storylab.data.world.StoryWorld;
import storylab.display.Display;
import storylab.display.RecordingSink;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.model.Torch;
import storylab.teacher.RubricTeacher;
import storylab.teacher.Teacher;
import storylab.text.ByteTokenizer;

/** Real RL steps on a small real model: logging, checkpoints, exact resume (PPO and GRPO), interrupts. */
class PpoRunTest {

    static final ByteTokenizer TOK = new ByteTokenizer();
    static Teacher teacher;

    @BeforeAll
    static void setUp() {
        Torch.threads(1); // bit-for-bit reproducible kernels
        teacher = RubricTeacher.from(StoryWorld.seed(7).stories(200).map(s -> s.text()).toList());
    }

    static Gpt model() {
        return Gpt.create(GptConfig.tiny(TOK.vocabSize()).withD(32).withLayers(2).withHeads(2).withContext(64));
    }

    static RlConfig small() {
        return Ppo.workshop().batch(4, 2).epochs(2).sampling(12, 1.0, 0, 1.0)
                .prompts(List.of("Once upon a time")).lr(1e-3).steps(3).checkpointEvery(1)
                .ppo(Ppo.workshop().ppo().valueWarmup(0));
    }

    @Test
    void stepsLogTrlMetricsAndChangeTheWeights() {
        try (var policy = model()) {
            float before = policy.parameters().get("wte").toFloatArray()[0];
            var old = Display.install(new RecordingSink());
            RlReport report;
            try {
                report = Ppo.of(policy, TOK, teacher).config(small().steps(2)).run();
            } finally {
                Display.install(old);
            }
            assertEquals(2, report.steps().size());
            var t = report.table();
            for (String col : List.of("objective/kl", "objective/kl_coef", "objective/entropy", "env/score_mean", "policy/approxkl",
                    "policy/clipfrac", "loss/policy", "loss/value", "val/clipfrac", "val/var_explained", "tokens/response_len_mean"))
                assertTrue(t.columnNames().contains(col), col);
            var first = report.steps().get(0);
            assertEquals(0.0, first.objective().kl(), 1e-4, "the first batch is sampled from the reference itself");
            assertEquals(4, first.totals().stories());
            assertTrue(Double.isFinite(first.update().policyLoss()) && Double.isFinite(first.update().valueLoss()));
            assertNotEquals(before, policy.parameters().get("wte").toFloatArray()[0], "PPO updates the policy");
            assertTrue(report.toMimeBundle().get("text/html").contains("data:image/png;base64,"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"PPO", "GRPO"})
    void resumeFromACheckpointEqualsTheUninterruptedRun(Algorithm algorithm, @TempDir Path dir) throws Exception {
        var config = algorithm == Algorithm.PPO ? small() : Algorithm.GRPO.workshop().batch(4, 2).group(new RlConfig.Group(2, 0.2))
                .sampling(12, 1.0, 0, 1.0).prompts(List.of("Once upon a time")).lr(1e-3).steps(3).checkpointEvery(1);
        List<RlStep> straight;
        try (var policy = model()) {
            straight = Rl.of(policy, TOK, teacher).config(config).display(false).run().steps();
        }
        Path run = dir.resolve("run");
        try (var policy = model()) {
            Rl.of(policy, TOK, teacher).config(config.steps(2)).display(false).into(run).run();
        }
        assertTrue(Files.isRegularFile(run.resolve("step-000002").resolve("state.json")));
        assertTrue(Files.readString(run.resolve("metrics.csv")).startsWith("step,interaction_words"));
        var resumed = Rl.resume(run, teacher).steps(3).display(false).run().steps();
        assertEquals(3, resumed.size());
        var a = straight.get(2);
        var b = resumed.get(2);
        assertEquals(a.score().mean(), b.score().mean(), 1e-9);
        assertEquals(a.objective().kl(), b.objective().kl(), 1e-6);
        assertEquals(a.update().policyLoss(), b.update().policyLoss(), 1e-6);
        if (algorithm == Algorithm.PPO) assertEquals(a.update().valueLoss(), b.update().valueLoss(), 1e-6);
        assertEquals(a.objective().beta(), b.objective().beta(), 1e-12);
        assertEquals(a.best().story(), b.best().story());
    }

    @Test
    void interruptStopsAtAStepBoundaryAndKeepsTheWeights(@TempDir Path dir) throws Exception {
        try (var policy = model()) {
            var ppo = Ppo.of(policy, TOK, teacher).config(small().steps(50)).display(false).into(dir)
                    .onStep(s -> { if (s.step() == 2) Thread.currentThread().interrupt(); });
            var report = ppo.run();
            assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
            assertTrue(report.interrupted());
            assertEquals(2, report.steps().size(), "stopped after the step in which the interrupt came");
            var saved = RlCheckpoint.read(dir);
            assertEquals(2, saved.state().step());
            assertTrue(saved.state().interrupted());
            assertArrayEquals(policy.parameters().get("wte").toFloatArray(), saved.policy().parameters().get("wte").toFloatArray());
        }
    }

    @Test
    void aPretrainingCheckpointIsNotARlCheckpoint(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("cp"));
        Files.writeString(dir.resolve("cp").resolve("config.json"), "{\"format\":\"storylab-checkpoint/1\"}");
        Files.writeString(dir.resolve("cp").resolve("state.json"), "{}");
        var e = assertThrows(java.io.IOException.class, () -> Rl.resume(dir.resolve("cp"), teacher));
        assertTrue(e.getMessage().contains("not an RL checkpoint"), e.getMessage());
    }
}
