package storylab.curriculum;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import storylab.data.Pair;
import storylab.model.EncoderDecoder;
import storylab.model.Torch;
import storylab.text.PairBatch;
import storylab.text.Tokenizer;
import storylab.train.AdamW;
import storylab.train.Backprop;

/**
 * One optimizer step on a mixed batch: each component (instruction level) with λ > 0 brings its own
 * examples, its mean token loss is computed separately, and L = Σ λ·L_level is backpropagated once.
 * Components with λ = 0 are skipped entirely, so they cannot move the weights.
 */
public final class MixedStep {

    private MixedStep() {}

    /** Losses of one step: per level (NaN where λ = 0), the weighted total and the gradient norm. */
    public record Losses(double[] perLevel, double total, double gradNorm) {}

    public static Losses apply(EncoderDecoder model, Tokenizer tokenizer, AdamW optimizer, Map<Integer, List<Pair>> batches,
                               Lambdas lambdas, double lr, NDManager base) {
        double[] perLevel = new double[lambdas.perLevel().size()];
        Arrays.fill(perLevel, Double.NaN);
        var parts = new NDArray[perLevel.length];
        double total;
        try (var s = base.newSubManager()) {
            total = Backprop.lossAndGradients(() -> {
                NDArray sum = null;
                for (int level : lambdas.active()) {
                    var pairs = batches.get(level);
                    if (pairs == null || pairs.isEmpty()) throw new IllegalArgumentException("no examples for " + Lambdas.component(level));
                    var b = Tensors.of(s, PairBatch.of(tokenizer, pairs, model.config().sourceContext(), model.config().context()));
                    parts[level] = model.loss(b.source(), b.input(), b.target());
                    var weighted = Torch.times(parts[level], lambdas.at(level));
                    sum = sum == null ? weighted : sum.add(weighted);
                }
                return sum;
            }, 1.0);
            for (int level : lambdas.active()) perLevel[level] = parts[level].getFloat();
        }
        double norm = optimizer.step(lr);
        return new Losses(perLevel, total, norm);
    }

    /** A {@link PairBatch} as the three id tensors the encoder–decoder's loss takes. */
    record Tensors(NDArray source, NDArray input, NDArray target) {
        static Tensors of(NDManager m, PairBatch b) {
            return new Tensors(matrix(m, b.encoderIds()), matrix(m, b.decoderInput()), matrix(m, b.decoderTarget()));
        }

        static NDArray matrix(NDManager m, int[][] rows) {
            int n = rows.length, w = rows[0].length;
            long[] flat = new long[n * w];
            for (int i = 0; i < n; i++) for (int j = 0; j < w; j++) flat[i * w + j] = rows[i][j];
            return m.create(flat, new Shape(n, w));
        }
    }
}
