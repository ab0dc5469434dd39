package storylab.model;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Process-wide PyTorch helpers: a factor autograd keeps must survive the JVM reusing memory. */
class TorchTest {

    /**
     * The gradient of sum(x · 3) is 3 everywhere, even when the JVM collects and refills freed buffers between
     * the forward and the backward pass. With DJL's {@code x.mul(3f)} in place of {@link Torch#times} most of the
     * 20 trials read the refill value (1e30) or other garbage as the factor.
     */
    @Test
    void aFactorSurvivesTheJvmReusingMemoryBeforeBackward() {
        Torch.threads(1); // loads the engine
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            for (int trial = 0; trial < 20; trial++) {
                try (var m = NDManager.newBaseManager()) {
                    var x = m.ones(new Shape(4));
                    x.setRequiresGradient(true);
                    NDArray y = Torch.times(x, 3).sum();
                    churn();
                    JniUtils.backward((PtNDArray) y, (PtNDArray) y.onesLike(), false, false);
                    assertArrayEquals(new float[] {3, 3, 3, 3}, x.getGradient().toFloatArray(), "trial " + trial);
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** Lets the JVM free unreachable direct buffers and hands their memory out again, filled with 1e30. */
    private static void churn() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            var keep = new ArrayList<ByteBuffer>();
            for (int i = 0; i < 2000; i++) {
                var b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                b.putFloat(0, 1e30f);
                keep.add(b);
            }
        }
    }
}
