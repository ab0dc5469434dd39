package storylab.rl;

/**
 * The KL coefficient β of the per-token penalty −β·KL. Fixed, or adaptive as in Ziegler et al. and TRL:
 * after each batch, β ← β·(1 + clip(KL/target − 1, −0.2, 0.2)·n/horizon), so β grows while the policy
 * drifts past the target KL and shrinks when it stays close.
 */
public final class KlController {

    private double beta;
    private final double target;
    private final double horizon;

    private KlController(double beta, double target, double horizon) {
        this.beta = beta;
        this.target = target;
        this.horizon = horizon;
    }

    public static KlController fixed(double beta) {
        return new KlController(beta, Double.NaN, Double.NaN);
    }

    public static KlController adaptive(double initial, double target, double horizon) {
        if (target <= 0 || horizon <= 0) throw new IllegalArgumentException("target KL and horizon must be positive");
        return new KlController(initial, target, horizon);
    }

    public boolean isAdaptive() {
        return !Double.isNaN(target);
    }

    public double beta() {
        return beta;
    }

    /** Restores β from a checkpoint. */
    void set(double value) {
        beta = value;
    }

    /** Updates β after a batch of {@code n} stories whose mean KL was {@code kl}. */
    public void update(double kl, int n) {
        if (!isAdaptive()) return;
        double error = Math.max(-0.2, Math.min(0.2, kl / target - 1));
        beta *= 1 + error * n / horizon;
    }

    @Override
    public String toString() {
        return isAdaptive() ? String.format("adaptive β=%.4g (target %.3g, horizon %.0f)", beta, target, horizon) : String.format("fixed β=%.4g", beta);
    }
}
