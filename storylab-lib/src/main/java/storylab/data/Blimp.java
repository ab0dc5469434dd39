package storylab.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import storylab.data.world.MinimalPair;

/**
 * Minimal pairs in BLiMP's JSONL format (one object per line with {@code sentence_good} and {@code
 * sentence_bad}; the phenomenon from {@code UID}, else {@code linguistics_term}, else the file name), from
 * one file or a folder of {@code .jsonl} files, as BabyLM's zero-shot evaluation ships them.
 */
public final class Blimp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Blimp() {}

    /** Every pair of {@code path}; a line that is not such an object is an error naming the file and line. */
    public static List<MinimalPair> read(Path path) {
        if (!Files.exists(path)) throw new IllegalArgumentException("no BLiMP file or folder at " + path + " — give a .jsonl file of minimal pairs or a folder of them");
        var out = new ArrayList<MinimalPair>();
        for (Path file : files(path)) readFile(file, out);
        if (out.isEmpty()) throw new IllegalArgumentException(path + " holds no minimal pairs — expected JSONL lines with sentence_good and sentence_bad");
        return List.copyOf(out);
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) return List.of(path);
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private static void readFile(Path file, List<MinimalPair> out) {
        String fallback = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as UTF-8 text", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new CorpusFormatException(file, i + 1, "not a JSON object");
            }
            String good = text(node, "sentence_good"), bad = text(node, "sentence_bad");
            if (good == null || bad == null) throw new CorpusFormatException(file, i + 1, "needs string fields sentence_good and sentence_bad");
            String phenomenon = text(node, "UID");
            if (phenomenon == null) phenomenon = text(node, "linguistics_term");
            out.add(new MinimalPair(phenomenon == null ? fallback : phenomenon, good, bad));
        }
    }

    private static String text(JsonNode node, String field) {
        var v = node == null ? null : node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
