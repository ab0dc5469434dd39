package storylab.model;

/**
 * How to draw tokens: temperature (0 = greedy), top-k (0 = off), top-p (1 = off), how many new tokens,
 * whether to stop at end-of-text, whether to use the KV cache, and the seed that makes it reproducible.
 */
public record Sampling(int maxTokens, double temperature, int topK, double topP, boolean stopAtEot, boolean kvCache, long seed) {

    public Sampling {
        if (maxTokens < 0 || temperature < 0 || topK < 0 || topP <= 0 || topP > 1)
            throw new IllegalArgumentException("invalid sampling settings: maxTokens " + maxTokens + ", temperature " + temperature + ", topK " + topK + ", topP " + topP);
    }

    public static Sampling defaults() {
        return new Sampling(90, 1.0, 0, 1.0, true, true, 0);
    }

    public Sampling withMaxTokens(int n) { return new Sampling(n, temperature, topK, topP, stopAtEot, kvCache, seed); }
    public Sampling withTemperature(double t) { return new Sampling(maxTokens, t, topK, topP, stopAtEot, kvCache, seed); }
    public Sampling withTopK(int k) { return new Sampling(maxTokens, temperature, k, topP, stopAtEot, kvCache, seed); }
    public Sampling withTopP(double p) { return new Sampling(maxTokens, temperature, topK, p, stopAtEot, kvCache, seed); }
    public Sampling withStopAtEot(boolean s) { return new Sampling(maxTokens, temperature, topK, topP, s, kvCache, seed); }
    public Sampling withKvCache(boolean kv) { return new Sampling(maxTokens, temperature, topK, topP, stopAtEot, kv, seed); }
    public Sampling withSeed(long s) { return new Sampling(maxTokens, temperature, topK, topP, stopAtEot, kvCache, s); }
}
