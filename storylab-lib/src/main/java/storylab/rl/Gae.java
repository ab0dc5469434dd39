package storylab.rl;

/**
 * Generalised advantage estimation over one response: δ_t = r_t + γ·V_{t+1} − V_t (V after the last token
 * is 0, the story is over), A_t = δ_t + γλ·A_{t+1}, and the value targets (returns) R_t = A_t + V_t.
 */
public final class Gae {

    /** Advantages and returns of one response, one entry per generated token. */
    public record Result(float[] advantages, float[] returns) {}

    private Gae() {}

    public static Result of(float[] rewards, float[] values, double gamma, double lambda) {
        if (rewards.length != values.length)
            throw new IllegalArgumentException("rewards (" + rewards.length + ") and values (" + values.length + ") differ in length");
        int n = rewards.length;
        float[] adv = new float[n], ret = new float[n];
        double last = 0;
        for (int t = n - 1; t >= 0; t--) {
            double next = t + 1 < n ? values[t + 1] : 0;
            double delta = rewards[t] + gamma * next - values[t];
            last = delta + gamma * lambda * last;
            adv[t] = (float) last;
            ret[t] = (float) (last + values[t]);
        }
        return new Result(adv, ret);
    }
}
