package storylab.train;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import storylab.model.Gpt;
import storylab.model.GptConfig;
import storylab.model.Torch;

class AdamWTest {

    static final GptConfig CONFIG = new GptConfig(259, 32, 64, 2, 4, 7);

    /** A fixed batch of two rows: inputs and targets, [2, 32] each. */
    static NDArray[] batch(NDManager m) {
        long[] in = new long[64], tg = new long[64];
        for (int i = 0; i < 64; i++) { in[i] = (i * 37) % 259; tg[i] = (i * 37 + 11) % 259; }
        return new NDArray[] {m.create(in, new Shape(2, 32)), m.create(tg, new Shape(2, 32))};
    }

    @Test
    void anUpdateInTwoHalvesSideBySideGivesTheSameWeightsAndNormsAsOneAfterTheOther() throws Exception {
        Torch.threads(1);
        var pool = Executors.newFixedThreadPool(2);
        AdamW.Both sideBySide = (a, b) -> {
            var fa = pool.submit(a);
            var fb = pool.submit(b);
            try {
                fa.get();
                fb.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        try (var one = Gpt.create(CONFIG); var two = one.copy(); var m = NDManager.newBaseManager();
             var optOne = new AdamW(one.parameters(), AdamW.Settings.defaults().withClipNorm(0.5));
             var optTwo = new AdamW(two.parameters(), AdamW.Settings.defaults().withClipNorm(0.5))) {
            var xy = batch(m);
            var x = xy[0];
            var y = xy[1];
            for (int step = 0; step < 5; step++) {
                try (var s = m.newSubManager()) {
                    Backprop.lossAndGradients(one, x, y, 1.0);
                    Backprop.lossAndGradients(two, x, y, 1.0);
                    double n1 = optOne.step(1e-2), n2 = optTwo.step(1e-2, sideBySide);
                    assertTrue(n1 > 0.5, "the norm is clipped here: " + n1);
                    assertEquals(n1, n2, 0.0, "step " + step);
                }
            }
            for (var e : one.parameters().entrySet())
                assertArrayEquals(e.getValue().toFloatArray(), two.parameters().get(e.getKey()).toFloatArray(), 0f, e.getKey());
            try (var fresh = Gpt.create(CONFIG)) {
                assertNotEquals(fresh.parameters().get("wte").getFloat(0, 0), one.parameters().get("wte").getFloat(0, 0), "the weights moved");
            }
        } finally {
            pool.shutdown();
        }
    }

    /** An overflowed gradient (norm ∞) leaves weights and moments as they were; the next finite one updates as usual. */
    @Test
    void aGradientThatOverflowedSkipsTheUpdate() throws Exception {
        Torch.threads(1);
        try (var model = Gpt.create(CONFIG); var m = NDManager.newBaseManager();
             var opt = new AdamW(model.parameters(), AdamW.Settings.defaults())) {
            var xy = batch(m);
            var x = xy[0];
            var y = xy[1];
            float before = model.parameters().get("wte").getFloat(0, 0);
            Backprop.lossAndGradients(model, x, y, Double.POSITIVE_INFINITY); // every gradient ∞ or NaN
            double norm = opt.step(1e-2);
            assertFalse(Double.isFinite(norm), "the norm says the gradient overflowed: " + norm);
            assertEquals(0, opt.steps(), "no step was taken");
            for (var e : model.parameters().entrySet())
                for (float w : e.getValue().toFloatArray()) assertTrue(Float.isFinite(w), e.getKey() + " holds " + w);
            assertEquals(before, model.parameters().get("wte").getFloat(0, 0), 0f, "the weights did not move");
            Backprop.lossAndGradients(model, x, y, 1.0);
            assertTrue(Double.isFinite(opt.step(1e-2)), "the gradients were cleared, so the next step is finite");
            assertEquals(1, opt.steps());
            assertNotEquals(before, model.parameters().get("wte").getFloat(0, 0), "and it updates");
        }
    }
}
