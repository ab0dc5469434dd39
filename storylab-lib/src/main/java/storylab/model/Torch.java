package storylab.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Process-wide PyTorch settings. On a machine shared with other busy processes, one intra-op thread is
 * often several times faster than two for small models: a parallel region waits for its slowest thread,
 * and a descheduled thread stalls every op. Set it at start-up ({@code -Dai.djl.pytorch.num_threads=1}
 * does the same) or from a notebook cell.
 */
public final class Torch {

    private Torch() {}

    public static void threads(int n) {
        Engine.getEngine("PyTorch"); // loads the native library before the call
        JniUtils.setNumThreads(n);
    }

    public static int threads() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }

    /**
     * {@code fromJava}'s values in memory PyTorch allocated itself, and {@code fromJava} closed. DJL wraps a Java
     * array's buffer without copying, so the data sits wherever the JVM put that buffer, which changes from run
     * to run; MKL's matmuls may round differently with the data's alignment (seen on Intel CPUs). Parameters
     * copied into PyTorch's 64-byte-aligned memory make a run repeat bit for bit.
     */
    public static NDArray owned(NDArray fromJava) {
        var copy = fromJava.duplicate();
        fromJava.close();
        return copy;
    }

    /**
     * Gives {@code target} a copy of {@code values} (same shape) in PyTorch's own memory, keeping whether it
     * requires gradients. DJL's {@code set(buffer)} would instead point it at a JVM buffer (see {@link #owned}).
     */
    public static void copyInto(NDArray target, NDArray values) {
        boolean grad = target.hasGradient();
        try (var detached = values.stopGradient()) { // a copy of a trained parameter must not join its graph
            ((PtNDArray) target).intern(detached.duplicate());
        }
        if (grad) target.setRequiresGradient(true);
    }
}
