package storylab.experiment;

import java.util.ArrayList;
import java.util.List;

/** Paper A's claims checked against a threshold experiment, with the rule each verdict uses spelled out. */
public final class Verdicts {

    private Verdicts() {}

    public static List<Claim> paperA(ThresholdResult t) {
        return List.of(threshold(t), equivalence(t), competence(t));
    }

    /**
     * The threshold: the RL gain jumps between two adjacent checkpoints. Holds when the largest increase of the
     * gain between neighbours is at least 0.5 points (of 9) and more than the gain before it (the gain at least
     * doubles), as 0.17 → 1.10 does in the paper.
     */
    static Claim threshold(ThresholdResult t) {
        var runs = t.runs();
        int at = -1;
        double jump = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < runs.size(); i++) {
            double d = runs.get(i + 1).gain() - runs.get(i).gain();
            if (d > jump) { jump = d; at = i; }
        }
        var gains = new StringBuilder();
        for (var r : runs) gains.append(gains.length() == 0 ? "" : ", ").append(String.format("%s: %+.2f", Equivalence.words(r.settings().pretrainWords()), r.gain()));
        if (at < 0) return new Claim("A.threshold", "The gain from RL jumps between two adjacent checkpoints", "gain 0.17 at 20M → 1.10 at 50M words",
                "fewer than two checkpoints (" + gains + ")", Claim.Verdict.NOT_RUN);
        double before = runs.get(at).gain();
        boolean holds = jump >= 0.5 && jump > before;
        String found = String.format("gains %s; largest jump %+.2f between %s and %s words", gains, jump,
                Equivalence.words(runs.get(at).settings().pretrainWords()), Equivalence.words(runs.get(at + 1).settings().pretrainWords()));
        return new Claim("A.threshold", "The gain from RL jumps between two adjacent checkpoints (jump ≥ 0.5 points and larger than the gain before it)",
                "gain 0.17 at 20M → 1.10 at 50M words", found, Claim.Verdict.of(holds));
    }

    /** RL is worth ≥ 100× its interaction words in pretraining words, at some checkpoint below the last. */
    static Claim equivalence(ThresholdResult t) {
        var eqs = t.equivalences();
        if (eqs.isEmpty()) return Claim.notRun("A.equivalence", "RL is worth ≥ 100× its interaction words in pretraining words",
                "1M interaction words ≈ 410M pretraining words (90M + RL ≈ 500M)", "fewer than two checkpoints");
        Equivalence best = eqs.get(0);
        for (var e : eqs) if (e.ratio() > best.ratio()) best = e;
        var all = new ArrayList<String>();
        for (var e : eqs) all.add(Equivalence.words(e.baseWords()) + ": " + (e.beyondRange() ? ">" : "") + String.format("%.0f×", e.ratio()));
        return new Claim("A.equivalence", "RL is worth ≥ 100× its interaction words in pretraining words (at some checkpoint)",
                "1M interaction words ≈ 410M pretraining words (90M + RL ≈ 500M)", "best: " + best + "; per checkpoint: " + String.join(", ", all),
                Claim.Verdict.of(best.ratio() >= 100));
    }

    /** Formal competence is unchanged by RL: every probe within ±2 points on average over the checkpoints. */
    static Claim competence(ThresholdResult t) {
        var c = t.competence();
        if (c.rowCount() == 0) return Claim.notRun("A.competence", "Formal competence is unchanged by RL (within ±2 points)",
                "BabyLM zero-shot scores essentially unchanged", "no probes were run");
        var parts = new ArrayList<String>();
        boolean holds = true;
        for (var task : List.of("minimal pairs", "entity tracking")) {
            var rows = c.where(c.stringColumn("task").isEqualTo(task));
            if (rows.rowCount() == 0) continue;
            double mean = 100 * rows.doubleColumn("difference").mean();
            double worst = 100 * rows.doubleColumn("difference").abs().max();
            holds &= Math.abs(mean) <= 2;
            parts.add(String.format("%s: mean change %+.1f points (largest |change| %.1f) over %d checkpoints", task, mean, worst, rows.rowCount()));
        }
        return new Claim("A.competence", "Formal competence is unchanged by RL (mean change within ±2 points per probe)",
                "BabyLM zero-shot scores (minimal pairs, entity tracking…) essentially unchanged", String.join("; ", parts), Claim.Verdict.of(holds));
    }
}
