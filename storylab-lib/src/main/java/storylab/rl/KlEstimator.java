package storylab.rl;

/**
 * Per-token estimates of KL(π ‖ π_ref) from the log-probabilities of the sampled token.
 * k1 = log π − log π_ref (unbiased, can be negative per token); k3 = (r − 1) − log r with
 * r = π_ref/π (unbiased and never negative, lower variance).
 */
public enum KlEstimator {
    K1, K3;

    public double of(double logp, double refLogp) {
        double logRatio = refLogp - logp;
        return switch (this) {
            case K1 -> -logRatio;
            case K3 -> Math.expm1(logRatio) - logRatio;
        };
    }
}
