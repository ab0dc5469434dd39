package storylab.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

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
     * {@code x} · {@code factor}, for anything autograd will differentiate. DJL's {@code x.mul(number)} wraps the number
     * in a tensor on a JVM buffer and frees it as soon as the product is computed; autograd keeps that tensor to
     * multiply the gradient by in the backward pass, so once the JVM reuses the buffer the gradient is scaled by
     * whatever lies there (gradient norms of 10^12 or infinity, seen as a run-to-run difference in paper B's
     * training). Here the factor lives in PyTorch's own memory, which autograd holds on to.
     */
    public static NDArray times(NDArray x, double factor) {
        var f = owned(x.getManager().create((float) factor));
        return x.mul(f);
    }

    /**
     * Gives {@code target} a copy of {@code values} (same shape) in PyTorch's own memory, keeping whether it
     * requires gradients. DJL's {@code set(buffer)} would instead point it at a JVM buffer (see {@link #owned}).
     */
    public static void copyInto(NDArray target, NDArray values) {
        boolean grad = target.hasGradient();
        ((PtNDArray) target).intern(copyOf(values, target.getManager()));
        if (grad) target.setRequiresGradient(true);
    }

    /** A copy of {@code values} in PyTorch's own memory, on {@code manager}, outside any autograd graph. */
    public static NDArray copyOf(NDArray values, ai.djl.ndarray.NDManager manager) {
        try (var detached = values.stopGradient()) { // a copy of a trained parameter must not join its graph
            var copy = detached.duplicate();
            copy.attach(manager);
            return copy;
        }
    }

    /**
     * Copies a float32 array's values into {@code dst} from {@code offset} on, and returns {@code dst}. One copy straight
     * from PyTorch's memory; DJL's {@code toFloatArray} makes two and allocates two arrays, which at a sampling step's
     * B × vocab probabilities is most of the Java heap's churn.
     */
    public static float[] read(NDArray a, float[] dst, int offset) {
        if (a.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32)
            throw new IllegalArgumentException("read needs float32 values, not " + a.getDataType());
        a.toByteBuffer(true).asFloatBuffer().get(dst, offset, Math.toIntExact(a.size()));
        return dst;
    }

    /** Loads a TorchScript module shipped on the class path as {@code storylab/model/<resource>} (e.g. "bf16/linear.pt"). */
    static PtSymbolBlock script(PtNDManager manager, String resource) throws IOException {
        var file = Files.createTempFile("storylab-", ".pt");
        try (InputStream in = Torch.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("resource storylab/model/" + resource + " is missing from the classpath");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return JniUtils.loadModule(manager, file, false, new String[0], new String[0], true);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static final ThreadLocal<Boolean> PLAIN_EXECUTOR = ThreadLocal.withInitial(() -> false);

    /**
     * Runs TorchScript modules on this thread as plain ops (called before each module call; a no-op after the
     * first). TorchScript's graph optimiser, on by default per thread, rewrites a module after its first runs for
     * the shapes it saw: with shapes changing from call to call it re-specialises again and again, and its own
     * differentiated backward now and then seemed to return garbage gradients (a norm of 10^6 on the first step of
     * a second model, seen in CurriculumTest; more likely the freed factor {@link #times} now avoids). Our modules
     * are a handful of ops each, so it has nothing to gain either way.
     */
    static void plainExecutor() {
        if (!PLAIN_EXECUTOR.get()) {
            JniUtils.setGraphExecutorOptimize(false);
            PLAIN_EXECUTOR.set(true);
        }
    }
}
