package storylab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The transformer's building blocks as direct calls into PyTorch's fused kernels, shared by {@link Gpt}
 * and {@link EncoderDecoder}. Activations are [N, d] matrices (N = batch × length) so that every linear
 * layer is a single addmm; results attach to the manager of the first argument. Inside
 * {@link MixedPrecision#training} the matmuls run in bf16 when it is on.
 */
final class Ops {

    private Ops() {}

    /** x Wᵀ + b with W [out, in] as in PyTorch; {@code bias} may be null. */
    static NDArray linear(NDArray x, NDArray w, NDArray bias) {
        if (MixedPrecision.now()) return MixedPrecision.linear(x, w, bias);
        return JniUtils.linear((PtNDArray) x, (PtNDArray) w, (PtNDArray) bias);
    }

    /** LayerNorm over the channel axis only (the last one). */
    static NDArray layerNorm(NDArray x, NDArray gain, NDArray bias) {
        return JniUtils.layerNorm((PtNDArray) x, new Shape(gain.getShape().get(0)), (PtNDArray) gain, (PtNDArray) bias, 1e-5);
    }

    /** The GELU MLP: d → 4d → d. */
    static NDArray mlp(NDArray x, NDArray fcW, NDArray fcB, NDArray projW, NDArray projB) {
        return linear(JniUtils.gelu((PtNDArray) linear(x, fcW, fcB)), projW, projB);
    }

    /** [B·T, n·H·hd] → n arrays of [B, H, T, hd] (one new token per row needs no transpose). */
    static NDList heads(NDArray x, long B, long T, int n, int H, int hd) {
        var h = T == 1 ? x.reshape(B, (long) n * H, 1, hd) : x.reshape(B, T, (long) n * H, hd).transpose(0, 2, 1, 3);
        return n == 1 ? new NDList(h) : h.split(n, 1);
    }

    /**
     * softmax(q kᵀ · scale + mask) v for q [B, H, T, hd], k and v [B, H, S, hd]; the additive mask
     * broadcasts to [B, H, T, S] or is null. Returns the heads merged back to [B·T, H·hd].
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray scale, NDArray mask) {
        long B = q.getShape().get(0), H = q.getShape().get(1), T = q.getShape().get(2), hd = q.getShape().get(3);
        if (mask != null && MixedPrecision.now()) {
            var y = MixedPrecision.attend(q, k, v, scale, mask);
            return y.transpose(0, 2, 1, 3).reshape(B * T, H * hd);
        }
        var att = JniUtils.mul((PtNDArray) q, (PtNDArray) scale).matMul(k.transpose(0, 1, 3, 2));
        if (mask != null) att = att.add(mask);
        var y = att.softmax(-1).matMul(v);
        return T == 1 ? y.reshape(B, H * hd) : y.transpose(0, 2, 1, 3).reshape(B * T, H * hd);
    }

    /** Rows [r0, r1) and columns [c0, c1) of a 2-D array, as a view owned by {@code owner}. */
    static NDArray slice(NDArray a, NDArray owner, long r0, long r1, long c0, long c1) {
        return JniUtils.index((PtNDArray) a, new long[] {r0, c0}, new long[] {r1, c1}, new long[] {1, 1}, (PtNDManager) owner.getManager());
    }
}
