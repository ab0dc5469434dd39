package storylab.teacher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rule teacher knows about good text, learned from a reference corpus rather than hard-coded:
 * the vocabulary (with how often each word is capitalized mid-sentence), the word pairs that occur, and
 * the word 4-grams (for novelty). It also calibrates itself: built on half the corpus and measured on the
 * other half, it learns which pair coverage and novelty real unseen text of this kind reaches, so the
 * rules compare a story with that and not with a magic constant.
 */
public final class Reference {

    static final int NOVELTY_N = 4;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<int[]> counts = new ArrayList<>();      // per id: {total, capitalized mid-sentence}
    private final Set<Long> pairs = new HashSet<>();
    private final Set<Long> ngrams = new HashSet<>();
    private int[] rankOfId = new int[0];
    private long tokens;
    private double expectedPairCoverage = 0.6;
    private double expectedNovelty = 0.9;
    private int documents;

    private Reference() {}

    /** Learns from the given texts (any iterable: a list, a corpus' documents' texts). */
    public static Reference of(Iterable<String> texts) {
        var all = new ArrayList<String>();
        for (var t : texts) all.add(t);
        var ref = new Reference();
        for (var t : all) ref.add(StoryText.parse(t));
        ref.documents = all.size();
        ref.finish();
        if (all.size() >= 4) {
            // Calibration: learn from the even texts, measure on the odd ones.
            var half = new Reference();
            for (int i = 0; i < all.size(); i += 2) half.add(StoryText.parse(all.get(i)));
            half.finish();
            double cov = 0, nov = 0;
            int nc = 0, nn = 0;
            for (int i = 1; i < all.size(); i += 2) {
                var st = StoryText.parse(all.get(i));
                double c = half.pairCoverage(st), v = half.novelty(st);
                if (!Double.isNaN(c)) { cov += c; nc++; }
                if (!Double.isNaN(v)) { nov += v; nn++; }
            }
            if (nc > 0) ref.expectedPairCoverage = cov / nc;
            if (nn > 0) ref.expectedNovelty = nov / nn;
        }
        return ref;
    }

    private void add(StoryText st) {
        String[] w = st.words;
        int[] idx = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            int id = ids.computeIfAbsent(w[i], k -> { counts.add(new int[2]); return counts.size() - 1; });
            idx[i] = id;
            counts.get(id)[0]++;
            if (st.capitalized[i] && !st.clauseInitial[i]) counts.get(id)[1]++;
        }
        tokens += w.length;
        for (int i = 1; i < w.length; i++) if (st.sentenceOf[i] == st.sentenceOf[i - 1]) pairs.add(pair(idx[i - 1], idx[i]));
        for (int i = 0; i + NOVELTY_N <= w.length; i++) ngrams.add(gram(idx, i));
    }

    private void finish() {
        Integer[] order = new Integer[counts.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(counts.get(b)[0], counts.get(a)[0]));
        rankOfId = new int[order.length];
        for (int r = 0; r < order.length; r++) rankOfId[order[r]] = r;
    }

    static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    static long gram(int[] idx, int from) {
        long h = 1469598103934665603L;
        for (int k = 0; k < NOVELTY_N; k++) h = (h ^ idx[from + k]) * 1099511628211L;
        return h;
    }

    /** The word's id, or -1 when the reference never saw it. */
    int id(String word) {
        Integer id = ids.get(word);
        return id == null ? -1 : id;
    }

    boolean knows(String word) {
        return ids.containsKey(word);
    }

    /** Frequency rank, 0 for the most common word; Integer.MAX_VALUE when unknown. */
    int rank(int id) {
        return id < 0 ? Integer.MAX_VALUE : rankOfId[id];
    }

    /** Share of a word's mid-sentence uses that are capitalized (names ≈ 1, "the" ≈ 0); NaN if unseen. */
    double midCapitalRate(int id) {
        if (id < 0) return Double.NaN;
        int[] c = counts.get(id);
        return (double) c[1] / c[0];
    }

    int count(int id) {
        return id < 0 ? 0 : counts.get(id)[0];
    }

    boolean hasPair(int a, int b) {
        return pairs.contains(pair(a, b));
    }

    /** Share of a text's in-sentence pairs of known words that the reference has seen; NaN if none. */
    double pairCoverage(StoryText st) {
        return pairCoverage(st, ids(st));
    }

    int[] ids(StoryText st) {
        int[] idx = new int[st.words.length];
        for (int i = 0; i < idx.length; i++) idx[i] = id(st.words[i]);
        return idx;
    }

    double pairCoverage(StoryText st, int[] ids) {
        int seen = 0, all = 0;
        for (int i = 1; i < st.words.length; i++) {
            if (st.sentenceOf[i] != st.sentenceOf[i - 1]) continue;
            int a = ids[i - 1], b = ids[i];
            if (a < 0 || b < 0) continue;
            all++;
            if (hasPair(a, b)) seen++;
        }
        return all == 0 ? Double.NaN : (double) seen / all;
    }

    /** Share of a text's word 4-grams the reference does not contain (unknown words make a gram novel). */
    double novelty(StoryText st) {
        return novelty(st, ids(st));
    }

    double novelty(StoryText st, int[] idx) {
        int n = st.words.length - NOVELTY_N + 1;
        if (n <= 0) return Double.NaN;
        int novel = 0;
        for (int i = 0; i < n; i++) {
            boolean unknown = false;
            for (int k = 0; k < NOVELTY_N; k++) if (idx[i + k] < 0) unknown = true;
            if (unknown || !ngrams.contains(gram(idx, i))) novel++;
        }
        return (double) novel / n;
    }

    public double expectedPairCoverage() {
        return expectedPairCoverage;
    }

    public double expectedNovelty() {
        return expectedNovelty;
    }

    public int vocabularySize() {
        return ids.size();
    }

    public long tokens() {
        return tokens;
    }

    public int documents() {
        return documents;
    }

    @Override
    public String toString() {
        return String.format("Reference(%d texts, %d words, vocabulary %d, pair coverage %.2f, novelty %.2f)",
                documents, tokens, ids.size(), expectedPairCoverage, expectedNovelty);
    }
}
