package storylab.teacher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import storylab.Lab;
import storylab.data.Corpus;
import storylab.display.Display;
import storylab.model.MixedPrecision;

/**
 * The lab's default offline teacher: a learned {@link Judge} grades readability and coherence, a rule grades
 * creativity (novelty against the judge's texts, capped by readability), and paper A's hard rules stay on
 * top: an empty story, one without a full sentence, one stuck in a loop, or text the judge cannot read as
 * English gets 0 0 0. Every grade below 3 says which measurements pulled it down.
 *
 * <pre>{@code
 * var teacher = Teachers.offline();          // trains its judge on first use (a few minutes), then reuses it
 * teacher.score("", "Once upon a time ...")  // Scores 3 3 2, with reasons
 * }</pre>
 */
public final class OfflineTeacher implements Teacher {

    /** Share of a story's words the judge must know before it grades the story as English. */
    static final double MIN_KNOWN_WORDS = 0.5;

    private static final Map<Path, Judge> LOADED = new ConcurrentHashMap<>();

    private final Judge judge;

    OfflineTeacher(Judge judge) {
        this.judge = judge;
    }

    /** The judge trained with {@code settings} on the default texts plus {@code extra}, cached under the runs folder. */
    public static OfflineTeacher of(JudgeSettings settings, List<Corpus> extra) {
        var texts = JudgeTexts.gather(extra);
        worldOnlyWarning(texts).ifPresent(Display::show); // the console when no display is installed
        Path dir = cacheRoot().resolve(cacheName(settings, texts));
        return new OfflineTeacher(LOADED.computeIfAbsent(dir, d -> loadOrTrain(d, texts, settings)));
    }

    /**
     * The cached judge's folder name: version, settings, texts and precision. A judge trained and fitted with fp32
     * matmuls has other weights and cuts than one trained with bf16 matmuls, so each is kept apart and a run in fp32
     * ({@code -Dstorylab.bf16=off}) never reuses a bf16 judge; bf16, the default where the CPU has it, keeps the plain name.
     */
    static String cacheName(JudgeSettings settings, JudgeTexts texts) {
        long key = 31L * (31L * Judge.VERSION + settings.hashCode()) + texts.fingerprint();
        return String.format("v%d-%016x%s", Judge.VERSION, key, MixedPrecision.active() ? "" : "-fp32");
    }

    /**
     * A warning when the judge would read only the story world: one that has read no real tales scores real stories
     * far lower (issue 11), and it happens silently when the program runs where no {@code shared/corpora} is in reach.
     */
    static Optional<String> worldOnlyWarning(JudgeTexts texts) {
        if (texts.sources().size() > 1) return Optional.empty();
        return Optional.of("offline teacher: no real tales found (" + JudgeTexts.GRIMM_FILE + " in a shared/corpora folder beside or above "
                + "the StoryLab folder or the working folder, or in STORYLAB_CORPORA) and no corpus given: this judge reads the story "
                + "world only and misjudges stories outside it. Set STORYLAB_CORPORA to the corpora folder or pass a corpus to Teachers.offline(...).");
    }

    /**
     * Where trained judges are kept: {@code STORYLAB_JUDGES} when set (tests and classrooms share one judge
     * across run folders), else the {@code judge} folder of the runs folder.
     */
    public static Path cacheRoot() {
        String env = System.getenv("STORYLAB_JUDGES");
        return env != null && !env.isBlank() ? Path.of(env) : Lab.runs("judge");
    }

