package storylab.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import storylab.model.Torch;

/**
 * PPO's objective on one minibatch, over the response tokens only (the mask):
 * <ul>
 *   <li>policy: ratio = π/π_old, loss = mean(max(−A·ratio, −A·clip(ratio, 1−ε, 1+ε)));</li>
 *   <li>value: v_clip = v_old + clip(v − v_old, −ε_v, ε_v), loss = ½·mean(max((v − R)², (v_clip − R)²));</li>
 *   <li>total = policy + c_v·value (the policy term is left out while the value head warms up).</li>
 * </ul>
 * Also the diagnostics TRL logs: clip fractions and approx KL = ½·mean((log π − log π_old)²).
 */
public record PpoLoss(NDArray total, float policy, float value, float clipFraction, float valueClipFraction, float approxKl) {

    public static PpoLoss of(NDArray logp, NDArray oldLogp, NDArray values, NDArray oldValues, NDArray advantages,
                             NDArray returns, NDArray mask, double clip, double valueClip, double valueCoef, boolean trainPolicy) {
        return of(logp, oldLogp, values, oldValues, advantages, returns, mask, clip, valueClip, valueCoef, trainPolicy,
                Math.max(1f, mask.sum().getFloat()));
    }

    /**
     * The same with the means taken over {@code tokens} positions instead of this mask's own count: part of a
     * minibatch then gives its share of the minibatch's loss and diagnostics, and the parts add up to them.
     */
    public static PpoLoss of(NDArray logp, NDArray oldLogp, NDArray values, NDArray oldValues, NDArray advantages,
                             NDArray returns, NDArray mask, double clip, double valueClip, double valueCoef, boolean trainPolicy, float tokens) {
        var logRatio = logp.sub(oldLogp);
        var ratio = logRatio.exp();
        var pg1 = advantages.neg().mul(ratio);
        var pg2 = advantages.neg().mul(ratio.clip(1 - clip, 1 + clip));
        var policyLoss = share(pg1.maximum(pg2), mask, tokens);

        var clipped = oldValues.add(values.sub(oldValues).clip(-valueClip, valueClip));
        var vf1 = values.sub(returns).square();
        var vf2 = clipped.sub(returns).square();
        var valueLoss = Torch.times(share(vf1.maximum(vf2), mask, tokens), 0.5);

        var value = Torch.times(valueLoss, valueCoef);
        var total = trainPolicy ? policyLoss.add(value) : value;
        // The five diagnostics in one array: one copy to Java instead of five.
        var diagnostics = NDArrays.stack(new NDList(policyLoss, valueLoss, share(pg2.gt(pg1).toType(DataType.FLOAT32, false), mask, tokens),
                share(vf2.gt(vf1).toType(DataType.FLOAT32, false), mask, tokens), share(logRatio.square(), mask, tokens).mul(0.5f)));
        float[] d = diagnostics.toFloatArray();
        return new PpoLoss(total, d[0], d[1], d[2], d[3], d[4]);
    }

    /** Sum over the positions where mask is 1, divided by {@code tokens}. */
    static NDArray share(NDArray x, NDArray mask, float tokens) {
        return x.mul(mask).sum().div(tokens);
    }
}
