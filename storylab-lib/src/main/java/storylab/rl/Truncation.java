package storylab.rl;

/**
 * How a story cut off at the token limit is judged. Paper A's teacher sees the cut text, so a cut-off story
 * pays the rubric's "cut off" cost (coherence) while one that stops early with end-of-text does not: stopping
 * early becomes the cheapest way to gain reward, and stories shrink. Judged up to its last full sentence, a
 * cut-off story is graded on what it says; {@code cost} (teacher points, 0–9 scale) then charges the cut
 * explicitly, so it is neither a free pass nor a zero.
 *
 * @param trim judge the story up to its last full sentence (a story with none is judged as it is)
 * @param cost teacher points taken off a cut-off story (after trimming)
 */
public record Truncation(boolean trim, double cost) {

    public Truncation {
        if (!(cost >= 0) || cost > 9) throw new IllegalArgumentException("the truncation cost is in teacher points, 0–9, not " + cost);
    }

    /** Paper A: the teacher sees the cut text, nothing else. */
    public static Truncation asIs() {
        return new Truncation(false, 0);
    }

    /** Judged up to the last full sentence, minus {@code cost} teacher points. */
    public static Truncation lastSentence(double cost) {
        return new Truncation(true, cost);
    }

    /** The story up to and including its last sentence end (. ! ? and closing quotes); "" when it has none. */
    public static String lastFullSentence(String text) {
        int end = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?') end = i;
        }
        if (end < 0) return "";
        int j = end + 1;
        while (j < text.length() && "\"'”’)".indexOf(text.charAt(j)) >= 0) j++;
        return text.substring(0, j).strip();
    }

    /** What the teacher reads of a story. */
    public String judged(String story, boolean truncated) {
        if (!truncated || !trim) return story;
        String cut = lastFullSentence(story);
        return cut.isEmpty() ? story : cut;
    }

    @Override
    public String toString() {
        return trim ? String.format("judged to the last full sentence, −%.1f points", cost) : (cost > 0 ? String.format("as cut, −%.1f points", cost) : "as cut (paper)");
    }
}
