package storylab.rl;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import storylab.model.Gpt;
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

    /**
     * Samples one story per prompt with the KV cache; null if interrupted while sampling (the caller drops the
     * step and the weights stay untouched).
     */
    static Rollout sample(Gpt policy, Tokenizer tok, List<String> prompts, RlConfig.Generation g, long seed) {
        long t0 = System.nanoTime();
        int B = prompts.size();
        int[][] ids = new int[B][];
        for (int i = 0; i < B; i++) ids[i] = tok.encode(prompts.get(i));
        var sampling = new Sampling(g.maxNewTokens(), g.temperature(), g.topK(), g.topP(), true, true, seed);
        Samples s = policy.sampler(tok).settings(sampling).sampleTokens(ids);
        if (Thread.currentThread().isInterrupted()) return null;
        var texts = new ArrayList<String>(B);
        boolean[] cut = new boolean[B];
        for (int i = 0; i < B; i++) {
            int[] t = s.tokens()[i];
            boolean ended = t.length > 0 && t[t.length - 1] == tok.eot();
            cut[i] = !ended && t.length >= g.maxNewTokens();
            texts.add(tok.decode(ended ? Arrays.copyOf(t, t.length - 1) : t).strip());
        }
        return new Rollout(List.copyOf(prompts), s.prompts(), s.tokens(), List.copyOf(texts), cut, s.entropies(), (System.nanoTime() - t0) / 1e9);
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

    /** Log-probabilities under the policy and the reference, and the values when a value head is given, without gradients. */
    TokenLogProbs logProbs(Gpt policy, Gpt reference, ValueHead valueHead, RolloutBatch batch, int miniBatch) {
        int B = size();
        float[][] logp = new float[B][], ref = new float[B][], values = valueHead == null ? null : new float[B][];
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int from = 0; from < B; from += miniBatch) {
                int to = Math.min(B, from + miniBatch);
                try (var m = NDManager.newBaseManager()) {
                    var in = batch.inputs(m, from, to);
                    var tg = batch.targets(m, from, to);
                    var out = policy.logProbsAndHidden(in, tg);
                    batch.scatter(out.get(0).toFloatArray(), from, to, logp);
                    if (valueHead != null) batch.scatter(valueHead.values(out.get(1)).toFloatArray(), from, to, values);
                    batch.scatter(reference.logProbsAndHidden(in, tg).get(0).toFloatArray(), from, to, ref);
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return new TokenLogProbs(logp, ref, values);
    }
}
