package storylab.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Paper A's claims checked against a threshold experiment, with the rule each verdict uses spelled out. Every
 * verdict is read from a 95 % CI ({@link Bootstrap} over seeds and stories): holds when the whole interval
 * passes the rule, does not hold when the whole interval fails it, inconclusive otherwise.
 */
public final class Verdicts {

    /** The threshold rule: the gain jumps by at least this many points (of 9) between adjacent checkpoints. */
    public static final double JUMP = 0.5;
    /** The equivalence rule: RL worth at least this many times its interaction words in pretraining words. */
    public static final double RATIO = 100;
    /** The competence rule: the mean change with RL within ± this many points. */
    public static final double POINTS = 2;

    private Verdicts() {}

    /** One seed's claims (intervals over its stories). */
    public static List<Claim> paperA(ThresholdResult t) {
        return paperA(ThresholdSeeds.of(t));
    }

    public static List<Claim> paperA(ThresholdSeeds t) {
        return List.of(threshold(t), equivalence(t), competence(t));
    }

    /**
     * The threshold: the RL gain jumps between two adjacent checkpoints. The margin is, at the best pair of
     * neighbours, min(jump − 0.5, jump − gain before it): positive when the gain rises by at least 0.5 points
     * (of 9) and at least doubles, as 0.17 → 1.10 does in the paper. Holds when the margin's CI is above 0.
     */
    static Claim threshold(ThresholdSeeds t) {
        double[] w = t.words();
        var gains = new StringBuilder();
        for (int r = 0; r < w.length; r++) gains.append(r == 0 ? "" : ", ").append(Equivalence.words((long) w[r])).append(": ").append(t.gain(r).format("%+.2f"));
        String statement = "The gain from RL jumps between two adjacent checkpoints (jump ≥ 0.5 points and larger than the gain before it)";
        String paper = "gain 0.17 at 20M → 1.10 at 50M words";
        if (w.length < 2) return Claim.notRun("A.threshold", statement, paper, "fewer than two checkpoints (" + gains + ")");
        var margin = t.estimate(Verdicts::thresholdMargin);
        int at = bestJump(meanGains(t));
        String found = String.format("gains %s; largest jump between %s and %s words; margin min(jump − 0.5, jump − gain before) %s",
                gains, Equivalence.words((long) w[at]), Equivalence.words((long) w[at + 1]), margin.format("%+.2f"));
        return new Claim("A.threshold", statement, paper, found, margin.atLeast(0), margin);
    }

    /** max over neighbours of min(jump − 0.5, jump − gain before). */
    static double thresholdMargin(double[] before, double[] after) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < before.length; i++) {
            double g0 = after[i] - before[i], g1 = after[i + 1] - before[i + 1];
            double jump = g1 - g0;
            best = Math.max(best, Math.min(jump - JUMP, jump - g0));
        }
        return best;
    }

    private static double[] meanGains(ThresholdSeeds t) {
        double[] g = new double[t.words().length];
        for (int r = 0; r < g.length; r++) g[r] = t.gain(r).mean();
        return g;
    }

    private static int bestJump(double[] gains) {
        int at = 0;
        for (int i = 0; i + 1 < gains.length; i++) if (gains[i + 1] - gains[i] > gains[at + 1] - gains[at]) at = i;
        return at;
    }

    /** RL is worth ≥ 100× its interaction words in pretraining words, at some checkpoint below the last. */
    static Claim equivalence(ThresholdSeeds t) {
        String statement = "RL is worth ≥ 100× its interaction words in pretraining words (at some checkpoint)";
        String paper = "1M interaction words ≈ 410M pretraining words (90M + RL ≈ 500M)";
        double[] w = t.words(), iw = t.interactionWords();
        if (w.length < 2) return Claim.notRun("A.equivalence", statement, paper, "fewer than two checkpoints");
        var best = t.estimate((b, a) -> bestRatio(w, iw, b, a));
        var all = new ArrayList<String>();
        for (int i = 0; i + 1 < w.length; i++) {
            int run = i;
            all.add(Equivalence.words((long) w[i]) + ": " + t.estimate((b, a) -> Equivalence.of(w, b, w[run], a[run], iw[run]).ratio()).format("%.0f×"));
        }
        return new Claim("A.equivalence", statement, paper, "best ratio " + best.format("%.0f×") + "; per checkpoint: " + String.join(", ", all)
                + " (a score above the whole curve counts as its end: a lower bound)", best.atLeast(RATIO), best);
    }

    static double bestRatio(double[] w, double[] iw, double[] before, double[] after) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < w.length; i++) best = Math.max(best, Equivalence.of(w, before, w[i], after[i], iw[i]).ratio());
        return best;
    }

    /**
     * Formal competence is unchanged by RL: per probe, the mean change over the checkpoints within ±2 points (whole
     * CI). A probe whose accuracy before RL is not above chance (its CI reaches chance) cannot tell, and makes the
     * claim inconclusive.
     */
    static Claim competence(ThresholdSeeds t) {
        String statement = "Formal competence is unchanged by RL (mean change within ±2 points per probe)";
        String paper = "BabyLM zero-shot scores (minimal pairs, entity tracking…) essentially unchanged";
        if (!t.probed()) return Claim.notRun("A.competence", statement, paper, "no probes were run");
        int[] runs = java.util.stream.IntStream.range(0, t.words().length).toArray();
        var parts = new ArrayList<String>();
        Claim.Verdict verdict = Claim.Verdict.HOLDS;
        Estimate widest = null;
        for (var task : List.of("minimal pairs", "entity tracking")) {
            var e = t.competenceChange(task, runs);
            if (Double.isNaN(e.mean())) continue;
            var level = t.competenceBefore(task, runs);
            double chance = t.chance(task);
            if (level.lo() <= chance) { // a probe at chance cannot show a change, so "unchanged" would say nothing
                if (verdict == Claim.Verdict.HOLDS) verdict = Claim.Verdict.INCONCLUSIVE;
                parts.add(String.format("%s: at chance before RL (%s points, chance %.0f), so it cannot show a change", task, level.format("%.1f"), chance));
                continue;
            }
            var v = e.within(POINTS);
            if (v == Claim.Verdict.DOES_NOT_HOLD) verdict = v;
            else if (v == Claim.Verdict.INCONCLUSIVE && verdict == Claim.Verdict.HOLDS) verdict = v;
            if (widest == null || Math.max(Math.abs(e.lo()), Math.abs(e.hi())) > Math.max(Math.abs(widest.lo()), Math.abs(widest.hi()))) widest = e;
            parts.add(String.format("%s: mean change %s points over %d checkpoints", task, e.format("%+.1f"), runs.length));
        }
        return new Claim("A.competence", statement, paper, String.join("; ", parts), verdict, widest);
    }
}
