package storylab.teacher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The offline teacher: paper A's rubric applied by deterministic rules, with a reason for every point
 * taken off. Each criterion starts at 3; rules charge fractional costs and the score is 3 − total,
 * rounded and clamped to 0..3. What counts as normal (vocabulary, word pairs, novelty) comes from a
 * {@link Reference} built from a corpus, so the rules carry over to another kind of text.
 *
 * <pre>{@code
 * var teacher = RubricTeacher.from(trainingTexts);
 * Display.show(teacher.score(prompt, story));
 * }</pre>
 */
public final class RubricTeacher implements Teacher {

    private final Reference ref;

    private RubricTeacher(Reference ref) {
        this.ref = ref;
    }

    public static RubricTeacher from(Iterable<String> referenceTexts) {
        return new RubricTeacher(Reference.of(referenceTexts));
    }

    public static RubricTeacher from(Reference reference) {
        return new RubricTeacher(reference);
    }

    public Reference reference() {
        return ref;
    }

    @Override
    public String name() {
        return "rubric";
    }

    @Override
    public Scores score(String prompt, String story) {
        var st = StoryText.parse(story);
        var none = noStory(st, name());
        if (none != null) return none;
        var reasons = new ArrayList<Reason>();
        int[] ids = ref.ids(st);
        int dup = duplicateSentences(st);
        double r = readability(st, ids, reasons);
        double c = coherence(st, ids, dup, reasons);
        double k = creativity(st, ids, dup, reasons);
        // The rubric's creativity 0 is "dull or incomprehensible": a story cannot be more creative than readable.
        double cap = 3 - grade(r);
        if (k < cap) k += charge(reasons, Criterion.CREATIVITY, cap - k, "hard to read, so its creativity cannot count for more than its readability");
        return new Scores(grade(r), grade(c), grade(k), Scores.Source.OK, name(), "", reasons);
    }

    private static int grade(double cost) {
        return (int) Math.max(0, Math.min(3, Math.round(3 - cost)));
    }

    private static double charge(List<Reason> out, Criterion c, double cost, String why) {
        if (cost <= 0.005) return 0;
        out.add(Reason.of(c, cost, why));
        return cost;
    }

    // ---- readability: is it English a child could read? ----

    private double readability(StoryText st, int[] ids, List<Reason> out) {
        var R = Criterion.READABILITY;
        int n = st.wordCount();
        double cost = 0;

        int unknown = 0;
        for (int id : ids) if (id < 0) unknown++;
        double u = (double) unknown / n;
        cost += charge(out, R, Math.max(0, u - 0.08) * 8, pct(u) + " of words unknown to the reference vocabulary");

        double cov = ref.pairCoverage(st, ids);
        double mu = ref.expectedPairCoverage();
        if (!Double.isNaN(cov))
            cost += charge(out, R, Math.max(0, (mu - cov) / mu - 0.15) * 5,
                    pct(cov) + " of word pairs are familiar (real text: " + pct(mu) + ")");

        int lowerStarts = 0;
        for (var s : st.sentences) if (!s.capitalStart()) lowerStarts++;
        cost += charge(out, R, 1.5 * lowerStarts / st.sentences.size(), lowerStarts + " sentence(s) start in lower case");

        int badCaps = 0;
        for (int i = 0; i < n; i++) {
            if (!st.capitalized[i] || st.clauseInitial[i] || st.words[i].equals("i")) continue;
            double rate = ref.midCapitalRate(ids[i]);
            if (!Double.isNaN(rate) && rate < 0.2 && ref.count(ids[i]) >= 3) badCaps++;
        }
        cost += charge(out, R, Math.min(1.5, 0.5 * badCaps), badCaps + " capitalized word(s) in mid-sentence");

        int article = 0, doubled = 0, detClash = 0, badEnd = 0;
        for (int i = 0; i + 1 < n; i++) {
            if (st.sentenceOf[i] != st.sentenceOf[i + 1]) continue;
            String w = st.words[i], next = st.words[i + 1];
            if (w.equals(next) && next.length() > 1) doubled++;
            if (w.equals("a") || w.equals("an")) {
                boolean vowel = "aeiou".indexOf(next.charAt(0)) >= 0;
                boolean wantsAn = vowel ? !FunctionWords.A_BEFORE_VOWEL_LETTER.contains(next)
                        : FunctionWords.AN_BEFORE_CONSONANT_LETTER.contains(next);
                if (Character.isLetter(next.charAt(0)) && wantsAn != w.equals("an")) article++;
            }
            if (FunctionWords.DETERMINERS.contains(w) && !w.equals("her") && !w.equals("that")
                    && FunctionWords.NOT_AFTER_DETERMINER.contains(next)) detClash++;
        }
        for (var s : st.sentences)
            if (s.terminated() && FunctionWords.CANNOT_END.contains(st.words[s.to() - 1])) badEnd++;
        cost += charge(out, R, Math.min(1, 0.5 * article), article + " a/an mismatch(es)");
        cost += charge(out, R, Math.min(1, 0.5 * doubled), doubled + " doubled word(s)");
        cost += charge(out, R, Math.min(1.5, 0.5 * detClash), detClash + " determiner(s) followed by a word that cannot follow one");
        cost += charge(out, R, Math.min(1.5, 0.75 * badEnd), badEnd + " sentence(s) end on a word like \"the\" or \"and\"");

        double meanLen = (double) n / st.sentences.size();
        cost += charge(out, R, Math.max(0, meanLen - 45) / 30, String.format("long sentences (%.0f words on average)", meanLen));
        return cost;
    }

