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
 * gets the higher total log-likelihood; an entity-tracking question is right when the true holder is the
 * likeliest continuation of the prompt. Accuracies are in [0, 1].
 *
 * @param minimalPairs   accuracy over all pairs
 * @param perPhenomenon  accuracy per phenomenon of {@link MinimalPair}
 * @param entityTracking accuracy over the questions
 * @param pairs          pairs asked
 * @param questions      questions asked
 */
public record Competence(double minimalPairs, Map<String, Double> perPhenomenon, double entityTracking, int pairs, int questions) {

    /** Probes {@code model} with {@code pairs} minimal pairs and {@code questions} entity questions of the world. */
    public static Competence measure(Gpt model, Tokenizer tok, StoryWorld world, int pairs, int questions) {
        var right = new LinkedHashMap<String, int[]>(); // phenomenon → {right, asked}
        int pairsRight = 0;
        List<MinimalPair> mp = world.minimalPairs(pairs);
        for (var p : mp) {
            boolean ok = logLikelihood(model, tok, "", p.good()) > logLikelihood(model, tok, "", p.bad());
            var c = right.computeIfAbsent(p.phenomenon(), k -> new int[2]);
            if (ok) { c[0]++; pairsRight++; }
            c[1]++;
        }
        int questionsRight = 0;
        List<EntityQuestion> eq = world.entityTracking(questions);
        for (var q : eq) {
            int best = 0;
            double bestLl = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < q.candidates().size(); i++) {
                double ll = logLikelihood(model, tok, q.prompt(), q.candidates().get(i));
                if (ll > bestLl) { bestLl = ll; best = i; }
            }
            if (best == q.answer()) questionsRight++;
        }
        var per = new LinkedHashMap<String, Double>();
        right.forEach((k, c) -> per.put(k, (double) c[0] / c[1]));
        return new Competence(mp.isEmpty() ? Double.NaN : (double) pairsRight / mp.size(), per,
                eq.isEmpty() ? Double.NaN : (double) questionsRight / eq.size(), mp.size(), eq.size());
    }

    /**
     * log p(continuation | context), summed over the continuation's tokens. An empty context starts from
     * end-of-text (how stories begin in pretraining); a long sequence keeps its last {@code context} tokens.
     */
    public static double logLikelihood(Gpt model, Tokenizer tok, String context, String continuation) {
        int[] ctx = context.isEmpty() ? new int[] {tok.eot()} : tok.encode(context);
        int[] cont = tok.encode(continuation);
        int n = ctx.length + cont.length;
        int[] all = new int[n];
        System.arraycopy(ctx, 0, all, 0, ctx.length);
        System.arraycopy(cont, 0, all, ctx.length, cont.length);
        int start = Math.max(0, n - 1 - model.config().context()); // inputs are all[start .. n-2]
        int T = n - 1 - start;
        long[] in = new long[T], tg = new long[T];
        for (int t = 0; t < T; t++) { in[t] = all[start + t]; tg[t] = all[start + t + 1]; }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] lp = model.tokenLogProbs(m.create(in, new Shape(1, T)), m.create(tg, new Shape(1, T))).toFloatArray();
            double sum = 0;
            for (int t = T - cont.length; t < T; t++) sum += lp[t];
            return sum;
        }
    }

    /** The probe accuracies as named numbers: "minimal pairs", each phenomenon, "entity tracking". */
    public Map<String, Double> tasks() {
        var m = new LinkedHashMap<String, Double>();
        m.put("minimal pairs", minimalPairs);
        perPhenomenon.forEach((k, v) -> m.put("  " + k, v));
        m.put("entity tracking", entityTracking);
        return m;
    }
}
