package storylab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Word counts at which pretraining writes a checkpoint. Paper A spaces them log-linearly: every 1M words
 * to 10M, every 10M to 100M, every 100M to 1B; the workshop scales that ladder down by a factor.
 */
public record Milestones(long[] words) {

    public Milestones {
        words = Arrays.stream(words).filter(w -> w > 0).distinct().sorted().toArray();
    }

    public static Milestones of(long... words) {
        return new Milestones(words);
    }

    public static Milestones none() {
        return new Milestones(new long[0]);
    }

    /** Paper A's ladder times {@code scale} (1.0 = 1M…1B; 0.001 = 1k…1M for a workshop). */
    public static Milestones paperA(double scale) {
        var set = new TreeSet<Long>();
        for (long decade = 1_000_000; decade <= 100_000_000; decade *= 10)
            for (int k = 1; k <= 10; k++) set.add(Math.max(1, Math.round(k * decade * scale)));
        return new Milestones(set.stream().mapToLong(Long::longValue).toArray());
    }

    /** Every {@code step} words up to {@code max}. */
    public static Milestones every(long step, long max) {
        var list = new ArrayList<Long>();
        for (long w = step; w <= max; w += step) list.add(w);
        return new Milestones(list.stream().mapToLong(Long::longValue).toArray());
    }

    /** Milestones in (before, after]: those a step that took the count from before to after has passed. */
    public List<Long> crossed(double before, double after) {
        var list = new ArrayList<Long>();
        for (long w : words) if (w > before && w <= after) list.add(w);
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Milestones m && Arrays.equals(words, m.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return "Milestones" + Arrays.toString(words);
    }
}