    // ---- coherence: does it hang together, in order, and finish? ----

    /** Below this many words a story cannot tell a whole plot (the rubric expects about 80). */
    static final int SHORT_STORY_WORDS = 40;

    private double coherence(StoryText st, int[] ids, int dup, List<Reason> out) {
        var C = Criterion.COHERENCE;
        double cost = 0;
        if (!st.endsTerminated)
            cost += charge(out, C, 1.6, "cut off: the story ends mid-sentence");

        cost += charge(out, C, Math.min(3, 1.5 * dup), dup + " repeated sentence(s)");

        // The rubric asks for a story of about 80 words; "too short" is the rubric's own reason for a 0.
        int words = st.wordCount();
        cost += charge(out, C, Math.max(0, SHORT_STORY_WORDS - words) / 10.0, "too short for a story: " + words + " words (about 80 expected)");

        double rep = repeatedGramShare(st.words, 4);
        cost += charge(out, C, Math.max(0, rep - 0.05) * 6, pct(rep) + " of 4-word sequences repeat earlier ones");

        int quotes = st.quoteViolations + (st.quoteOpenAtEnd ? 1 : 0);
        cost += charge(out, C, Math.min(2, 0.8 * quotes), quotes + " quotation(s) closed before opened or left open");

        int gn = givenBeforeNew(st);
        cost += charge(out, C, Math.min(1.5, 0.8 * gn), gn + " thing(s) called \"the …\" before being introduced as \"a …\"");

        double drift = entityDrift(st);
        cost += charge(out, C, Math.max(0, drift - 0.34) * 2, pct(drift) + " of sentences mention nobody and nothing from before");

        if (cost > 0 && closes(st)) {
            double bonus = Math.min(cost, 0.25);
            out.add(Reason.of(C, -bonus, "the last sentence brings the plot to an end"));
            cost -= bonus;
        }
        return cost;
    }

    /** Sentences of three or more words that repeat an earlier one. */
    static int duplicateSentences(StoryText st) {
        var seen = new HashSet<String>();
        int dup = 0;
        for (var s : st.sentences) if (s.length() >= 3 && !seen.add(st.sentenceKey(s))) dup++;
        return dup;
    }

    /** Paper A's 0 0 0 for an empty story or one without a full sentence; null when the story has one. */
    static Scores noStory(StoryText st, String rater) {
        if (st.wordCount() == 0) return Scores.zero(rater, "empty story");
        if (st.fullSentences() == 0) return Scores.zero(rater, "less than one full sentence");
        return null;
    }

    /** Share of word n-grams that already occurred earlier in the same story. */
    static double repeatedGramShare(String[] words, int len) {
        int total = words.length - len + 1;
        if (total <= 0) return 0;
        var seen = new HashSet<Long>();
        int rep = 0;
        for (int i = 0; i < total; i++) {
            long h = 7;
            for (int k = 0; k < len; k++) h = h * 1_000_003L + words[i + k].hashCode();
            if (!seen.add(h)) rep++;
        }
        return (double) rep / total;
    }

