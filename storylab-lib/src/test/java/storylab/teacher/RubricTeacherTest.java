package storylab.teacher;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule teacher on hand-made stories, with a small hand-made reference (no corpus needed). */
class RubricTeacherTest {

    static final List<String> REFERENCE = List.of(
            "Once upon a time there was a little girl who lived in a house by the forest. She had a red hat.",
            "One day the girl went into the forest to find her grandmother. The wolf saw her and followed her.",
            "The king had three sons. The youngest son was kind, and he helped an old woman on the road.",
            "The old woman gave him a golden key. He opened the door of the castle and found the princess.",
            "They were married, and they lived happily ever after in the castle by the sea.",
            "A fox and a cat met in the wood. The cat said, 'I know one trick.' The fox laughed at her.");

    static final RubricTeacher T = RubricTeacher.from(REFERENCE);

    @Test
    void emptyOrNoFullSentenceIsZero() {
        assertEquals("0 0 0", T.score("", "").toString());
        assertEquals("0 0 0", T.score("", "   ").toString());
        assertEquals("0 0 0", T.score("", "the girl went into").toString());
    }

    @Test
    void deterministicWithReasons() {
        String story = "The girl went into the forest. She found a golden key. She opened the door and found her grandmother.";
        var a = T.score("", story);
        assertEquals(a, T.score("", story));
        var bad = T.score("", "Forest the into went girl the. Key golden a she found and");
        assertTrue(bad.readability() < a.readability(), a + " vs " + bad);
        assertTrue(bad.coherence() < a.coherence());
        assertFalse(bad.reasons().isEmpty());
        assertTrue(bad.reasons().stream().anyMatch(r -> r.why().contains("cut off")), bad.reasons().toString());
        assertTrue(bad.toMimeBundle().get("text/html").contains("cut off"));
    }

    @Test
    void repetitionCostsCoherenceAndCreativity() {
        String s = "The king had three sons. The youngest son was kind. The youngest son was kind. The youngest son was kind.";
        var sc = T.score("", s);
        assertTrue(sc.coherence() <= 1, sc.reasons().toString());
        assertTrue(sc.creativity() <= 1, sc.reasons().toString());
    }

    @Test
    void corruptionsAreSeeded() {
        String s = "The king had three sons. The youngest son was kind. He helped an old woman. She gave him a key.";
        for (var c : Corruption.values()) {
            assertEquals(c.apply(s, 3), c.apply(s, 3));
            assertNotEquals(s, c.apply(s, 3), c.name());
        }
        assertFalse(Corruption.TRUNCATE.apply(s, 1).matches(".*[.!?]$"));
    }

    @Test
    void batchRenders() {
        var b = T.scoreAll("Once upon a time", List.of("The girl went into the forest. She was happy.", ""));
        assertEquals(2, b.size());
        var html = b.toMimeBundle().get("text/html");
        assertTrue(html.contains("<table") && html.contains("empty story"), html);
    }

    @Test
    void aFewWordsAreTooShortToBeACoherentStory() {
        var s = T.score("", "The fox ran home. It was happy.");
        assertTrue(s.coherence() <= 1, s.toString());
        assertTrue(s.reasons(Criterion.COHERENCE).stream().anyMatch(r -> r.why().startsWith("too short")), s.toString());
    }
}
