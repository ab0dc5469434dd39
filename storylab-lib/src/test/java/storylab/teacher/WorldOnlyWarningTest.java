package storylab.teacher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A judge that would read only the story world says so, and how to give it real tales; one with real tales is quiet. */
class WorldOnlyWarningTest {

    @Test
    void aJudgeWithoutRealTalesWarnsAndNamesTheFix() {
        var worldOnly = new JudgeTexts(List.of("a story"), List.of("another"), List.of(), List.of("story world (seeds 7 and 8, 3250 stories)"));
        var warning = OfflineTeacher.worldOnlyWarning(worldOnly);
        assertTrue(warning.isPresent(), "no warning for a judge that reads the story world only");
        assertTrue(warning.get().contains(JudgeTexts.GRIMM_FILE) && warning.get().contains("STORYLAB_CORPORA"), warning.get());

        var withTales = new JudgeTexts(List.of("a story"), List.of("another"), List.of("a tale"),
                List.of("story world (seeds 7 and 8, 3250 stories)", "book " + JudgeTexts.GRIMM_FILE + " (62 documents; every 5th held out)"));
        assertTrue(OfflineTeacher.worldOnlyWarning(withTales).isEmpty());
    }
}