    /** Nouns met as "the X" in one sentence and introduced as "a X" only in a later one. */
    private static int givenBeforeNew(StoryText st) {
        var firstThe = new HashMap<String, Integer>();
        var firstA = new HashMap<String, Integer>();
        for (int i = 0; i + 1 < st.wordCount(); i++) {
            String w = st.words[i];
            if (st.sentenceOf[i] != st.sentenceOf[i + 1]) continue;
            String head = st.words[i + 1];
            if (FunctionWords.STOP.contains(head)) continue;
            if (w.equals("the")) firstThe.putIfAbsent(head, st.sentenceOf[i]);
            else if (w.equals("a") || w.equals("an")) firstA.putIfAbsent(head, st.sentenceOf[i]);
        }
        int v = 0;
        for (Map.Entry<String, Integer> e : firstA.entrySet()) {
            Integer t = firstThe.get(e.getKey());
            if (t != null && t < e.getValue()) v++;
        }
        return v;
    }

    /** Share of sentences after the first that share no content word, name or pronoun with earlier text. */
    private static double entityDrift(StoryText st) {
        if (st.sentences.size() < 2) return 0;
        var seen = new HashSet<String>();
        int lonely = 0;
        for (int s = 0; s < st.sentences.size(); s++) {
            var sent = st.sentences.get(s);
            boolean link = false;
            for (int i = sent.from(); i < sent.to(); i++) {
                String w = st.words[i];
                boolean carrier = FunctionWords.PRONOUNS.contains(w) || !FunctionWords.STOP.contains(w);
                if (carrier && seen.contains(w)) link = true;
            }
            if (s > 0 && !link) lonely++;
            for (int i = sent.from(); i < sent.to(); i++) {
                String w = st.words[i];
                if (FunctionWords.PRONOUNS.contains(w) || !FunctionWords.STOP.contains(w)) seen.add(w);
            }
        }
        return (double) lonely / (st.sentences.size() - 1);
    }

    private static boolean closes(StoryText st) {
        var last = st.sentences.get(st.sentences.size() - 1);
        if (!last.terminated()) return false;
        for (int i = last.from(); i < last.to(); i++) if (FunctionWords.CLOSURE.contains(st.words[i])) return true;
        return false;
    }

    // ---- creativity: varied, rich, and not copied from the reference ----

    private double creativity(StoryText st, int[] ids, int dup, List<Reason> out) {
        var K = Criterion.CREATIVITY;
        int n = st.wordCount();
        double cost = 0;

        cost += charge(out, K, Math.min(2, 1.0 * dup), dup + " repeated sentence(s)");

        double d2 = distinctPairs(st.words);
        cost += charge(out, K, Math.max(0, 0.9 - d2) * 6, pct(d2) + " distinct word pairs");

        int window = Math.min(n, 80);
        var types = new HashSet<String>();
        for (int i = 0; i < window; i++) types.add(st.words[i]);
        double ttr = (double) types.size() / window;
        if (window >= 20) cost += charge(out, K, Math.max(0, 0.5 - ttr) * 6, pct(ttr) + " distinct words");

        double nov = ref.novelty(st, ids);
        double muN = ref.expectedNovelty();
        if (!Double.isNaN(nov))
            cost += charge(out, K, Math.max(0, (muN - nov) / muN - 0.1) * 2.5,
                    pct(nov) + " of 4-word sequences are new to the reference (unseen text: " + pct(muN) + ")");

        int content = 0, rich = 0;
        for (int i = 0; i < n; i++) {
            if (FunctionWords.STOP.contains(st.words[i])) continue;
            content++;
            if (ref.rank(ids[i]) >= 300) rich++;
        }
        double richness = content == 0 ? 0 : (double) rich / content;
        cost += charge(out, K, Math.max(0, 0.3 - richness) * 4, pct(richness) + " of content words are beyond the 300 most common");

        if (n < 40) cost += charge(out, K, (40 - n) / 20.0, "short: " + n + " words leave little room for invention");
        return cost;
    }

    private static double distinctPairs(String[] words) {
        if (words.length < 2) return 1;
        var seen = new HashSet<Long>();
        for (int i = 1; i < words.length; i++) seen.add(Reference.pair(words[i - 1].hashCode(), words[i].hashCode()));
        return (double) seen.size() / (words.length - 1);
    }

    private static String pct(double v) {
        return Math.round(100 * v) + "%";
    }
}
