package storylab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this session, as Jupyter's history requests see them: the last n,
 * a range, or a glob search. Session number 1 is this kernel run; 0 also means "this session".
 */
final class History {

    /** One executed cell. */
    record Entry(int session, int line, String input, String output) {}

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, String output) {
        entries.add(new Entry(1, line, input, output));
    }

    synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
    }

    /** Lines {@code start} (inclusive) to {@code stop} (exclusive; 0 or less means to the end). */
    synchronized List<Entry> range(int start, int stop) {
        return entries.stream().filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
    }

    /** Entries matching a glob (* and ?), newest last; at most n (0: all), optionally unique inputs. */
    synchronized List<Entry> search(String glob, int n, boolean unique) {
        var regex = Pattern.compile(glob.replace("\\", "\\\\").replace(".", "\\.").replace("*", ".*").replace("?", "."), Pattern.DOTALL);
        var matching = new ArrayList<Entry>();
        var seen = new LinkedHashSet<String>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            var e = entries.get(i);
            if (!regex.matcher(e.input()).matches()) continue;
            if (unique && !seen.add(e.input())) continue;
            matching.add(0, e);
            if (n > 0 && matching.size() >= n) break;
        }
        return matching;
    }
}
