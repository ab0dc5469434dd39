package storylab.curriculum;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import storylab.model.EncoderDecoder;
import storylab.model.Sampling;
import storylab.model.TokenDraw;
import storylab.text.Tokenizer;

/**
 * Writes stories for many instructions at once: one decoder pass per new token over the whole batch
 * (no KV cache; stories are short), greedy or sampled with a seed through {@link TokenDraw}, as the model's own sampler. A finished story keeps its end-of-text
 * and is padded while the others go on.
 */
final class Generator {

    private Generator() {}

    /** @param temperature 0 = greedy; otherwise samples with a generator seeded by {@code seed} */
    static List<int[]> generate(EncoderDecoder model, Tokenizer tok, List<String> instructions, int maxTokens, double temperature, long seed) {
        int n = instructions.size(), S = model.config().sourceContext(), pad = tok.pad(), eot = tok.eot();
        int steps = Math.min(maxTokens, model.config().context());
        int[][] source = new int[n][];
        int width = 1;
        for (int i = 0; i < n; i++) {
            int[] ids = tok.encode(instructions.get(i));
            source[i] = ids.length > S ? Arrays.copyOf(ids, S) : ids;
            width = Math.max(width, source[i].length);
        }
        long[] srcFlat = new long[n * width];
        Arrays.fill(srcFlat, pad);
        for (int i = 0; i < n; i++) for (int j = 0; j < source[i].length; j++) srcFlat[i * width + j] = source[i][j];
        var rng = new SplittableRandom(seed);
        var sampling = new Sampling(maxTokens, temperature, 0, 1.0, true, false, seed);
        var draw = new TokenDraw(model.config().vocab());
        var out = new ArrayList<List<Integer>>();
        for (int i = 0; i < n; i++) out.add(new ArrayList<>());
        boolean[] done = new boolean[n];
        long[] prefix = new long[n];
        Arrays.fill(prefix, tok.special("<|sep|>"));
        int len = 1;
        try (var m = NDManager.newBaseManager()) {
            for (int t = 0; t < steps; t++) {
                float[] probs;
                int V;
                try (var s = m.newSubManager()) {
                    var srcArr = s.create(srcFlat, new ai.djl.ndarray.types.Shape(n, width));
                    var tgt = s.create(prefix, new ai.djl.ndarray.types.Shape(n, len));
                    var last = model.logits(srcArr, tgt).get(new NDIndex(":, -1, :")); // [n, V]
                    V = (int) last.getShape().get(1);
                    probs = (temperature > 0 ? last.div((float) temperature) : last).softmax(-1).toFloatArray();
                }
                long[] next = new long[n * (len + 1)];
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    System.arraycopy(prefix, i * len, next, i * (len + 1), len);
                    int id = done[i] ? pad : draw.draw(probs, i * V, sampling, rng);
                    next[i * (len + 1) + len] = id;
                    if (!done[i]) {
                        if (id == eot) done[i] = true;
                        else out.get(i).add(id);
                    }
                    all &= done[i];
                }
                prefix = next;
                len++;
                if (all) break;
            }
        }
        return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }
}
