package storylab.teacher;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import storylab.display.Display;
import storylab.display.DisplaySink;
import storylab.display.RecordingSink;

class HumanAndMixTest {

    DisplaySink previous;

    RecordingSink install(RecordingSink sink) {
        previous = Display.install(sink);
        return sink;
    }

    @AfterEach
    void restore() {
        if (previous != null) Display.install(previous);
    }

    @Test
    void asksThreeScoresShowingTheStoryCard() {
        var sink = install(new RecordingSink().answering("2", " 3 ", "1"));
        var s = HumanTeacher.create().score("Once upon a time", "A cat sat.");
        assertEquals("2 3 1", s.toString());
        assertEquals("human", s.rater());
        var shown = sink.events().get(0).bundle();
        assertTrue(shown.get("text/html").contains("A cat sat."));
        assertTrue(shown.get("text/html").contains("Once upon a time"));
    }

    @Test
    void reasksOnInvalidInput() {
        var prompts = new ArrayList<String>();
        var rec = new RecordingSink().answering("x", "7", "2", "", "3", "0");
        previous = Display.install(new DisplaySink() {
            public String display(storylab.display.MimeBundle b) { return rec.display(b); }
            public void update(String id, storylab.display.MimeBundle b) { rec.update(id, b); }
            public void clearOutput(boolean wait) { rec.clearOutput(wait); }
            public void progress(storylab.display.Progress p) { rec.progress(p); }
            public String ask(String prompt, boolean password) { prompts.add(prompt); return rec.ask(prompt, password); }
        });
        var s = HumanTeacher.create().score("", "A dog ran.");
        assertEquals("2 3 0", s.toString());
        assertEquals(6, prompts.size());
        assertTrue(prompts.get(1).contains("\"x\" is not a score"), prompts.get(1));
        assertTrue(prompts.get(2).contains("\"7\" is not a score"));
    }

    @Test
    void noStdinOrGivingUpFallsBack() {
        install(new RecordingSink());   // no answers queued: ask throws, as a front end without stdin does
        assertEquals(Scores.Source.FALLBACK_AFTER_FAILURE, HumanTeacher.create().score("", "A story.").source());
        install(new RecordingSink().answering("a", "b"));
        var s = new HumanTeacher(2).score("", "A story.");
        assertEquals(Scores.Source.PARSE_FALLBACK, s.source());
        assertEquals(0.5, s.normalized());
    }

    @Test
    void mixSendsOneInEveryToTheHuman() {
        var answers = new String[3 * 3];
        java.util.Arrays.fill(answers, "3");
        install(new RecordingSink().answering(answers));
        Teacher fixed = (p, s) -> Scores.of(1, 1, 1).withRater("machine");
        var mix = Teachers.mix(fixed, HumanTeacher.create(), 20, 7);
        var stories = IntStream.range(0, 60).mapToObj(i -> Response.of("", "Response " + i + ".")).toList();
        var batch = mix.scoreAll(stories.subList(0, 30));
        var rest = IntStream.range(30, 60).mapToObj(i -> mix.score(stories.get(i))).toList();
        var all = new ArrayList<>(batch.scores());
        all.addAll(rest);
        var humanAt = IntStream.range(0, 60).filter(i -> all.get(i).rater().equals("human")).boxed().toList();
        assertEquals(3, humanAt.size());
        assertEquals(20, humanAt.get(1) - humanAt.get(0));
        assertEquals("3 3 3", all.get(humanAt.get(0)).toString());
        // same seed → same stories for the human
        install(new RecordingSink().answering(answers));
        var again = Teachers.mix(fixed, HumanTeacher.create(), 20, 7);
        var humanAgain = IntStream.range(0, 60).filter(i -> again.score(stories.get(i)).rater().equals("human")).boxed().toList();
        assertEquals(humanAt, humanAgain);
    }
}
