package storylab.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import storylab.data.world.MinimalPair;

/**
 * Minimal pairs in BLiMP's JSONL format (one object per line with {@code sentence_good} and {@code
 * sentence_bad}; the phenomenon from {@code UID}, else {@code linguistics_term}, else the file name), from
 * one file or a folder of {@code .jsonl} files, as BabyLM's zero-shot evaluation ships them. Read strictly,
 * through the same file reader as the corpora: a bad line is an error naming its file and line.
 */
public final class Blimp {

    private Blimp() {}

    /** Every pair of {@code path}; a line that is not such an object is an error naming the file and line. */
    public static List<MinimalPair> read(Path path) {
        if (!Files.exists(path)) throw new IllegalArgumentException("no BLiMP file or folder at " + path + " — give a .jsonl file of minimal pairs or a folder of them");
        var records = new FileRecords<>("BLiMP " + path.getFileName(), path, p -> Corpora.hasExtension(p, ".jsonl"), Blimp::open, true);
        List<MinimalPair> pairs;
        try (var s = records.stream()) {
            pairs = s.toList();
        }
        if (pairs.isEmpty()) throw new IllegalArgumentException(path + " holds no minimal pairs — expected JSONL lines with sentence_good and sentence_bad");
        return pairs;
    }

    private static FileRecords.Source<MinimalPair> open(Path file, FileRecords.Issues issues) {
        String fallback = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        return Corpora.jsonObjects(file, issues, (node, line) -> {
            String good = text(node, "sentence_good"), bad = text(node, "sentence_bad");
            if (good == null || bad == null) {
                issues.malformed(file, line, "needs string fields sentence_good and sentence_bad");
                return null;
            }
            String phenomenon = text(node, "UID");
            if (phenomenon == null) phenomenon = text(node, "linguistics_term");
            return new MinimalPair(phenomenon == null ? fallback : phenomenon, good, bad);
        });
    }

    private static String text(JsonNode node, String field) {
        var v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
