package storylab.teacher;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import storylab.model.Gpt;
import storylab.model.MixedPrecision;
import storylab.text.Tokenizer;

/**
 * What the offline judge measures in a story, as numbers its heads can weigh: how expected each token is to
 * its language model (a damaged sentence has tokens the model finds very unlikely even after unigram
 * frequency is taken out — SLOR — so rare but correct words are not punished), how predictable its ending
 * is (a story stuck in a loop ends very predictably), and what the rubric's rules count.
 */
final class JudgeFeatures {

    /** Readability head's inputs. */
    static final List<String> READABILITY = List.of("mean log-prob", "SLOR", "worst 10% log-prob", "worst 10% SLOR",
            "rule readability");
    /** Coherence head's inputs. */
    static final List<String> COHERENCE = List.of("rule coherence", "ends a sentence", "mean log-prob",
            "predictable ending", "repeated 4-grams");

    /** Stories longer than this many model windows are judged on their beginning. */
    static final int MAX_CHUNKS = 8;
    private static final int ROWS_PER_PASS = 64;

    /** One story's measurements. */
    record Of(double[] readability, double[] coherence, double creativityCost, Scores rules, boolean cut) {}

    private final Gpt lm;
    private final Tokenizer tok;
    private final float[] unigram;
    private final RubricTeacher rules;

    JudgeFeatures(Gpt lm, Tokenizer tok, float[] unigramLogp, RubricTeacher rules) {
        this.lm = lm;
        this.tok = tok;
        this.unigram = unigramLogp;
        this.rules = rules;
    }

    /** A story laid out for the model: windows of whole sentences, and whether it was too long to read whole. */
    private record Layout(List<int[]> chunks, boolean cut) {}

    List<Of> of(List<String> texts) {
        var layouts = new ArrayList<Layout>();
        var rows = new ArrayList<int[]>();
        for (var t : texts) {
            var l = layout(t);
            layouts.add(l);
            rows.addAll(l.chunks);
        }
        float[][] logp = logProbs(rows);
        var out = new ArrayList<Of>(texts.size());
        int r = 0;
        for (int i = 0; i < texts.size(); i++) {
            var l = layouts.get(i);
            var lp = new ArrayList<Double>();
            var slor = new ArrayList<Double>();
            for (int c = 0; c < l.chunks.size(); c++, r++) {
                int[] ids = l.chunks.get(c);
                for (int j = 0; j < ids.length; j++) {
                    lp.add((double) logp[r][j]);
                    slor.add((double) (logp[r][j] - unigram[ids[j]]));
                }
            }
            out.add(measure(texts.get(i), lp, slor, l.cut));
        }
        return out;
    }

    private Of measure(String text, List<Double> lp, List<Double> slor, boolean cut) {
        var scores = rules.score("", text);
        double[] lps = lp.stream().mapToDouble(d -> d).toArray(), sl = slor.stream().mapToDouble(d -> d).toArray();
        double meanLp = avg(lps), tail = tailGain(lps);
        var readability = new double[] {meanLp, avg(sl), worst(lps, 0.1), worst(sl, 0.1), -cost(scores, Criterion.READABILITY)};
        var st = StoryText.parse(text);
        var coherence = new double[] {-cost(scores, Criterion.COHERENCE), st.endsTerminated ? 1 : 0, meanLp, tail,
                RubricTeacher.repeatedGramShare(st.words, 4)};
        return new Of(readability, coherence, cost(scores, Criterion.CREATIVITY), scores, cut);
    }

    /** Lays a story out in model windows of whole sentences (a sentence longer than a window is split). */
    private Layout layout(String text) {
        int room = lm.config().context() - 1; // one slot for the end-of-text token that starts every window
        var chunks = new ArrayList<int[]>();
        var cur = new ArrayList<Integer>();
        for (var sentence : Corruption.sentences(text)) {
            // Every sentence with its leading space, so that a sentence's tokens are the same wherever it stands.
            int[] ids = tok.encode(" " + sentence);
            for (int from = 0; from < ids.length; from += room) {
                int to = Math.min(ids.length, from + room);
                if (cur.size() + to - from > room) {
                    chunks.add(cur.stream().mapToInt(Integer::intValue).toArray());
                    cur.clear();
                    if (chunks.size() == MAX_CHUNKS) return new Layout(chunks, true);
                }
                for (int k = from; k < to; k++) cur.add(ids[k]);
            }
        }
        if (!cur.isEmpty()) chunks.add(cur.stream().mapToInt(Integer::intValue).toArray());
        return new Layout(chunks, false);
    }

    /**
     * log p(token | end-of-text + earlier tokens of its row), for each row, batched without gradients. Rows go
     * to the model sorted by length, so a batch pads to about its own length rather than the longest row's.
     */
    float[][] logProbs(List<int[]> rows) {
        float[][] out = new float[rows.size()][];
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Integer.compare(rows.get(x).length, rows.get(y).length));
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int from = 0; from < rows.size(); from += ROWS_PER_PASS) {
                int to = Math.min(rows.size(), from + ROWS_PER_PASS), width = 1;
                for (int i = from; i < to; i++) width = Math.max(width, rows.get(order[i]).length);
                long[] in = new long[(to - from) * width], tg = new long[(to - from) * width];
                Arrays.fill(in, tok.pad());
                Arrays.fill(tg, tok.pad());
                for (int i = from; i < to; i++) {
                    int[] ids = rows.get(order[i]);
                    int off = (i - from) * width;
                    for (int j = 0; j < ids.length; j++) {
                        in[off + j] = j == 0 ? tok.eot() : ids[j - 1];
                        tg[off + j] = ids[j];
                    }
                }
                try (var m = NDManager.newBaseManager()) {
                    var shape = new Shape(to - from, width);
                    // bf16 matmuls where the CPU has them (as in training): the judge's forward pass is most of a PPO step's scoring.
                    var input = m.create(in, shape);
                    var target = m.create(tg, shape);
                    float[] flat = MixedPrecision.training(() -> lm.tokenLogProbs(input, target)).toFloatArray();
                    for (int i = from; i < to; i++)
                        out[order[i]] = Arrays.copyOfRange(flat, (i - from) * width, (i - from) * width + rows.get(order[i]).length);
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return out;
    }

    static double cost(Scores s, Criterion c) {
        double sum = 0;
        for (var r : s.reasons(c)) sum += r.cost();
        return sum;
    }

    private static double mean(float[] a, int from, int to) {
        if (to <= from) return 0;
        double s = 0;
        for (int i = from; i < to; i++) s += a[i];
        return s / (to - from);
    }

    private static double avg(double[] a) {
        return a.length == 0 ? 0 : Arrays.stream(a).average().orElse(0);
    }

    /** Mean of the lowest {@code share} of values: where a story is worst, not on average. */
    private static double worst(double[] a, double share) {
        if (a.length == 0) return 0;
        double[] s = a.clone();
        Arrays.sort(s);
        int k = Math.max(1, (int) Math.ceil(s.length * share));
        double sum = 0;
        for (int i = 0; i < k; i++) sum += s[i];
        return sum / k;
    }

    /** How much more predictable the last quarter is than the rest: a story stuck in a loop ends very predictably. */
    private static double tailGain(double[] lp) {
        if (lp.length < 8) return 0;
        int q = lp.length * 3 / 4;
        return avg(Arrays.copyOfRange(lp, q, lp.length)) - avg(Arrays.copyOfRange(lp, 0, q));
    }
}
