package storylab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storylab.model.NamedArrays;
import storylab.model.Torch;

/**
 * AdamW with decoupled weight decay on matrices only (nanoGPT: 2-D weights decay, biases and LayerNorm
 * gains do not), global gradient-norm clipping, and moments we own so that checkpoints can save them.
 * The per-tensor update is PyTorch's fused in-place kernel (one native call per parameter).
 */
public final class AdamW implements AutoCloseable {

    public record Settings(double beta1, double beta2, double eps, double weightDecay, double clipNorm) {
        public static Settings defaults() {
            return new Settings(0.9, 0.95, 1e-8, 0.1, 1.0);
        }

        public Settings withWeightDecay(double wd) { return new Settings(beta1, beta2, eps, wd, clipNorm); }
        public Settings withClipNorm(double c) { return new Settings(beta1, beta2, eps, weightDecay, c); }
        public Settings withBetas(double b1, double b2) { return new Settings(b1, b2, eps, weightDecay, clipNorm); }
    }

    private final Settings settings;
    private final Map<String, NDArray> params;
    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, NDArray> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private final List<List<String>> halves;
    private long step;

    public AdamW(Map<String, NDArray> params, Settings settings) {
        this.params = params;
        this.settings = settings;
        for (var e : params.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape()));
        }
        halves = halves(params);
    }

    public Settings settings() {
        return settings;
    }

    public long steps() {
        return step;
    }

    static boolean decays(NDArray p) {
        return p.getShape().dimension() >= 2;
    }

    /**
     * One update from the accumulated gradients at learning rate {@code lr}; clears the gradients. With clipping on,
     * a gradient whose norm is not finite (an overflow) skips the update: weights, moments and the step count stay.
     * @return the global gradient norm before clipping (NaN when clipping is off; ∞ or NaN: the update was skipped)
     */
    public double step(double lr) {
        return step(lr, (a, b) -> { a.run(); b.run(); });
    }

    /** Runs two independent pieces of work, one after the other or side by side. */
    public interface Both {
        void run(Runnable a, Runnable b);
    }

    /**
     * The same update, done in two halves of the parameters (balanced by size) that {@code both} may run side by
     * side: each gradient's norm and each parameter's update depend on that parameter alone, so the numbers are the
     * same as {@link #step(double)}'s when each half runs with the thread count the caller would have had. The RL
     * step uses it: its two workers run one PyTorch thread each, so one of them would otherwise stream every weight,
     * gradient and moment alone (about 9 ms of each minibatch of the workshop preset).
     */
    public double step(double lr, Both both) {
        var grads = new LinkedHashMap<String, PtNDArray>();
        for (var e : params.entrySet()) grads.put(e.getKey(), (PtNDArray) e.getValue().getGradient());
        double norm = Double.NaN;
        // The norm costs a sync and a pass over the gradients: skip it when clipping is off.
        if (settings.clipNorm() > 0) {
            try (var scope = NDManager.newBaseManager()) {
                var norms = new LinkedHashMap<String, NDArray>(grads.size());
                grads.keySet().forEach(k -> norms.put(k, null));
                both.run(() -> norms(halves.get(0), grads, norms, scope), () -> norms(halves.get(1), grads, norms, scope));
                norm = NDArrays.stack(new NDList(norms.values())).norm().getFloat();
            }
        }
        // A gradient that overflowed (norm ∞ or NaN) would be clipped by a factor of 0, and ∞ · 0 is NaN in every
        // weight: skip the update instead, as mixed-precision loss scalers do. The caller's log shows the norm.
        if (settings.clipNorm() > 0 && !Double.isFinite(norm)) {
            zeroGradients();
            for (var g : grads.values()) g.close(); // the wrappers only
            return norm;
        }
        step++;
        // Clipping rescales every gradient by the same factor, inside the fused update.
        float rescale = settings.clipNorm() > 0 && norm > settings.clipNorm() ? (float) (settings.clipNorm() / (norm + 1e-6)) : 1f;
        both.run(() -> update(halves.get(0), grads, lr, rescale), () -> update(halves.get(1), grads, lr, rescale));
        return norm;
    }

    private static void norms(List<String> names, Map<String, PtNDArray> grads, Map<String, NDArray> norms, NDManager scope) {
        for (var k : names) {
            var n = grads.get(k).norm();
            n.attach(scope); // results land on the gradient's (the model's) manager otherwise
            synchronized (norms) { norms.put(k, n); }
        }
    }

    private void update(List<String> names, Map<String, PtNDArray> grads, double lr, float rescale) {
        double b1 = settings.beta1(), b2 = settings.beta2();
        float lrCorrected = (float) (lr * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step)));
        for (var k : names) {
            var p = (PtNDArray) params.get(k);
            var g = grads.get(k);
            float wd = decays(p) ? (float) settings.weightDecay() : 0f;
            JniUtils.adamUpdate(p, g, (PtNDArray) m.get(k), (PtNDArray) v.get(k), (float) lr, lrCorrected,
                    wd, rescale, -1f, (float) b1, (float) b2, (float) settings.eps(), true);
            JniUtils.zeroGrad(p);
            g.close(); // the wrapper only: the gradient tensor stays with the parameter
        }
    }

    /** The parameter names in two halves of about equal size: the largest first, each to the lighter half. */
    private static List<List<String>> halves(Map<String, NDArray> params) {
        var bySize = new ArrayList<>(params.keySet());
        bySize.sort(Comparator.comparingLong((String k) -> -params.get(k).getShape().size()).thenComparing(k -> k));
        List<List<String>> out = List.of(new ArrayList<>(), new ArrayList<>());
        long[] load = new long[2];
        for (var k : bySize) {
            int h = load[0] <= load[1] ? 0 : 1;
            out.get(h).add(k);
            load[h] += params.get(k).getShape().size();
        }
        return out;
    }

    /** Clears gradients without updating (after a skipped or interrupted step). */
    public void zeroGradients() {
        for (var p : params.values()) JniUtils.zeroGrad((PtNDArray) p);
    }

    // ---------------------------------------------------------------- state

    public void save(Path dir) throws IOException {
        var all = new LinkedHashMap<String, NDArray>();
        m.forEach((k, a) -> all.put("m." + k, a));
        v.forEach((k, a) -> all.put("v." + k, a));
        NamedArrays.write(dir.resolve("optimizer.bin"), all);
    }

    /** Restores moments saved by {@link #save}; {@code steps} comes from the checkpoint's state. */
    public void load(Path dir, long steps) throws IOException {
        var file = dir.resolve("optimizer.bin");
        try (var tmp = NDManager.newBaseManager()) {
            var all = NamedArrays.read(file, tmp);
            for (var k : params.keySet()) {
                var sm = all.get("m." + k);
                var sv = all.get("v." + k);
                if (sm == null || sv == null || !sm.getShape().equals(m.get(k).getShape()))
                    throw new IOException(file + ": optimizer state for " + k + " is missing or has another shape");
                Torch.copyInto(m.get(k), sm);
                Torch.copyInto(v.get(k), sv);
            }
        }
        this.step = steps;
    }

    @Override
    public void close() {
        manager.close();
    }
}
