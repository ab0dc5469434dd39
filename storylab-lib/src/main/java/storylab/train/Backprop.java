package storylab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import storylab.model.Gpt;
import storylab.model.MixedPrecision;
import storylab.model.Torch;

/**
 * Forward and backward of the language-model loss for one micro-batch. Autograd is on only inside, so
 * sampling and evaluation elsewhere never record graphs; gradients accumulate in the parameters. The pass
 * runs under {@link MixedPrecision#training} (bf16 matmuls where the CPU has them, unless switched off).
 */
public final class Backprop {

    private Backprop() {}

    /** Adds ∂(scale · loss)/∂θ to the parameters' gradients and returns the (unscaled) loss. */
    public static float lossAndGradients(Gpt model, NDArray inputs, NDArray targets, double scale) {
        return lossAndGradients(() -> model.loss(inputs, targets), scale);
    }

    /** The same for any scalar loss (the encoder–decoder's, PPO's): forward under autograd, then backward. */
    public static float lossAndGradients(java.util.function.Supplier<NDArray> forward, double scale) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            var loss = MixedPrecision.training(forward::get);
            var scaled = scale == 1.0 ? loss : Torch.times(loss, scale);
            JniUtils.backward((PtNDArray) scaled, (PtNDArray) scaled.onesLike(), false, false);
            return loss.getFloat();
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    /** The loss without gradients (validation). */
    public static float loss(Gpt model, NDArray inputs, NDArray targets) {
        return model.loss(inputs, targets).getFloat();
    }
}
