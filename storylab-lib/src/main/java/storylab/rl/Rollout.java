package storylab.rl;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import storylab.model.Gpt;
import storylab.model.MixedPrecision;
import storylab.model.Samples;
import storylab.model.Sampling;
import storylab.text.Tokenizer;

/**
 * One batch of stories as every algorithm sees it: the prompts, the sampled tokens (ending with end-of-text
 * unless cut off at the token limit), the story texts, which stories were cut off, and — once
 * {@link #logProbs} has run — the log-probability of every story token under the policy and the frozen
 * reference (and the value head's estimates, for PPO).
 */
public record Rollout(List<String> prompts, int[][] promptIds, int[][] tokens, List<String> texts, boolean[] truncated,
                      float[][] entropies, double seconds) {

    /** Per-token numbers of a rollout, index-aligned with {@link #tokens}. */
    public record TokenLogProbs(float[][] policy, float[][] reference, float[][] values) {}

    /** One batch on the caller's thread (what evaluations use: their stories depend on the seed only). */
    static Rollout sample(Gpt policy, Tokenizer tok, List<String> prompts, RlConfig.Generation g, long seed) {
        return sample(policy, tok, prompts, g, seed, Halves.sequential());
    }

    /**
     * Samples one story per prompt with the KV cache; null if interrupted while sampling (the caller drops the
     * step and the weights stay untouched). With two threads each half of the prompts is sampled on its own
     * (the second half from a seed of its own), so a run's stories depend on its seed and on whether it ran
     * on one thread or two.
     */
    static Rollout sample(Gpt policy, Tokenizer tok, List<String> prompts, RlConfig.Generation g, long seed, Halves halves) {
        long t0 = System.nanoTime();
        int B = prompts.size();
        int[][] ids = new int[B][];
        for (int i = 0; i < B; i++) ids[i] = tok.encode(prompts.get(i));
        var sampling = new Sampling(g.maxNewTokens(), g.temperature(), g.topK(), g.topP(), true, true, seed);
        int[][] promptIds, tokens;
        float[][] entropies;
        if (halves.parallel() && B > 1) {
            int mid = (B + 1) / 2;
            var parts = halves.map(h -> policy.sampler(tok).settings(h == 0 ? sampling : sampling.withSeed(secondSeed(seed)))
                    .sampleTokens(h == 0 ? Arrays.copyOfRange(ids, 0, mid) : Arrays.copyOfRange(ids, mid, B)));
            promptIds = concat(parts.get(0).prompts(), parts.get(1).prompts());
            tokens = concat(parts.get(0).tokens(), parts.get(1).tokens());
            entropies = concat(parts.get(0).entropies(), parts.get(1).entropies());
        } else {
            Samples s = policy.sampler(tok).settings(sampling).sampleTokens(ids);
            promptIds = s.prompts();
            tokens = s.tokens();
            entropies = s.entropies();
        }
        if (Thread.currentThread().isInterrupted()) return null;
        var texts = new ArrayList<String>(B);
        boolean[] cut = new boolean[B];
        for (int i = 0; i < B; i++) {
            int[] t = tokens[i];
            boolean ended = t.length > 0 && t[t.length - 1] == tok.eot();
            cut[i] = !ended && t.length >= g.maxNewTokens();
            texts.add(tok.decode(ended ? Arrays.copyOf(t, t.length - 1) : t).strip());
        }
        return new Rollout(List.copyOf(prompts), promptIds, tokens, List.copyOf(texts), cut, entropies, (System.nanoTime() - t0) / 1e9);
    }

    private static long secondSeed(long seed) {
        return new java.util.SplittableRandom(seed).split().nextLong();
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] concat(T[] a, T[] b) {
        var out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public int size() {
        return tokens.length;
    }

    public long truncatedCount() {
        long n = 0;
        for (boolean b : truncated) if (b) n++;
        return n;
    }

    RolloutBatch batch(int pad) {
        return RolloutBatch.of(promptIds, tokens, pad);
    }

    /**
     * Log-probabilities under the policy and the reference, and the values when a value head is given, without
     * gradients; each half of the stories in minibatch-sized pieces, the halves side by side when allowed.
     */
    TokenLogProbs logProbs(Gpt policy, Gpt reference, ValueHead valueHead, RolloutBatch batch, int miniBatch, Halves halves) {
        int B = size(), mid = (B + 1) / 2;
        float[][] logp = new float[B][], ref = new float[B][], values = valueHead == null ? null : new float[B][];
        halves.map(h -> {
            boolean grad = JniUtils.isGradMode(); // per thread in PyTorch
            JniUtils.setGradMode(false);
            try {
                int end = h == 0 ? mid : B;
                for (int from = h == 0 ? 0 : mid; from < end; from += miniBatch) {
                    int to = Math.min(end, from + miniBatch);
                    try (var m = NDManager.newBaseManager()) {
                        var in = batch.inputs(m, from, to);
                        var tg = batch.targets(m, from, to);
                        // In the update's precision: the first minibatch's ratio π/π_old is then 1 up to rounding.
                        var out = MixedPrecision.training(() -> policy.logProbsAndHidden(in, tg));
                        batch.scatter(out.get(0).toFloatArray(), from, to, logp);
                        if (valueHead != null) batch.scatter(valueHead.values(out.get(1)).toFloatArray(), from, to, values);
                        batch.scatter(MixedPrecision.training(() -> reference.logProbsAndHidden(in, tg)).get(0).toFloatArray(), from, to, ref);
                    }
                }
            } finally {
                JniUtils.setGradMode(grad);
            }
            return null;
        });
        return new TokenLogProbs(logp, ref, values);
    }
}
