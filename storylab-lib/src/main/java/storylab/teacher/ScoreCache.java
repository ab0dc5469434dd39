package storylab.teacher;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Teacher answers by (model, prompt, story), so re-grading an evaluation set costs nothing. Optionally
 * appended to a JSONL file, one {@code {"model","prompt","story","answer"}} object per line, and reloaded
 * from it; the raw answer is stored, so a changed parser applies to old answers too.
 */
final class ScoreCache implements AutoCloseable {

    record Key(String model, String prompt, String story) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<Key, String> answers = new ConcurrentHashMap<>();
    private final BufferedWriter out;

    ScoreCache(Path file) {
        try {
            if (file == null) { out = null; return; }
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    var n = JSON.readTree(line);
                    answers.put(new Key(n.path("model").asText(), n.path("prompt").asText(), n.path("story").asText()),
                            n.path("answer").asText());
                }
            } else if (file.getParent() != null) Files.createDirectories(file.getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open teacher cache " + file, e);
        }
    }

    String get(Key k) {
        return answers.get(k);
    }

    void put(Key k, String answer) {
        if (answers.putIfAbsent(k, answer) != null || out == null) return;
        var row = new LinkedHashMap<String, String>();
        row.put("model", k.model());
        row.put("prompt", k.prompt());
        row.put("story", k.story());
        row.put("answer", answer);
        synchronized (this) {
            try {
                out.write(JSON.writeValueAsString(row));
                out.newLine();
                out.flush();
            } catch (IOException e) {
                // A cache that cannot be written must not stop training; the answer stays in memory.
            }
        }
    }

    int size() {
        return answers.size();
    }

    @Override
    public synchronized void close() {
        if (out != null) try { out.close(); } catch (IOException ignored) { }
    }
}
