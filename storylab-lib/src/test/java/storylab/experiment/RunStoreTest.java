package storylab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    record Settings(String name, int steps) {}

    record Result(double score) {}

    @Test
    void aFinishedRunIsNotRedoneAndItsSettingsSitNextToTheResult(@TempDir Path dir) throws Exception {
        var calls = new AtomicInteger();
        var store = RunStore.at(dir);
        var s = new Settings("a", 3);
        var first = store.run("rl", s, Result.class, folder -> new Result(calls.incrementAndGet()));
        var again = RunStore.at(dir).run("rl", new Settings("a", 3), Result.class, folder -> new Result(calls.incrementAndGet()));
        assertEquals(1, calls.get(), "the second call reads the stored result");
        assertEquals(first, again);
        Path folder = store.folder("rl", s);
        assertEquals(RunStore.json(s), Files.readString(folder.resolve("settings.json")));
        assertTrue(Files.isRegularFile(folder.resolve("result.json")));
        store.run("rl", new Settings("a", 4), Result.class, f -> new Result(calls.incrementAndGet()));
        assertEquals(2, calls.get(), "other settings are another run");
    }

    @Test
    void aFailedRunLeavesNoResultAndRunsAgain(@TempDir Path dir) {
        var calls = new AtomicInteger();
        var store = RunStore.at(dir);
        var s = new Settings("b", 1);
        assertThrows(IllegalStateException.class, () -> store.run("rl", s, Result.class, f -> {
            calls.incrementAndGet();
            throw new Exception("boom");
        }));
        assertFalse(store.isDone("rl", s));
        store.run("rl", s, Result.class, f -> new Result(calls.incrementAndGet()));
        assertEquals(2, calls.get());
        assertTrue(store.isDone("rl", s));
    }

    @Test
    void theKeyDependsOnlyOnTheSettings() {
        assertEquals(RunStore.key(new Settings("x", 1)), RunStore.key(new Settings("x", 1)));
        assertNotEquals(RunStore.key(new Settings("x", 1)), RunStore.key(new Settings("x", 2)));
        assertEquals(12, RunStore.key(new Settings("x", 1)).length());
    }
}
