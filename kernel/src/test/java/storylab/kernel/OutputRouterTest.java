package storylab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputRouterTest {

    @Test
    void aCharacterSplitAcrossWritesWaitsForItsTail() {
        byte[] dragon = "a🐉".getBytes(StandardCharsets.UTF_8); // 1 + 4 bytes
        assertEquals(5, OutputRouter.completeUtf8Prefix(dragon));
        for (int cut = 2; cut < 5; cut++) {
            byte[] partial = java.util.Arrays.copyOf(dragon, cut);
            assertEquals(1, OutputRouter.completeUtf8Prefix(partial), "cut at " + cut);
        }
        assertEquals(3, OutputRouter.completeUtf8Prefix("abc".getBytes(StandardCharsets.UTF_8)));
    }
}
