package storylab.rl;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.model.MixedPrecision;
import storylab.model.Torch;
import storylab.train.Backprop;

/** A minibatch computed in two halves gives the minibatch's gradients, whether the halves run side by side or not. */
class HalvesTest {

    static final GptConfig CONFIG = new GptConfig(40, 16, 16, 2, 2, 5);
    static final int ROWS = 5, T = 9;

    @BeforeAll
    static void fp32() {
        MixedPrecision.use(false); // exact arithmetic: bf16 rounds the halves differently from the whole
    }

    @AfterAll
    static void defaultPrecision() {
        MixedPrecision.useDefault();
    }

    @AfterEach
    void oneThread() {
        Torch.threads(1);
    }

    /** Random rollout-like tensors for 5 rows of 9 positions; row i's response is its last 3 + i % 4 positions. */
    record Data(long[] inputs, float[] mask, float[] oldLogp, float[] oldValues, float[] advantages, float[] returns) {
        static Data of(long seed) {
            var rng = new Random(seed);
            int n = ROWS * T;
            var d = new Data(new long[n], new float[n], new float[n], new float[n], new float[n], new float[n]);
            for (int i = 0; i < n; i++) {
                d.inputs[i] = rng.nextInt(CONFIG.vocab());
                d.mask[i] = i % T >= T - 3 - (i / T) % 4 ? 1 : 0;
                d.oldLogp[i] = (float) (-4 + 0.3 * rng.nextGaussian());
                d.oldValues[i] = (float) rng.nextGaussian();
                d.advantages[i] = (float) rng.nextGaussian();
                d.returns[i] = (float) rng.nextGaussian();
            }
            return d;
        }

        float tokens() {
            float n = 0;
            for (float x : mask) n += x;
            return n;
        }
    }

    /** PPO's loss on rows [from, to) of the data, as its share of a minibatch of {@code tokens} response tokens (0: its own mean). */
    static float ppoLoss(Gpt model, ValueHead head, Data d, int from, int to, float tokens) {
        try (var m = NDManager.newBaseManager()) {
            var shape = new Shape(to - from, T);
            int a = from * T, b = to * T;
            var in = m.create(java.util.Arrays.copyOfRange(d.inputs, a, b), shape);
            var mask = m.create(java.util.Arrays.copyOfRange(d.mask, a, b), shape);
            var oldLogp = m.create(java.util.Arrays.copyOfRange(d.oldLogp, a, b), shape);
            var oldValues = m.create(java.util.Arrays.copyOfRange(d.oldValues, a, b), shape);
            var adv = m.create(java.util.Arrays.copyOfRange(d.advantages, a, b), shape);
            var ret = m.create(java.util.Arrays.copyOfRange(d.returns, a, b), shape);
            return Backprop.lossAndGradients(() -> {
                var out = model.logProbsAndHidden(in, in);
                var v = head.values(out.get(1));
                var l = tokens > 0
                        ? PpoLoss.of(out.get(0), oldLogp, v, oldValues, adv, ret, mask, 0.2, 0.2, 0.1, true, tokens)
                        : PpoLoss.of(out.get(0), oldLogp, v, oldValues, adv, ret, mask, 0.2, 0.2, 0.1, true);
                return l.total();
            }, 1.0);
        }
    }

    /** The accumulated gradients by parameter name, cleared afterwards. */
    static Map<String, float[]> takeGradients(Gpt model, ValueHead head) {
        var all = new LinkedHashMap<String, ai.djl.ndarray.NDArray>(model.parameters());
        all.putAll(head.parameters());
        var out = new LinkedHashMap<String, float[]>();
        for (var e : all.entrySet()) {
            var g = e.getValue().getGradient();
            out.put(e.getKey(), g.toFloatArray());
            ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) e.getValue());
            g.close();
        }
        return out;
    }

    @Test
    void halvesOfAMinibatchAddUpToItsLossAndGradients() {
        Torch.threads(1);
        var d = Data.of(1);
        try (var model = Gpt.create(CONFIG); var head = new ValueHead(CONFIG.d(), 2)) {
            float whole = ppoLoss(model, head, d, 0, ROWS, 0);
            var expected = takeGradients(model, head);
            float halves = ppoLoss(model, head, d, 0, 3, d.tokens()) + ppoLoss(model, head, d, 3, ROWS, d.tokens());
            var got = takeGradients(model, head);
            assertEquals(whole, halves, 1e-5 * Math.abs(whole) + 1e-6);
            for (var k : expected.keySet()) assertArrayEquals(expected.get(k), got.get(k), 2e-6f, k);
        }
    }

    @Test
    void sideBySideHalvesAccumulateWhatOneAfterTheOtherDo() {
        var d = Data.of(2);
        int[] rows = {0, 1, 2, 3, 4};
        int[][] parts = Halves.split(rows);
        assertArrayEquals(new int[] {0, 1, 2}, parts[0]);
        assertArrayEquals(new int[] {3, 4}, parts[1]);
        try (var model = Gpt.create(CONFIG); var head = new ValueHead(CONFIG.d(), 2)) {
            Map<String, float[]> sequential, parallel;
            Torch.threads(1);
            try (var h = Halves.forCurrentThreads()) {
                assertFalse(h.parallel());
                h.map(i -> ppoLoss(model, head, d, parts[i][0], parts[i][parts[i].length - 1] + 1, d.tokens()));
                sequential = takeGradients(model, head);
            }
            Torch.threads(2);
            try (var h = Halves.forCurrentThreads()) {
                assertTrue(h.parallel());
                assertEquals(2, Torch.threads(), "the caller keeps its thread count");
                for (int r = 0; r < 5; r++) { // a few times: a race would show as a difference sooner or later
                    h.map(i -> ppoLoss(model, head, d, parts[i][0], parts[i][parts[i].length - 1] + 1, d.tokens()));
                    parallel = takeGradients(model, head);
                    for (var k : sequential.keySet()) assertArrayEquals(sequential.get(k), parallel.get(k), 0f, k + ", round " + r);
                }
            }
        }
    }

    /** Final weights of a short PPO run with two threads (the halves side by side), rewarded by story length. */
    static float[] ppoRunInHalves() {
        Torch.threads(2);
        var old = storylab.display.Display.install(new storylab.display.RecordingSink());
        try (var policy = PpoRunTest.model()) {
            var report = Rl.of(policy, PpoRunTest.TOK, (RewardFunction) (prompt, story) -> story.length() / 50.0).config(PpoRunTest.small().steps(2)).display(false).run();
            assertEquals(2, report.steps().size());
            assertEquals(0.0, report.steps().get(0).objective().kl(), 1e-4, "the first batch is sampled from the reference itself");
            return policy.parameters().get("h0.attn.qkv.w").toFloatArray();
        } finally {
            storylab.display.Display.install(old);
        }
    }

    @Test
    void aRunInHalvesSideBySideIsReproducible() {
        float[] a = ppoRunInHalves(), b = ppoRunInHalves();
        assertArrayEquals(a, b, 0f, "same seed, same weights, however the two workers were scheduled");
    }
}
