package storylab.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storylab.data.world.EntityQuestion;
import storylab.data.world.MinimalPair;
import storylab.data.world.StoryWorld;
import storylab.model.Gpt;
import storylab.text.Tokenizer;

/**
 * Formal competence, zero-shot, as BabyLM measures it: a minimal pair is right when the grammatical sentence
 * gets the higher total log-likelihood; an entity-tracking question is right when the true character is the
 * likeliest continuation of the prompt. Accuracies are in [0, 1]; {@code entityChance} is what guessing gets.
 *
 * @param minimalPairs   accuracy over all pairs
 * @param perPhenomenon  accuracy per phenomenon
 * @param entityTracking accuracy over the questions
 * @param entityChance   the accuracy of a uniform guess over each question's candidates
 * @param pairs          pairs asked
 * @param questions      questions asked
 */
public record Competence(double minimalPairs, Map<String, Double> perPhenomenon, double entityTracking, double entityChance, int pairs, int questions) {

    /** Probes {@code model} with {@code pairs} minimal pairs and {@code questions} entity questions of the world. */
    public static Competence measure(Gpt model, Tokenizer tok, StoryWorld world, int pairs, int questions) {
        return measure(model, tok, world.minimalPairs(pairs), world.entityTracking(questions));
    }

    /** Probes {@code model} with any minimal pairs (e.g. BLiMP's, via {@link storylab.data.Blimp}) and entity questions. */
    public static Competence measure(Gpt model, Tokenizer tok, List<MinimalPair> mp, List<EntityQuestion> eq) {
        var right = new LinkedHashMap<String, int[]>(); // phenomenon → {right, asked}
        int pairsRight = 0;
        for (var p : mp) {
            boolean ok = logLikelihood(model, tok, "", p.good()) > logLikelihood(model, tok, "", p.bad());
            var c = right.computeIfAbsent(p.phenomenon(), k -> new int[2]);
            if (ok) { c[0]++; pairsRight++; }
            c[1]++;
        }
        int questionsRight = 0;
        double chance = 0;
        for (var q : eq) {
            int best = 0;
            double bestLl = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < q.candidates().size(); i++) {
                double ll = logLikelihood(model, tok, q.prompt(), q.candidates().get(i));
                if (ll > bestLl) { bestLl = ll; best = i; }
            }
            if (best == q.answer()) questionsRight++;
            chance += 1.0 / q.candidates().size();
        }
        var per = new LinkedHashMap<String, Double>();
        right.forEach((k, c) -> per.put(k, (double) c[0] / c[1]));
        return new Competence(mp.isEmpty() ? Double.NaN : (double) pairsRight / mp.size(), per,
                eq.isEmpty() ? Double.NaN : (double) questionsRight / eq.size(), eq.isEmpty() ? Double.NaN : chance / eq.size(), mp.size(), eq.size());
    }

    /**
     * log p(continuation | context), summed over the continuation's tokens. An empty context starts from
     * end-of-text (how stories begin in pretraining). Each token sees at most the model's context window: a
     * continuation longer than half the window is scored in strides of half a window, so every token sees at
     * least half a window of the text before it (or all of it).
     */
    public static double logLikelihood(Gpt model, Tokenizer tok, String context, String continuation) {
        int[] ctx = context.isEmpty() ? new int[] {tok.eot()} : tok.encode(context);
        int[] cont = tok.encode(continuation);
        int n = ctx.length + cont.length, window = model.config().context();
        int[] all = new int[n];
        System.arraycopy(ctx, 0, all, 0, ctx.length);
        System.arraycopy(cont, 0, all, ctx.length, cont.length);
        double sum = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            int stride = Math.max(1, window / 2);
            for (int from = ctx.length; from < n; from += stride) { // targets all[from .. to-1]
                int to = Math.min(n, from + stride), T = Math.min(window, to - 1);
                long[] in = new long[T], tg = new long[T];
                for (int t = 0; t < T; t++) { in[t] = all[to - 1 - T + t]; tg[t] = all[to - T + t]; }
                float[] lp = model.tokenLogProbs(m.create(in, new Shape(1, T)), m.create(tg, new Shape(1, T))).toFloatArray();
                for (int t = T - (to - from); t < T; t++) sum += lp[t];
            }
        }
        return sum;
    }

    /** The probe accuracies as named numbers: "minimal pairs", each phenomenon, "entity tracking". */
    public Map<String, Double> tasks() {
        var m = new LinkedHashMap<String, Double>();
        m.put("minimal pairs", minimalPairs);
        perPhenomenon.forEach((k, v) -> m.put("  " + k, v));
        m.put("entity tracking", entityTracking);
        return m;
    }

    @Override
    public String toString() {
        var sb = new StringBuilder(String.format("minimal pairs %.3f (%d pairs)", minimalPairs, pairs));
        perPhenomenon.forEach((k, v) -> sb.append(String.format("%n  %-24s %.3f", k, v)));
        return sb.append(String.format("%nentity tracking %.3f (%d questions, chance %.3f)", entityTracking, questions, entityChance)).toString();
    }
}
