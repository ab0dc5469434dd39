package storylab.curriculum;

import java.util.List;

/**
 * One optimizer step of the curriculum: the mean loss of each component (per instruction level, NaN where
 * λ = 0), the weighted total that was backpropagated, the learning rate and the gradient norm before clipping.
 */
public record StepRow(int phase, String name, long step, long phaseStep, double words, List<Double> losses, double total,
                      double lr, double gradNorm) {

    public double loss(int level) {
        return losses.get(level);
    }
}
