package storylab.data.world;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import storylab.data.Document;

class StoryWorldTest {

    static final StoryWorld WORLD = StoryWorld.seed(42);
    static List<Story> stories;

    @BeforeAll
    static void generate() {
        stories = WORLD.stories(10_000).toList();
    }

    @Test
    void deterministicBySeedAndIndependentOfHowTheStreamIsRead() {
        assertEquals(stories.subList(0, 50), StoryWorld.seed(42).stories().limit(50).toList());
        assertEquals(stories.get(777), StoryWorld.seed(42).story(777));
        assertEquals(stories.get(123).text(), WORLD.text(123));
        assertEquals(WORLD.stories(200).toList(), java.util.stream.LongStream.range(0, 200).parallel().mapToObj(WORLD::story).toList());
        assertNotEquals(stories.get(0).text(), StoryWorld.seed(43).story(0).text());
    }

    @Test
    void articlesMatchTheNextWordOnTenThousandStories() {
        Pattern article = Pattern.compile("\\b([Aa]n?) ([A-Za-z][A-Za-z-]*)");
        for (Story s : stories) {
            String all = s.text() + " " + String.join(" ", s.instructions());
            assertFalse(all.contains("{") || all.contains("}") || all.contains("\u0001") || all.contains("\u0002"), all);
            Matcher m = article.matcher(all);
            while (m.find()) {
                String want = vowelSound(m.group(2)) ? "an" : "a";
                assertEquals(want, m.group(1).toLowerCase(Locale.ROOT), () -> "\"" + m.group() + "\" in story " + s.index() + ": " + all);
            }
        }
    }

