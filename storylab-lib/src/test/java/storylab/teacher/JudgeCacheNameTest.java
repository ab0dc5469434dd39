package storylab.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import storylab.model.MixedPrecision;

/** A judge trained in fp32 is cached apart from a bf16 one, so a run in either precision repeats on any machine. */
class JudgeCacheNameTest {

    private static final JudgeTexts TEXTS = new JudgeTexts(List.of("a story"), List.of("another"), List.of(), List.of("story world"));

    @AfterEach
    void backToTheDefault() {
        MixedPrecision.useDefault();
    }

    @Test
    void fp32AndBf16JudgesLiveInDifferentFolders() {
        MixedPrecision.use(false);
        String fp32 = OfflineTeacher.cacheName(JudgeSettings.quick(), TEXTS);
        assertTrue(fp32.startsWith("v" + Judge.VERSION + "-") && fp32.endsWith("-fp32"), fp32);
        assertEquals(fp32, OfflineTeacher.cacheName(JudgeSettings.quick(), TEXTS), "the same judge, the same folder");
        assertNotEquals(fp32, OfflineTeacher.cacheName(JudgeSettings.quick().seed(8), TEXTS), "other settings, another folder");
        if (MixedPrecision.use(true)) { // only a CPU with bf16 instructions can train a bf16 judge
            String bf16 = OfflineTeacher.cacheName(JudgeSettings.quick(), TEXTS);
            assertEquals(fp32.substring(0, fp32.length() - "-fp32".length()), bf16, "bf16 keeps the name judges had before");
        }
    }
}
