package storylab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
