package storylab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    private static History sample() {
        var h = new History();
        h.add(1, "6 * 7", "42");
        h.add(2, "var t = 1;", null);
        h.add(3, "6 * 7", "42");
        h.add(4, "\"x\".repeat(2)", "xx");
        return h;
    }

    private static List<String> inputs(List<History.Entry> es) {
        return es.stream().map(History.Entry::input).toList();
    }

    @Test
    void tailReturnsTheLastNInOrder() {
        assertEquals(List.of("6 * 7", "\"x\".repeat(2)"), inputs(sample().tail(2)));
        assertEquals(4, sample().tail(100).size());
    }

    @Test
    void rangeIsHalfOpen() {
        var r = sample().range(2, 4);
        assertEquals(List.of(2, 3), r.stream().map(History.Entry::line).toList());
        assertEquals(3, sample().range(2, 0).size());
    }

    @Test
    void searchIsAGlobOverWholeInputsWithUniqueAndN() {
        var h = sample();
        assertEquals(2, h.search("6 * 7", 0, false).size());
        assertEquals(1, h.search("6 * 7", 0, true).size());
        assertEquals(List.of("var t = 1;"), inputs(h.search("var*", 0, false)));
        assertEquals(1, h.search("*", 1, false).size());
        assertEquals(List.of(4), h.search("*", 1, false).stream().map(History.Entry::line).toList());
    }

    @Test
    void aPersistedHistoryOutlivesTheKernelAndEachStartIsANewSession(@TempDir Path dir) {
        Path file = dir.resolve("history-storylab.jsonl");
        try (var first = History.persisted(file)) {
            first.add(1, "int a = 1;", null);
            first.add(2, "a + 1", "2");
            assertEquals(1, first.session());
        }
        try (var second = History.persisted(file)) {
            second.add(1, "a * 10", null);
            assertEquals(2, second.session());
            assertEquals(List.of("int a = 1;", "a + 1", "a * 10"), inputs(second.tail(10)));
            assertEquals(List.of("a * 10"), inputs(second.range(0, 1, 0)), "session 0 is this one");
            assertEquals(List.of("a + 1"), inputs(second.range(-1, 2, 3)), "-1 is the one before");
            assertEquals(List.of("int a = 1;", "a + 1"), inputs(second.range(1, 1, 0)));
            assertEquals(List.of("a + 1", "a * 10"), inputs(second.search("a *", 0, false)));
        }
    }

    @Test
    void twoKernelsAtOnceGetTheirOwnSessionsAndLoseNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history-storylab.jsonl");
        try (var a = History.persisted(file); var b = History.persisted(file)) {
            assertTrue(a.session() != b.session());
            var threads = List.of(new Thread(() -> { for (int i = 1; i <= 200; i++) a.add(i, "a" + i, null); }),
                    new Thread(() -> { for (int i = 1; i <= 200; i++) b.add(i, "b" + i, null); }));
            threads.forEach(Thread::start);
            for (var t : threads) t.join();
            b.session(); // waits for b's writes; a reads the shared file
            assertEquals(400, a.tail(1000).size());
            assertEquals(200, b.range(0, 1, 0).size());
        }
    }

    @Test
    void theFileIsTrimmedToTheNewestEntriesAtStart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history-storylab.jsonl");
        var lines = new java.util.ArrayList<String>();
        for (int i = 1; i <= History.MAX_ENTRIES + 50; i++) lines.add("{\"session\":1,\"line\":" + i + ",\"input\":\"x" + i + "\",\"output\":null}");
        lines.add("{\"session\":1,\"line\":"); // torn by a crash: skipped
        Files.write(file, lines);
        try (var h = History.persisted(file)) {
            assertEquals(2, h.session());
            var all = h.tail(Integer.MAX_VALUE);
            assertTrue(all.size() <= History.MAX_ENTRIES, "trimmed: " + all.size());
            assertEquals("x" + (History.MAX_ENTRIES + 50), all.get(all.size() - 1).input());
        }
    }
}
