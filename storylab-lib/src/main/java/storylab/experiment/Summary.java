package storylab.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.json}: the reproduction for machines and CI. One claim row per claim (verdict, the number it is
 * decided on and its 95 % CI) and one RL row per checkpoint × algorithm, means over seeds.
 */
public record Summary(String scale, List<Long> seeds, @JsonProperty("code_version") String codeVersion, List<ClaimRow> claims, List<RlRow> rl) {

    /** A number and its 95 % CI; null where there is none. */
    public record Stat(Double mean, List<Double> ci95) {
        static Stat of(Estimate e) {
            return e == null || Double.isNaN(e.mean()) ? new Stat(null, null) : new Stat(e.mean(), Double.isNaN(e.lo()) ? null : e.ci95());
        }
    }

    public record ClaimRow(String id, String verdict, Double estimate, List<Double> ci95) {}

    public record RlRow(@JsonProperty("pretraining_words") long pretrainingWords, String algorithm, String teacher, Stat before, Stat after, Stat gain,
                        @JsonProperty("words_before") double wordsBefore, @JsonProperty("words_after") double wordsAfter) {}

    public static Summary of(Report r) {
        var claims = new ArrayList<ClaimRow>();
        for (var c : r.claims()) {
            var s = Stat.of(c.estimate());
            claims.add(new ClaimRow(c.id(), c.verdict().toString(), s.mean(), s.ci95()));
        }
        var rows = new ArrayList<RlRow>();
        var t = r.seeds();
        double[] w = t.words();
        for (int i = 0; i < w.length; i++)
            rows.add(new RlRow((long) w[i], r.plan().rl().algorithm().toString(), r.plan().teacher().toString(), Stat.of(t.before(i)), Stat.of(t.after(i)),
                    Stat.of(t.gain(i)), t.words(i, 0), t.words(i, 1)));
        return new Summary(r.plan().scale(), t.seedValues(), r.provenance().code().toString(), claims, rows);
    }
}
