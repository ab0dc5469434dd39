package storylab.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import storylab.text.Tokenizer;

/**
 * Autoregressive sampling from a {@link Gpt}, a batch at a time. The model runs in PyTorch; the draw itself
 * happens here on the CPU copy of the last logits row with a seeded {@link SplittableRandom}, so a seed
 * gives the same stories whether or not the KV cache is used.
 *
 * <p>Prompts of unequal length share one batch: the common prefix is fed at once, then rows still inside
 * their prompt are fed their own next prompt token instead of a sample.
 */
public final class Sampler {

    private final Gpt model;
    private final Tokenizer tokenizer;
    private Sampling s = Sampling.defaults();
    private int copies = 1;

    Sampler(Gpt model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    public Sampler maxTokens(int n) { s = s.withMaxTokens(n); return this; }
    public Sampler temperature(double t) { s = s.withTemperature(t); return this; }
    public Sampler topK(int k) { s = s.withTopK(k); return this; }
    public Sampler topP(double p) { s = s.withTopP(p); return this; }
    public Sampler seed(long seed) { s = s.withSeed(seed); return this; }
    public Sampler kvCache(boolean on) { s = s.withKvCache(on); return this; }
    public Sampler stopAtEot(boolean on) { s = s.withStopAtEot(on); return this; }
    public Sampler settings(Sampling settings) { s = settings; return this; }
    /** Draw {@code n} continuations of each prompt. */
    public Sampler copies(int n) { copies = n; return this; }

    public Sampling settings() {
        return s;
    }

    /** Samples continuations of text prompts (an empty prompt starts from end-of-text). */
    public Samples sample(String... prompts) {
        var ids = new int[prompts.length * copies][];
        for (int i = 0; i < ids.length; i++) ids[i] = tokenizer.encode(prompts[i / copies]);
        return sampleTokens(ids);
    }

    public Samples sampleTokens(int[][] prompts) {
        int B = prompts.length, V = model.config().vocab(), ctx = model.config().context();
        int eot = tokenizer == null ? -1 : tokenizer.eot();
        int[][] prompt = new int[B][];
        int longest = 0, shortest = Integer.MAX_VALUE;
        for (int b = 0; b < B; b++) {
            prompt[b] = prompts[b].length == 0 ? new int[] {eot < 0 ? 0 : eot} : prompts[b];
            longest = Math.max(longest, prompt[b].length);
            shortest = Math.min(shortest, prompt[b].length);
        }
        int total = longest + s.maxTokens();
        long[][] seq = new long[B][total];
        for (int b = 0; b < B; b++) for (int t = 0; t < prompt[b].length; t++) seq[b][t] = prompt[b][t];
        int[][] out = new int[B][s.maxTokens()];
        float[][] logp = new float[B][s.maxTokens()], entropy = new float[B][s.maxTokens()];
        int[] made = new int[B];
        boolean[] done = new boolean[B];
        var rng = new SplittableRandom(s.seed());
        var row = new TokenDraw(V);
        long start = System.nanoTime();

        try (NDManager gen = NDManager.newBaseManager(); var cache = s.kvCache() ? model.newCache(gen, B) : null) {
            int cur = shortest;
            float[] logits = forward(gen, seq, 0, cur, cache, new float[B * V + B]);
            int remaining = s.maxTokens() == 0 ? 0 : B;
            while (remaining > 0) {
                if (Thread.currentThread().isInterrupted()) break; // a notebook interrupt: keep what was drawn so far
                for (int b = 0; b < B; b++) {
                    if (done[b]) { seq[b][cur] = seq[b][cur - 1]; continue; }
                    if (cur < prompt[b].length) continue; // still feeding its prompt
                    int next = row.draw(logits, b * V, s, rng);
                    seq[b][cur] = next;
                    out[b][made[b]] = next;
                    logp[b][made[b]] = row.logProb();
                    entropy[b][made[b]] = logits[B * V + b];
                    made[b]++;
                    if (made[b] == s.maxTokens() || (s.stopAtEot() && next == eot)) { done[b] = true; remaining--; }
                }
                cur++;
                if (remaining == 0) break;
                logits = cache != null && cur <= ctx
                        ? forward(gen, seq, cur - 1, cur, cache, logits)
                        : forward(gen, seq, Math.max(0, cur - ctx), cur, null, logits);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int b = 0; b < B; b++) {
            out[b] = Arrays.copyOf(out[b], made[b]);
            logp[b] = Arrays.copyOf(logp[b], made[b]);
            entropy[b] = Arrays.copyOf(entropy[b], made[b]);
        }
        return new Samples(prompt, out, logp, entropy, s, tokenizer, seconds);
    }

    /**
     * Feeds columns [from, to) of every row and returns the next-token distributions in {@code out}: B·V
     * probabilities followed by the B entropies. Softmax, log and entropy run vectorized in PyTorch; Java only walks
     * the cumulative sum for the draw (exponentials in a Java loop cost more than the rest of a decoding step).
     */
    private float[] forward(NDManager gen, long[][] seq, int from, int to, KvCache cache, float[] out) {
        int B = seq.length, T = to - from, V = model.config().vocab();
        long[] flat = new long[B * T];
        for (int b = 0; b < B; b++) System.arraycopy(seq[b], from, flat, b * T, T);
        try (var step = gen.newSubManager()) {
            var tokens = step.create(flat, new Shape(B, T));
            if (cache != null && T == 1 && DecodeStep.available()) // one new token per row: one module call
                return Torch.read(DecodeStep.run(model, tokens, from, cache, s.temperature()), out, 0);
            var logits = model.lastLogits(tokens, cache == null ? 0 : from, cache);
            if (s.temperature() > 0 && s.temperature() != 1) logits = logits.div((float) s.temperature());
            var logp = logits.logSoftmax(-1);
            var p = logp.exp();
            Torch.read(p, out, 0);
            Torch.read(p.mul(logp).sum(new int[] {-1}).neg(), out, B * V);
            return out;
        }
    }
}
