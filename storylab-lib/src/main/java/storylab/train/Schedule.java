package storylab.train;

/**
 * The learning rate as a function of training progress (the fraction of the word budget seen): linear
 * warmup, then linear or cosine decay to {@code minFraction}·peak. Progress in words rather than steps
 * because the number of steps a word budget takes is only known once the text is tokenized.
 */
public record Schedule(double peak, double warmup, Decay decay, double minFraction) {

    public enum Decay { LINEAR, COSINE, CONSTANT }

    /** Paper A: peak 5e-4, 1% warmup, linear decay to zero. */
    public static Schedule paperA() {
        return new Schedule(5e-4, 0.01, Decay.LINEAR, 0.0);
    }

    public Schedule withPeak(double lr) { return new Schedule(lr, warmup, decay, minFraction); }
    public Schedule withWarmup(double fraction) { return new Schedule(peak, fraction, decay, minFraction); }
    public Schedule withDecay(Decay d) { return new Schedule(peak, warmup, d, minFraction); }
    public Schedule withMinFraction(double f) { return new Schedule(peak, warmup, decay, f); }

    public double at(double progress) {
        double p = Math.min(Math.max(progress, 0), 1);
        if (warmup > 0 && p < warmup) return peak * (p + 1e-9) / warmup;
        double t = warmup >= 1 ? 1 : (p - warmup) / (1 - warmup);
        double min = peak * minFraction;
        return switch (decay) {
            case CONSTANT -> peak;
            case LINEAR -> min + (peak - min) * (1 - t);
            case COSINE -> min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * t));
        };
    }
}
