package storylab.curriculum;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import storylab.model.EncoderDecoder;
import storylab.text.Tokenizer;

/**
 * Writes stories for many instructions at once: one decoder pass per new token over the whole batch
 * (no KV cache; stories are short), greedy or sampled with a seed. A finished story keeps its end-of-text
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
                    if (temperature > 0) last = last.div((float) temperature).softmax(-1);
                    probs = last.toFloatArray();
                }
                long[] next = new long[n * (len + 1)];
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    System.arraycopy(prefix, i * len, next, i * (len + 1), len);
                    int id = done[i] ? pad : pick(probs, i * V, V, temperature, rng);
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

    private static int pick(float[] p, int offset, int V, double temperature, SplittableRandom rng) {
        int best = 0;
        if (temperature == 0) {
            for (int k = 1; k < V; k++) if (p[offset + k] > p[offset + best]) best = k;
            return best;
        }
        double u = rng.nextDouble(), c = 0;
        for (int k = 0; k < V - 1; k++) if ((c += p[offset + k]) > u) return k;
        return V - 1;
    }
}
