package storylab.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;
import storylab.data.Corpus;
import storylab.data.Document;

/**
 * Learns BPE merges. Counts distinct pieces once, then keeps pair counts up to date incrementally: a
 * priority queue picks the most frequent pair (ties: smaller left id, then smaller right id, so training is
 * deterministic), and a pair → words index means a merge only touches the words that contain the pair.
 */
public final class BpeTrainer {

    private int vocabSize = 4000;
    private List<String> specials = ByteTokenizer.DEFAULT_SPECIALS;
    private int minFrequency = 2;

    BpeTrainer() {}

    /** Total vocabulary: 256 bytes + specials + merges. */
    public BpeTrainer vocabSize(int vocabSize) {
        if (vocabSize < 256 + specials.size()) throw new IllegalArgumentException("vocab size must be ≥ 256 + specials, got " + vocabSize);
        this.vocabSize = vocabSize;
        return this;
    }

    public BpeTrainer specials(List<String> specials) {
        this.specials = List.copyOf(specials);
        return this;
    }

    /** Stops early when the best pair occurs fewer times than this. */
    public BpeTrainer minFrequency(int minFrequency) {
        this.minFrequency = minFrequency;
        return this;
    }

    public BpeTokenizer train(Corpus corpus) {
        try (Stream<String> texts = corpus.stream().map(Document::text)) {
            return train(texts);
        }
    }

    public BpeTokenizer train(Stream<String> texts) {
        Map<String, int[]> counts = new HashMap<>();
        texts.forEach(t -> PreTokenizer.split(t, (s, e) -> counts.computeIfAbsent(t.substring(s, e), k -> new int[1])[0]++));
        return learn(counts);
    }

    /** A pair's running count and the words it may occur in (a superset: stale entries are skipped). */
    private static final class PairStat {
        long count;
        int[] words = new int[4];
        int n;

        void addWord(int w) {
            if (n == words.length) words = Arrays.copyOf(words, n * 2);
            words[n++] = w;
        }
    }

    private record Candidate(long count, int a, int b) {}

    private BpeTokenizer learn(Map<String, int[]> counts) {
        int W = counts.size();
        int[][] sym = new int[W][];
        int[] len = new int[W];
        long[] freq = new long[W];
        int w = 0;
        for (var e : counts.entrySet()) {
            byte[] b = Utf8.encode(e.getKey());
            sym[w] = new int[b.length];
            for (int i = 0; i < b.length; i++) sym[w][i] = b[i] & 0xFF;
            len[w] = b.length;
            freq[w] = e.getValue()[0];
            w++;
        }
        Map<Long, PairStat> pairs = new HashMap<>();
        for (w = 0; w < W; w++) {
            for (int i = 0; i + 1 < len[w]; i++) {
                PairStat p = pairs.computeIfAbsent(BpeTokenizer.key(sym[w][i], sym[w][i + 1]), k -> new PairStat());
                if (p.n == 0 || p.words[p.n - 1] != w) p.addWord(w);
                p.count += freq[w];
            }
        }
        PriorityQueue<Candidate> queue = new PriorityQueue<>((x, y) -> x.count != y.count ? Long.compare(y.count, x.count)
                : x.a != y.a ? Integer.compare(x.a, y.a) : Integer.compare(x.b, y.b));
        pairs.forEach((k, p) -> queue.add(new Candidate(p.count, (int) (k >>> 32), (int) (long) k)));

        int firstMergeId = 256 + specials.size();
        int wanted = vocabSize - firstMergeId;
        List<int[]> merges = new ArrayList<>(wanted);
        Set<Long> changed = new HashSet<>();
        while (merges.size() < wanted && !queue.isEmpty()) {
            Candidate c = queue.poll();
            long k = BpeTokenizer.key(c.a, c.b);
            PairStat stat = pairs.get(k);
            if (stat == null || stat.count != c.count) continue; // stale entry
            if (c.count < minFrequency) break;
            int merged = firstMergeId + merges.size();
            merges.add(new int[] {c.a, c.b});
            pairs.remove(k);
            changed.clear();
            for (int j = 0; j < stat.n; j++) {
                int x = stat.words[j];
                if (j > 0 && stat.words[j - 1] == x) continue;
                mergeWord(x, c.a, c.b, merged, sym, len, freq[x], pairs, changed);
            }
            for (long ck : changed) {
                PairStat p = pairs.get(ck);
                if (p != null && p.count > 0) queue.add(new Candidate(p.count, (int) (ck >>> 32), (int) ck));
                else if (p != null) pairs.remove(ck);
            }
        }
        return new BpeTokenizer(specials, merges.toArray(int[][]::new));
    }

    /** Replaces (a, b) by {@code merged} in one word, moving its pair counts from the old spelling to the new. */
    private static void mergeWord(int w, int a, int b, int merged, int[][] sym, int[] len, long f, Map<Long, PairStat> pairs, Set<Long> changed) {
        int[] s = sym[w];
        int n = len[w];
        boolean found = false;
        for (int i = 0; i + 1 < n; i++) if (s[i] == a && s[i + 1] == b) { found = true; break; }
        if (!found) return;
        for (int i = 0; i + 1 < n; i++) {
            long k = BpeTokenizer.key(s[i], s[i + 1]);
            PairStat p = pairs.get(k);
            if (p != null) { p.count -= f; changed.add(k); }
        }
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && s[i] == a && s[i + 1] == b) { s[out++] = merged; i++; }
            else s[out++] = s[i];
        }
        len[w] = out;
        for (int i = 0; i + 1 < out; i++) {
            long k = BpeTokenizer.key(s[i], s[i + 1]);
            PairStat p = pairs.computeIfAbsent(k, x -> new PairStat());
            p.count += f;
            if ((s[i] == merged || s[i + 1] == merged) && (p.n == 0 || p.words[p.n - 1] != w)) p.addWord(w);
            changed.add(k);
        }
    }
}
