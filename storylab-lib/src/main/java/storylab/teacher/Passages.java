package storylab.teacher;

import java.util.ArrayList;
import java.util.List;
import storylab.data.Words;

/**
 * Cuts long texts (tales, chapters) into story-sized passages: consecutive sentences of about 80 words (at
 * least 60, at most 130, the length paper A's rubric expects), ending at a sentence boundary outside any
 * quotation, with at least two sentences. Passages are what the offline judge learns from and is checked on.
 */
public final class Passages {

    static final int MIN_WORDS = 60, MAX_WORDS = 130;

    private Passages() {}

    public static List<String> of(String text) {
        var out = new ArrayList<String>();
        var cur = new StringBuilder();
        for (String s : Corruption.sentences(text)) {
            if (cur.length() > 0) cur.append(' ');
            cur.append(s);
            int w = Words.count(cur);
            if (w < MIN_WORDS) continue;
            var st = StoryText.parse(cur.toString());
            if (st.quoteOpenAtEnd || st.quoteViolations > 0) {
                if (w > MAX_WORDS) cur.setLength(0);
                continue;
            }
            if (w <= MAX_WORDS && Corruption.sentences(cur.toString()).size() >= 2) out.add(cur.toString());
            cur.setLength(0);
        }
        return out;
    }

    /** Passages of every text, in order. */
    public static List<String> of(List<String> texts) {
        var out = new ArrayList<String>();
        for (var t : texts) out.addAll(of(t));
        return out;
    }
}
