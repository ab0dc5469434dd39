package storylab.teacher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * Does the offline judge's language model know the order of a story's sentences? For each passage it compares the
 * log-likelihood of the sentences in their given order with the mean over a few random orders of the same sentences.
 * The passage's own words cancel out, so only order is left: a model that knows how stories go prefers the given order
 * of a real passage, and has no preference for a passage whose sentences were already shuffled. Printed: the ROC AUC
 * of that contrast, real against damaged, for the order-type damages, on the passages the judge's heads are fitted on
 * (never the held-out ones) of the Grimm tales and of the story world. A diagnosis for issue 11, not a feature: it
 * costs PERMUTATIONS + 1 forward passes per story. With REPEATS and WORDS it first trains a judge (not cached) whose
 * language model reads the real tales REPEATS times (the standard judge: 3) within WORDS words (600k): does reading
 * the few real tales there are more often teach it their order?
 *
 *   java ... storylab.teacher.OrderContrast [PERMUTATIONS [REPEATS WORDS]]   (default 4; the standard judge, cached)
 */
public final class OrderContrast {

    public static void main(String[] args) throws Exception {
        storylab.display.Display.install(new storylab.display.RecordingSink());
        int permutations = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        var texts = JudgeTexts.gather(List.of());
        try (var judge = args.length > 2 ? trained(texts, Integer.parseInt(args[1]), Long.parseLong(args[2])) : standard()) {
            var grimm = new ArrayList<String>();
            var world = new ArrayList<String>();
            for (var t : texts.fit()) {
                if (JudgeTexts.isGenerated(t)) world.add(t);
                else grimm.addAll(Passages.of(t));
            }
            var sets = new LinkedHashMap<String, List<String>>();
            sets.put("Grimm fit passages", grimm);
            sets.put("story-world fit stories", world.subList(0, Math.min(200, world.size())));
            System.out.println(judge);
            for (var set : sets.entrySet()) {
                var real = set.getValue();
                double[] r = contrast(judge, real, permutations);
                var rnd = new Random(1);
                var line = new StringBuilder(String.format("%-24s %3d texts:", set.getKey(), real.size()));
                for (var kind : List.of(Corruption.SENTENCE_SHUFFLE, Corruption.SPLICE, Corruption.SWAP_ENTITIES)) {
                    var damaged = new ArrayList<String>();
                    for (int i = 0; i < real.size(); i++) damaged.add(kind.copyOf(real, i, rnd));
                    line.append(String.format("  %s AUC %.3f", kind.name().toLowerCase(), Auc.of(r, contrast(judge, damaged, permutations))));
                }
                System.out.println(line);
            }
        }
    }

    private static Judge standard() {
        return Teachers.offline().judge(); // trains and caches the standard judge on first use
    }

    private static Judge trained(JudgeTexts texts, int repeats, long words) {
        long t0 = System.nanoTime();
        var judge = Judge.train(texts, JudgeSettings.standard().realRepeats(repeats).words(words));
        System.out.printf("trained with the real tales read %d times within %,d words: %.0f s%n", repeats, words, (System.nanoTime() - t0) / 1e9);
        return judge;
    }

    /** Per text: (log-likelihood in the given order − mean over random orders) per token. */
    static double[] contrast(Judge judge, List<String> texts, int permutations) {
        var rows = new ArrayList<int[]>();
        var rnd = new Random(5);
        for (var t : texts) {
            var s = Corruption.sentences(t);
            rows.add(encode(judge, s));
            for (int k = 0; k < permutations; k++) {
                var p = new ArrayList<>(s);
                Collections.shuffle(p, rnd);
                rows.add(encode(judge, p));
            }
        }
        float[][] perToken = judge.features.logProbs(rows); // as the judge scores: batched, its precision, no gradients
        double[] lp = new double[rows.size()];
        for (int i = 0; i < lp.length; i++) for (float v : perToken[i]) lp[i] += v;
        double[] out = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            int at = i * (permutations + 1);
            double others = 0;
            for (int k = 1; k <= permutations; k++) others += lp[at + k];
            out[i] = (lp[at] - others / permutations) / rows.get(at).length;
        }
        return out;
    }

    /** The sentences as the judge lays them out: each with its leading space, cut at the model's window. */
    private static int[] encode(Judge judge, List<String> sentences) {
        var ids = new ArrayList<Integer>();
        for (var s : sentences) for (int id : judge.tokenizer.encode(" " + s)) ids.add(id);
        int room = judge.lm.config().context() - 1;
        return ids.stream().limit(room).mapToInt(Integer::intValue).toArray();
    }
}
