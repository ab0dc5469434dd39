package storylab.model;

import ai.djl.engine.Engine;
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
}
