package storylab.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The one place a token is drawn from a row of next-token probabilities, as {@link Sampling} says: greedy at
 * temperature 0, else top-k then top-p (nucleus) truncation, renormalised, and one draw from a seeded
 * generator. Used by {@link Sampler}, {@link EncoderDecoder#generate} and the curriculum's batch generator,
 * so every model samples the same way. The probabilities are softmax(logits / temperature), computed by the
 * caller; the drawn token's log-probability under them is kept (what PPO needs).
 */
public final class TokenDraw {

    private final int vocab;
    private final int[] order;
    private float logProb;

    public TokenDraw(int vocab) {
        this.vocab = vocab;
        order = new int[vocab];
    }

    /** log-probability of the last drawn token under the untruncated distribution. */
    public float logProb() {
        return logProb;
    }

    /** Draws from {@code p[offset .. offset + vocab)}. */
    public int draw(float[] p, int offset, Sampling s, SplittableRandom rng) {
        int pick;
        if (s.temperature() == 0) {
            pick = 0;
            for (int i = 1; i < vocab; i++) if (p[offset + i] > p[offset + pick]) pick = i;
        } else if (s.topK() == 0 && s.topP() >= 1) {
            pick = walk(p, offset, rng.nextDouble());
        } else {
            pick = truncated(p, offset, s, rng);
        }
        logProb = (float) Math.log(p[offset + pick]);
        return pick;
    }

    private int walk(float[] p, int off, double u) {
        double total = 0;
        for (int i = 0; i < vocab; i++) total += p[off + i];
        double target = u * total, c = 0; // the float probabilities sum to 1 only up to rounding
        for (int i = 0; i < vocab; i++) if ((c += p[off + i]) > target) return i;
        for (int i = vocab - 1; i >= 0; i--) if (p[off + i] > 0) return i;
        return vocab - 1;
    }

    /** Top-k then top-p: candidates sorted by probability, cut, renormalised, then one draw. */
    private int truncated(float[] p, int off, Sampling s, SplittableRandom rng) {
        int V = vocab, n = 0;
        float threshold = 0;
        if (s.topK() > 0 && s.topK() < V) {
            float[] copy = Arrays.copyOfRange(p, off, off + V);
            Arrays.sort(copy);
            threshold = copy[V - s.topK()];
        }
        for (int i = 0; i < V; i++) if (p[off + i] >= threshold && p[off + i] > 0) order[n++] = i;
        // Sort candidates by descending probability (ties by id, so the order is deterministic).
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) boxed[i] = order[i];
        Arrays.sort(boxed, (a, b) -> p[off + a] != p[off + b] ? Float.compare(p[off + b], p[off + a]) : Integer.compare(a, b));
        int keep = Math.min(n, s.topK() > 0 ? s.topK() : n);
        double total = 0;
        for (int i = 0; i < n; i++) total += p[off + boxed[i]];
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += p[off + boxed[i]];
            if (mass >= s.topP() * total) { keep = i + 1; break; }
        }
        double u = rng.nextDouble() * mass, c = 0;
        for (int i = 0; i < keep; i++) if ((c += p[off + boxed[i]]) > u) return boxed[i];
        return boxed[keep - 1];
    }
}
