package storylab.model;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storylab.train.AdamW;
import storylab.train.Backprop;

/** bf16 matmuls against fp32: the same training run within a stated tolerance, fp32 weights and checkpoints, the switches. */
class MixedPrecisionTest {

    static final GptConfig CONFIG = new GptConfig(64, 32, 64, 2, 4, 11);
    static final int STEPS = 40, B = 8;
    /** The tolerance: per step, the bf16 loss is within 1% of the fp32 loss of the same run. */
    static final double TOLERANCE = 0.01;

    @BeforeAll
    static void oneThread() {
        Torch.threads(1);
    }

    @AfterAll
    static void backToTheDefault() {
        MixedPrecision.useDefault();
    }

    /** A learnable stream: each row counts up from a random start, modulo the vocabulary. */
    static long[] batch(Random rng, int T) {
        long[] x = new long[B * (T + 1)];
        for (int b = 0; b < B; b++) {
            int start = rng.nextInt(CONFIG.vocab());
            for (int t = 0; t <= T; t++) x[b * (T + 1) + t] = (start + t) % CONFIG.vocab();
        }
        return x;
    }

    /** Training losses of a fixed-seed run (and the trained model's first weight) in the current precision. */
    static float[] run(Path save) throws IOException {
        float[] losses = new float[STEPS];
        var rng = new Random(3);
        int T = CONFIG.context();
        try (var model = Gpt.create(CONFIG); var m = NDManager.newBaseManager();
             var opt = new AdamW(model.parameters(), AdamW.Settings.defaults().withWeightDecay(0).withClipNorm(1.0))) {
            for (int s = 0; s < STEPS; s++) {
                long[] data = batch(rng, T), in = new long[B * T], tg = new long[B * T];
                for (int b = 0; b < B; b++)
                    for (int t = 0; t < T; t++) { in[b * T + t] = data[b * (T + 1) + t]; tg[b * T + t] = data[b * (T + 1) + t + 1]; }
                try (var sub = m.newSubManager()) {
                    losses[s] = Backprop.lossAndGradients(model, sub.create(in, new Shape(B, T)), sub.create(tg, new Shape(B, T)), 1.0);
                }
                opt.step(3e-3);
            }
            for (var p : model.parameters().values()) assertEquals(DataType.FLOAT32, p.getDataType(), "weights stay fp32");
            if (save != null) model.save(save);
        }
        return losses;
    }

    @Test
    void bf16TrainingFollowsTheFp32LossCurve(@TempDir Path dir) throws IOException {
        assumeTrue(MixedPrecision.cpuBf16() != null, "SKIPPED LOUDLY: this CPU has no avx512_bf16/amx_bf16, so there is no bf16 run to compare");
        MixedPrecision.use(false);
        float[] fp32 = run(null);
        assertTrue(MixedPrecision.use(true));
        float[] bf16 = run(dir.resolve("bf16.bin"));
        double worst = 0;
        for (int s = 0; s < STEPS; s++) worst = Math.max(worst, Math.abs(fp32[s] - bf16[s]) / fp32[s]);
        System.out.printf("bf16 vs fp32, %d steps: largest relative loss difference %.2f%% (loss %.3f → %.3f)%n", STEPS, 100 * worst, bf16[0], bf16[STEPS - 1]);
        assertNotEquals(fp32[0], bf16[0], "the first loss must differ a little: otherwise the bf16 path did not run");
        for (int s = 0; s < STEPS; s++)
            assertEquals(fp32[s], bf16[s], TOLERANCE * fp32[s], "step " + s + ": fp32 " + fp32[s] + " vs bf16 " + bf16[s]);
        assertTrue(bf16[STEPS - 1] < 0.5 * bf16[0], "it learns: " + bf16[0] + " → " + bf16[STEPS - 1]);
        // The checkpoint of a bf16 run is an ordinary fp32 file: it loads, and evaluates in fp32.
        try (var loaded = Gpt.load(CONFIG, dir.resolve("bf16.bin"))) {
            assertEquals(DataType.FLOAT32, loaded.parameters().get("wte").getDataType());
        }
    }

    @Test
    void switchedOffIsExactlyFp32() throws IOException {
        MixedPrecision.use(false);
        assertFalse(MixedPrecision.active());
        assertTrue(MixedPrecision.describe().startsWith("fp32"), MixedPrecision.describe());
        float[] a = run(null), b = run(null);
        assertArrayEquals(a, b, 0f, "fp32 runs are reproducible bit for bit");
    }

    @Test
    void outsideTrainingPassesItIsFp32() {
        assumeTrue(MixedPrecision.cpuBf16() != null, "SKIPPED LOUDLY: no bf16 on this CPU");
        assertTrue(MixedPrecision.use(true));
        try (var model = Gpt.create(CONFIG); var m = NDManager.newBaseManager()) {
            var tokens = m.create(batch(new Random(1), CONFIG.context() - 1), new Shape(B, CONFIG.context()));
            float[] plain = model.logits(tokens).toFloatArray();
            float[] mixed = MixedPrecision.training(() -> model.logits(tokens)).toFloatArray();
            MixedPrecision.use(false);
            float[] fp32 = model.logits(tokens).toFloatArray();
            assertArrayEquals(fp32, plain, 0f, "sampling and evaluation stay fp32");
            double maxDiff = 0, maxAbs = 0;
            for (int i = 0; i < fp32.length; i++) { maxDiff = Math.max(maxDiff, Math.abs(fp32[i] - mixed[i])); maxAbs = Math.max(maxAbs, Math.abs(fp32[i])); }
            assertTrue(maxDiff > 0 && maxDiff < 0.02 * maxAbs, "bf16 logits differ by " + maxDiff + " (largest " + maxAbs + ")");
        }
    }

    @Test
    void askingForBf16WithoutItSaysSoAndStaysFp32() {
        var out = new java.io.ByteArrayOutputStream();
        var old = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            MixedPrecision.decide("on", null);
        } finally {
            System.setOut(old);
        }
        assertFalse(MixedPrecision.active());
        assertTrue(out.toString().contains("bf16 was asked for, but this CPU has no bf16 instructions"), out.toString());
        MixedPrecision.decide("sometimes", null);
        assertFalse(MixedPrecision.active());
    }

    @Test
    void aCheckpointFromAnotherBuildsFormatIsRefusedWithAMessage(@TempDir Path dir) throws IOException {
        var file = dir.resolve("bf16-weights.bin");
        try (var out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF("storylab-arrays/2-bf16");
            out.writeInt(1);
        }
        var e = assertThrows(IOException.class, () -> Gpt.load(CONFIG, file));
        assertTrue(e.getMessage().contains("another StoryLab build") && e.getMessage().contains("float32"), e.getMessage());
    }
}
