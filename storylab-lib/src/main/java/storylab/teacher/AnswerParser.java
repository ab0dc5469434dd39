package storylab.teacher;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a teacher's free-text answer the way paper A does: every run of digits is an integer, each is
 * clamped to 0..3, the first three are readability, coherence and creativity. Fewer than three → the
 * neutral fallback (normalized 0.5) flagged {@link Scores.Source#PARSE_FALLBACK}.
 */
public final class AnswerParser {

    private AnswerParser() {}

    public static Scores parse(String answer, String rater) {
        String a = answer == null ? "" : answer;
        List<Integer> ints = new ArrayList<>(3);
        for (int i = 0; i < a.length() && ints.size() < 3; ) {
            if (!Character.isDigit(a.charAt(i))) { i++; continue; }
            int j = i;
            long v = 0;
            while (j < a.length() && Character.isDigit(a.charAt(j))) { v = Math.min(1_000, v * 10 + (a.charAt(j) - '0')); j++; }
            ints.add((int) Math.min(3, v));
            i = j;
        }
        if (ints.size() < 3)
            return Scores.fallback(Scores.Source.PARSE_FALLBACK, rater, a, "answer has " + ints.size() + " integer(s), needs 3");
        return new Scores(ints.get(0), ints.get(1), ints.get(2), Scores.Source.OK, rater, a, List.of());
    }
}