    private static Judge loadOrTrain(Path dir, JudgeTexts texts, JudgeSettings settings) {
        try {
            if (Files.isRegularFile(dir.resolve("judge.json"))) {
                Display.show("offline teacher: reusing the judge in " + dir);
                return Judge.load(dir, texts);
            }
            Display.show("offline teacher: training its judge on " + String.join("; ", texts.sources()) + " (first use only; cached in " + dir + ")");
            var judge = Judge.train(texts, settings);
            judge.save(dir);
            return judge;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public Judge judge() {
        return judge;
    }

    @Override
    public String name() {
        return "offline";
    }

    @Override
    public Scores score(String prompt, String story) {
        return scoreAll(List.of(Response.of(prompt, story))).get(0);
    }

    @Override
    public ScoreBatch scoreAll(List<Response> stories) {
        var out = new ArrayList<Scores>(stories.size());
        var toJudge = new ArrayList<String>();
        var at = new ArrayList<Integer>();
        for (int i = 0; i < stories.size(); i++) {
            String text = stories.get(i).text() == null ? "" : stories.get(i).text();
            var verdict = hardRule(text);
            out.add(verdict);
            if (verdict == null) { toJudge.add(text); at.add(i); }
        }
        if (!toJudge.isEmpty()) {
            var verdicts = judge.judge(toJudge);
            for (int j = 0; j < verdicts.size(); j++) out.set(at.get(j), explain(verdicts.get(j)));
        }
        return new ScoreBatch(stories, out);
    }

    /** Paper A's zero for no story, plus the judge's own limits: loops and text it cannot read. Null when none applies. */
    private Scores hardRule(String text) {
        var st = StoryText.parse(text);
        var none = RubricTeacher.noStory(st, name());
        if (none != null) return none;
        int dup = RubricTeacher.duplicateSentences(st);
        if (dup >= 2 && dup * 3 >= st.sentences.size()) return Scores.zero(name(), "stuck in a loop: " + dup + " of " + st.sentences.size() + " sentences repeat");
        if (loopingTail(st.words)) return Scores.zero(name(), "stuck in a loop: the same few words over and over");
        int[] ids = judge.rules.reference().ids(st);
        int known = 0;
        for (int id : ids) if (id >= 0) known++;
        if (known < MIN_KNOWN_WORDS * ids.length)
            return Scores.zero(name(), Math.round(100.0 * known / ids.length) + "% of the words are known to the judge: not English it can read");
        return null;
    }

    /** The last 30 words are made of at most 6 different words repeated: a degenerate sampler, not a story. */
    private static boolean loopingTail(String[] words) {
        if (words.length < 30) return false;
        var tail = new HashSet<String>();
        for (int i = words.length - 30; i < words.length; i++) tail.add(words[i]);
        return tail.size() <= 6;
    }

    private Scores explain(Judge.Verdict v) {
        var reasons = new ArrayList<Reason>();
        int r = v.readability(), c = v.coherence();
        if (r < 3) why(reasons, Criterion.READABILITY, judge.saved.readability(), v.features().readability(), v.features().rules());
        if (c < 3) why(reasons, Criterion.COHERENCE, judge.saved.coherence(), v.features().coherence(), v.features().rules());
        // The rubric's creativity 0 is "dull or incomprehensible": a story cannot be more creative than readable.
        int k = Math.min(v.creativity(), r);
        if (k < 3) {
            for (var reason : v.features().rules().reasons(Criterion.CREATIVITY)) reasons.add(reason);
            if (k < v.creativity()) reasons.add(Reason.of(Criterion.CREATIVITY, v.creativity() - k, "hard to read, so its creativity cannot count for more than its readability"));
        }
        if (v.features().cut()) reasons.add(Reason.note("long story: judged on its first " + JudgeFeatures.MAX_CHUNKS + " model windows"));
        return new Scores(r, c, k, Scores.Source.OK, name(), "", reasons);
    }

    /** What each measurement means, in words, when it pulls a grade down. */
    private static final Map<String, String> MEANING = Map.of(
            "mean log-prob", "the judge's language model finds the text hard to predict",
            "SLOR", "its word sequences are unusual even for the words they use",
            "worst 10% log-prob", "some words are very unlikely where they stand",
            "worst 10% SLOR", "some words are very unlikely where they stand, even for rare words",
            "ends a sentence", "the story stops in the middle of a sentence",
            "predictable ending", "the ending repeats what came before",
            "repeated 4-grams", "the story repeats its own phrases");

    /**
     * The two measurements that pulled a head's verdict down the most, against an average fitted example; a rule
     * measurement brings the rules' own reasons.
     */
    private static void why(List<Reason> out, Criterion criterion, Logistic head, double[] x, Scores rules) {
        double[] contrib = head.contributions(x);
        for (int pick = 0; pick < 2; pick++) {
            int worst = -1;
            for (int j = 0; j < contrib.length; j++) if (contrib[j] < -0.25 && (worst < 0 || contrib[j] < contrib[worst])) worst = j;
            if (worst < 0) return;
            String feature = head.features().get(worst);
            if (feature.startsWith("rule ")) {
                var own = rules.reasons(criterion);
                if (own.isEmpty()) out.add(Reason.of(criterion, -contrib[worst], "the rules' " + criterion.label() + " checks"));
                else for (var r : own) out.add(Reason.of(criterion, r.cost(), r.why()));
            } else {
                out.add(Reason.of(criterion, -contrib[worst], MEANING.getOrDefault(feature, feature + " is unlike real text")));
            }
            contrib[worst] = 0;
        }
    }

    @Override
    public String toString() {
        return "OfflineTeacher(" + judge + ")";
    }
}
