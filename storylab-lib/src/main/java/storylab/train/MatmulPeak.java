package storylab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** The measured fp32 matmul throughput of this machine through DJL: the denominator of MFU. */
public final class MatmulPeak {

    private static volatile double cached = Double.NaN;

    private MatmulPeak() {}

    /** FLOP/s of an n×n×n matmul, best of {@code reps}. */
    public static double measure(int n, int reps) {
        try (var m = NDManager.newBaseManager()) {
            var a = m.randomNormal(new Shape(n, n));
            var b = m.randomNormal(new Shape(n, n));
            a.matMul(b).close();
            double best = 0;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                try (var c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9));
            }
            return best;
        }
    }

    /** A quick estimate, measured once per JVM (about a tenth of a second). */
    public static double cached() {
        if (Double.isNaN(cached)) cached = measure(1024, 5);
        return cached;
    }
}