    /** An independent statement of the a/an rule for the words this world uses. */
    private static boolean vowelSound(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.startsWith("honest") || w.startsWith("hour")) return true;
        if (w.startsWith("uni") || w.startsWith("use") || w.startsWith("one")) return false;
        return "aeiou".indexOf(w.charAt(0)) >= 0;
    }

    private static final Pattern QUOTE = Pattern.compile("\"[^\"]*\"");
    private static final Pattern BAD_NUMBER = Pattern.compile(
            "\\b(he|she|it) (were|are|have)\\b|\\b(they|we|you) (was|is|has)\\b|\\bI (is|are|has)\\b|\\bthe two friends (was|is)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRESENT_NARRATION = Pattern.compile("\\b(he|she|they) (is|are|has|have|goes|wants|likes|feels|says)\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void pronounsNumberAndTenseAgreeOnTenThousandStories() {
        for (Story s : stories) {
            String text = s.text();
            String narration = QUOTE.matcher(text).replaceAll("\"…\"");
            Persona hero = s.plan().hero(), helper = s.plan().helper();
            assertFalse(BAD_NUMBER.matcher(text).find(), () -> "number agreement in story " + s.index() + ": " + text);
            assertFalse(PRESENT_NARRATION.matcher(narration).find(), () -> "present tense in the narration of story " + s.index() + ": " + text);
            // in dialogue the hero names the goal in the first person ("my kite"), never as "his kite"
            String goal = s.plan().goal();
            if (goal.matches(".*\\b(his|her|him|herself|himself)\\b.*"))
                for (Matcher q = QUOTE.matcher(text); q.find(); ) assertFalse(q.group().contains(goal), () -> "third person in dialogue: " + text);
            // with two characters of one gender, no pronoun of the other gender may appear outside dialogue
            if (hero.gender() == helper.gender()) {
                Set<String> wrong = hero.gender() == Gender.HE ? Set.of("she", "her", "herself") : Set.of("he", "him", "his", "himself");
                for (String w : words(narration)) assertFalse(wrong.contains(w), () -> "pronoun \"" + w + "\" in story " + s.index() + ": " + text);
            }
            // a sentence that names only the hero uses the hero's subject, possessive and reflexive forms
            Set<String> wrongForHero = hero.gender() == Gender.HE ? Set.of("she", "herself") : Set.of("he", "his", "himself");
            for (String sentence : narration.split("[.!?]")) {
                if (!sentence.contains(hero.name()) || sentence.contains(helper.name()) || sentence.contains("\"")) continue;
                for (String w : words(sentence)) assertFalse(wrongForHero.contains(w), () -> "\"" + w + "\" about " + hero + " in: " + sentence);
            }
        }
    }

    private static List<String> words(String s) {
        return List.of(s.toLowerCase(Locale.ROOT).split("[^a-z'-]+"));
    }

    @Test
    void richVocabularyAndManyPlots() {
        Set<String> vocabulary = new HashSet<>();
        for (Story s : stories) vocabulary.addAll(words(s.text()));
        assertTrue(vocabulary.size() >= 2000, "distinct words: " + vocabulary.size());
        assertTrue(WORLD.distinctPlots().compareTo(BigInteger.valueOf(1_000_000)) >= 0);
        assertTrue(stories.stream().map(Story::plan).distinct().count() > 9_990);
    }

    @Test
    void instructionLevelsGrowFromNothingToTheWholePlan() {
        for (Story s : stories.subList(0, 2000)) {
            Plan p = s.plan();
            assertEquals("", s.instruction(0));
            assertTrue(s.instruction(1).contains(p.hero().kind()) && !s.instruction(1).contains(p.hero().name()), s.instruction(1));
            assertTrue(s.instruction(2).contains(p.hero().trait()) && s.instruction(2).contains(p.goal()), s.instruction(2));
            for (String element : List.of(p.hero().name(), p.hero().trait(), p.setting(), p.goal()))
                assertTrue(s.instruction(3).contains(element), () -> "level 3 lacks \"" + element + "\": " + s.instruction(3));
            String four = s.instruction(4);
            for (String element : List.of(p.hero().name(), p.hero().kind(), p.hero().trait(), p.setting(), p.goal(), p.obstacle(),
                    p.helper().name(), p.helper().kind(), p.resolution(), p.ending()))
                assertTrue(four.contains(element), () -> "level 4 lacks \"" + element + "\": " + four);
            p.moral().ifPresent(m -> assertTrue(four.contains(m), four));
            assertTrue(s.text().contains(p.hero().name()) && s.text().contains(p.resolution()));
        }
    }

    @Test
    void corpusWordBudgetIsExactAndPairsCarryInstructions() {
        assertEquals(12_345, WORLD.corpus(12_345).countWords());
        List<Document> docs = WORLD.corpus(1_000).stream().toList();
        assertEquals(stories.get(0).text(), docs.get(0).text());
        var pair = WORLD.pairs(4).findFirst().orElseThrow();
        assertEquals(stories.get(0).instruction(4), pair.instruction());
        assertEquals(stories.get(0).text(), pair.story());
        assertTrue(stories.get(0).toMimeBundle().get("text/html").contains(stories.get(0).plan().hero().name()));
    }

    @Test
    void minimalPairsDifferInOnePlaceAndCoverEveryPhenomenon() {
        var pairs = WORLD.minimalPairs(600);
        assertEquals(pairs, StoryWorld.seed(42).minimalPairs(600));
        for (String ph : MinimalPair.PHENOMENA) assertEquals(100, pairs.stream().filter(p -> p.phenomenon().equals(ph)).count());
        for (var p : pairs) {
            assertNotEquals(p.good(), p.bad());
            String[] g = p.good().split(" "), b = p.bad().split(" ");
            if (g.length == b.length) {
                int diff = 0;
                for (int i = 0; i < g.length; i++) if (!g[i].equals(b[i])) diff++;
                assertEquals(1, diff, p.toString());
            }
        }
    }

    private static final Pattern MOVE = Pattern.compile("(\\w+) (?:gave|handed|passed) the [\\w -]+? to (\\w+)\\.|(\\w+) took the [\\w -]+? from (\\w+)\\.");
    private static final Pattern HAD = Pattern.compile("(\\w+) had an? ");

    @Test
    void handOverAnswersFollowTheHandOvers() {
        for (var q : WORLD.handOvers(500, 3)) {
            Matcher h = HAD.matcher(q.prompt());
            assertTrue(h.find());
            String holder = h.group(1);
            Matcher m = MOVE.matcher(q.prompt());
            int moves = 0;
            while (m.find()) {
                moves++;
                if (m.group(1) != null) { assertEquals(holder, m.group(1), q.prompt()); holder = m.group(2); }
                else { assertEquals(holder, m.group(4), q.prompt()); holder = m.group(3); }
            }
            assertEquals(3, moves, q.prompt());
            assertEquals(" " + holder, q.correct(), q.prompt());
            assertEquals(3, q.candidates().size());
        }
    }

    @Test
    void entityQuestionsCutAStoryNeverTrainedOnJustBeforeACharacterComesBackAgainstAStranger() {
        var questions = WORLD.entityTracking(40);
        assertEquals(40, questions.size());
        assertEquals(questions, StoryWorld.seed(42).entityTracking(40), "deterministic by seed");
        int heroAnswers = 0, firstRight = 0;
        long next = Probes.PROBE_STORIES;
        for (var q : questions) {
            Story story;
            do story = WORLD.story(next++); while (!story.text().startsWith(q.prompt() + " "));
            assertTrue(story.text().startsWith(q.prompt() + q.correct()), q.toString());
            var plan = story.plan();
            var who = q.correct().equals(" " + plan.hero().name()) ? plan.hero() : plan.helper();
            assertEquals(" " + who.name(), q.correct(), "the answer is one of the story's characters: " + q);
            String[] words = q.prompt().split(" ");
            String window = String.join(" ", Arrays.asList(words).subList(Math.max(0, words.length - 61), words.length));
            assertTrue(window.contains(who.name()), "named already just before: " + q);
            String stranger = q.candidates().get(1 - q.answer()).strip();
            assertFalse(story.text().contains(stranger), "the other candidate never appears in the story: " + q);
            assertTrue(Arrays.asList(WorldData.builtIn().names.get(who.gender())).contains(stranger), "a stranger of the same gender: " + q);
            if (who == plan.hero()) heroAnswers++;
            if (q.answer() == 0) firstRight++;
        }
        assertTrue(heroAnswers > 5 && heroAnswers < 35, "both characters are asked about: " + heroAnswers + " of 40 name the hero");
        assertTrue(firstRight > 10 && firstRight < 30, "the right name is first as often as second: " + firstRight + " of 40");
    }
}
