package storylab;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import storylab.display.Markdown;
import storylab.display.MimeBundle;

class ExerciseTest {

    @Test
    void aCheckThatFailsStopsWithWhatWasExpected() {
        Exercise.check("two is more than one", 2 > 1);
        var e = assertThrows(AssertionError.class, () -> Exercise.close("the mean", 2.5, 2.0, 0.1));
        assertEquals("✗ not yet: the mean (2.500, expected 2.000 ± 0.10)", e.getMessage());
    }

    @Test
    void markdownFormatsWithADecimalPointAndShowsAsMarkdown() {
        var md = Markdown.of("loss **%.2f**", 1.2345);
        assertEquals("loss **1.23**", md.text());
        assertEquals("loss **1.23**", md.toMimeBundle().get(MimeBundle.MARKDOWN));
    }
}
