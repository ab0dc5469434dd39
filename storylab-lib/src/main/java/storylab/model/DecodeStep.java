package storylab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One key/value-cached decoding step of a {@link Gpt} — every row feeds one new token — as a single call into a
 * TorchScript module (resource {@code storylab/model/decode/step.pt}, written by {@code make.py} beside it).
 *
 * <p>Why: at small batch sizes a step is about a hundred small ops, and each op called from Java pays the
 * binding's cost (a JNI call, a Java wrapper, its registration with a manager). The module also computes each
 * linear layer as W·xᵀ, which MKL spreads over two threads along the output features rather than the few rows
 * (about 30 % less time per step at batch 8 on two threads). So its numbers agree with the op-by-op path of
 * {@link Gpt#trunk} up to float rounding, not bit for bit (tested). The prompt's prefill, training and every
 * other pass stay in Java; if the module cannot load, sampling falls back to the op-by-op path.
 */
final class DecodeStep {

    private static final Object LOCK = new Object();
    private static PtSymbolBlock module;
    private static String unavailable; // why the module did not load, or null
    /** Off: sample op by op (the tests compare the two paths). */
    static volatile boolean enabled = true;

    private DecodeStep() {}

    /** Whether the module is enabled and loaded (loading it on the first call). */
    static boolean available() {
        if (!enabled) return false;
        synchronized (LOCK) {
            if (module == null && unavailable == null) {
                var manager = (PtNDManager) NDManager.newBaseManager();
                try {
                    module = Torch.script(manager, "decode/step.pt");
                } catch (IOException | RuntimeException e) {
                    manager.close();
                    unavailable = e.getMessage();
                    System.out.println("StoryLab: sampling op by op (the decoding-step module did not load: " + unavailable + ")");
                }
            }
            return module != null;
        }
    }

    /**
     * Feeds {@code tokens} [B, 1] at position {@code pos} through the cache (writing each layer's new key and value)
     * and returns [B·V + B] on the tokens' manager: the next-token probabilities of softmax(logits / temperature)
     * (no division at temperature 0 or 1) row after row, then the B entropies in nats.
     */
    static NDArray run(Gpt model, NDArray tokens, int pos, KvCache cache, double temperature) {
        var inputs = new ArrayList<IValue>();
        try {
            var keys = new ArrayList<PtNDArray>();
            var values = new ArrayList<PtNDArray>();
            for (int l = 0; l < model.config().layers(); l++) {
                keys.add((PtNDArray) cache.layer(l).k());
                values.add((PtNDArray) cache.layer(l).v());
            }
            inputs.add(IValue.from((PtNDArray) tokens));
            inputs.add(IValue.from((long) pos));
            inputs.add(IValue.listFrom(pt(model.decodeWeights())));
            inputs.add(IValue.listFrom(keys.toArray(PtNDArray[]::new)));
            inputs.add(IValue.listFrom(values.toArray(PtNDArray[]::new)));
            inputs.add(IValue.from((PtNDArray) model.scale()));
            inputs.add(IValue.from(temperature));
            Torch.plainExecutor();
            try (var out = IValueUtils.forward(module, inputs.toArray(IValue[]::new))) {
                return out.toTensor((PtNDManager) tokens.getManager());
            }
        } finally {
            inputs.forEach(IValue::close);
        }
    }

    private static PtNDArray[] pt(List<NDArray> arrays) {
        return arrays.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new);
    }
}
