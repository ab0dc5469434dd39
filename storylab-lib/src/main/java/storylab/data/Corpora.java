package storylab.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Loaders for real corpora. Every loader takes a file or a folder (read recursively in sorted order),
 * reads UTF-8 with or without BOM and LF or CRLF line ends, streams lazily, skips and counts malformed lines
 * or records (see {@link Corpus#report()}), and fails fast on the first one after {@link Corpus#strict()}.
 */
public final class Corpora {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String END_OF_TEXT = "<|endoftext|>";
    /** BabyLM lines are short utterances: group this many per document so that eot tokens stay rare. */
    static final int BABYLM_LINES_PER_DOCUMENT = 64;

    private Corpora() {}

    /** Plain text: one document per file (a folder: every non-hidden file in it). */
    public static Corpus text(Path path) {
        return corpus("text " + path.getFileName(), path, p -> true, Corpora::wholeFile);
    }

    /** Plain text: one document per paragraph (blocks separated by blank lines). */
    public static Corpus paragraphs(Path path) {
        return corpus("paragraphs " + path.getFileName(), path, p -> true, Corpora::paragraphFile);
    }

    /**
     * TinyStories as distributed: {@code .txt} with {@code <|endoftext|>} between stories, or {@code .json}
     * (an array of objects) / {@code .jsonl} (one object per line) with a {@code story} or {@code text} field.
     */
    public static Corpus tinyStories(Path path) {
        return corpus("TinyStories " + path.getFileName(), path, p -> hasExtension(p, ".txt", ".json", ".jsonl"), (file, issues) -> {
            if (hasExtension(file, ".jsonl")) return jsonLines(file, issues, "story", "text");
            if (hasExtension(file, ".json")) return jsonArray(file, issues, "story", "text");
            return separated(file, issues, END_OF_TEXT);
        });
    }

    /** BabyLM {@code .train} (or {@code .dev}/{@code .test}) files: one utterance per line, grouped into documents. */
    public static Corpus babyLm(Path path) {
        return corpus("BabyLM " + path.getFileName(), path, p -> hasExtension(p, ".train", ".dev", ".test", ".txt"), Corpora::babyLmFile);
    }

    /**
     * JSON Lines of instruction/story pairs with the given field names. An optional {@code "level"} field gives the
     * instruction level ("none", "weak", "strong" or 0–4, see {@link PairCorpus#level}); any other value is malformed.
     */
    public static PairCorpus jsonlPairs(Path path, String instructionField, String storyField) {
        FileRecords.Format<PairCorpus.Entry> format = (file, issues) -> jsonObjects(file, issues, (node, line) -> {
            JsonNode in = node.get(instructionField), out = node.get(storyField);
            if (in == null || !in.isTextual() || out == null || !out.isTextual()) {
                issues.malformed(file, line, "needs text fields \"" + instructionField + "\" and \"" + storyField + "\", has " + fieldNames(node));
                return null;
            }
            JsonNode level = node.get("level");
            Integer lv = null;
            if (level != null && !level.isNull()) {
                try {
                    lv = PairCorpus.level(level.isIntegralNumber() || level.isTextual() ? level.asText() : level.toString());
                } catch (IllegalArgumentException e) {
                    issues.malformed(file, line, "\"level\" " + e.getMessage().replace("an instruction level ", ""));
                    return null;
                }
            }
            return new PairCorpus.Entry(new Pair(in.asText(), out.asText()), lv, file, line);
        });
        return new PairCorpus(new FileRecords<>("pairs " + path.getFileName(), path, p -> hasExtension(p, ".jsonl", ".json"), format, false));
    }

    /**
     * A book of titled chapters or tales (such as a Project Gutenberg text): the Gutenberg header and
     * licence footer are stripped; a chapter starts at an ALL-CAPS title line that follows a blank line (a
     * second capitalised line right under a title, such as "FIRST STORY", stays in the body). Sections
     * without text (the book's own title) are dropped. When splitting at runs of three or more blank lines
     * instead (the first line of each piece being its title, as in Aesop) finds more chapters, that wins.
     * Documents are named {@code file#TITLE}.
     */
    public static Corpus book(Path path) {
        return corpus("book " + path.getFileName(), path, p -> true, Corpora::bookFile);
    }

    // ---- formats ---------------------------------------------------------------------------------------

    private static Corpus corpus(String name, Path path, Predicate<Path> accept, FileRecords.Format<Document> format) {
        return new FileCorpus(new FileRecords<>(name, path, accept, format, false));
    }

    private static FileRecords.Source<Document> wholeFile(Path file, FileRecords.Issues issues) {
        var lines = new LineReader(file);
        return new FileRecords.Source<>() {
            boolean done;
            public Document next() {
                if (done) return null;
                done = true;
                var sb = new StringBuilder();
                String line;
                while ((line = validLine(lines, file, issues)) != null) sb.append(line).append('\n');
                return new Document(file.getFileName().toString(), sb.toString().strip());
            }
            public void close() { lines.close(); }
        };
    }

    private static FileRecords.Source<Document> paragraphFile(Path file, FileRecords.Issues issues) {
        var lines = new LineReader(file);
        return new FileRecords.Source<>() {
            public Document next() {
                var sb = new StringBuilder();
                long first = 0;
                String line;
                while ((line = validLine(lines, file, issues)) != null) {
                    if (line.isBlank()) {
                        if (sb.length() > 0) break;
                        continue;
                    }
                    if (sb.length() == 0) first = lines.number();
                    else sb.append('\n');
                    sb.append(line);
                }
                return sb.length() == 0 ? null : new Document(file.getFileName() + ":" + first, sb.toString());
            }
            public void close() { lines.close(); }
        };
    }

    private static FileRecords.Source<Document> separated(Path file, FileRecords.Issues issues, String separator) {
        var lines = new LineReader(file);
        return new FileRecords.Source<>() {
            String carry = ""; // text after a separator on the same line
            long first = 1;
            boolean eof;
            public Document next() {
                while (!eof) {
                    var sb = new StringBuilder(carry);
                    carry = "";
                    String line;
                    boolean ended = false;
                    while ((line = validLine(lines, file, issues)) != null) {
                        int at = line.indexOf(separator);
                        if (at >= 0) {
                            sb.append(line, 0, at);
                            carry = line.substring(at + separator.length());
                            ended = true;
                            break;
                        }
                        sb.append(line).append('\n');
                    }
                    if (!ended) eof = true;
                    long start = first;
                    first = lines.number();
                    String text = sb.toString().strip();
                    if (!text.isEmpty()) return new Document(file.getFileName() + ":" + start, text);
                }
                return null;
            }
            public void close() { lines.close(); }
        };
    }

    private static FileRecords.Source<Document> jsonLines(Path file, FileRecords.Issues issues, String... fields) {
        return jsonObjects(file, issues, (node, line) -> {
            String text = firstText(node, fields);
            if (text == null) {
                issues.malformed(file, line, "no text field " + String.join(" or ", fields) + " (has " + fieldNames(node) + ")");
                return null;
            }
            return new Document(file.getFileName() + ":" + line, text);
        });
    }

    /** Makes one record of the JSON object on line {@code line}, or reports why it cannot and returns null. */
    interface JsonRecord<T> {
        T of(JsonNode node, long line);
    }

    /**
     * The records of a JSON Lines file, one per object line: blank lines are skipped; undecodable lines, lines
     * that are not a JSON object and objects {@code record} refuses are reported and skipped.
     */
    static <T> FileRecords.Source<T> jsonObjects(Path file, FileRecords.Issues issues, JsonRecord<T> record) {
        var lines = new LineReader(file);
        return new FileRecords.Source<>() {
            public T next() {
                String line;
                while ((line = validLine(lines, file, issues)) != null) {
                    if (line.isBlank()) continue;
                    JsonNode node = parse(line, file, lines.number(), issues);
                    if (node == null) continue;
                    T r = record.of(node, lines.number());
                    if (r != null) return r;
                }
                return null;
            }
            public void close() { lines.close(); }
        };
    }

    private static FileRecords.Source<Document> jsonArray(Path file, FileRecords.Issues issues, String... fields) throws IOException {
        JsonParser parser = JSON.getFactory().createParser(file.toFile());
        return new FileRecords.Source<>() {
            boolean started, done;
            int index;
            public Document next() throws IOException {
                try {
                    if (!started) {
                        started = true;
                        if (parser.nextToken() != JsonToken.START_ARRAY) {
                            issues.malformed(file, parser.currentLocation().getLineNr(), "expected a JSON array of objects; for one object per line name the file .jsonl");
                            done = true;
                        }
                    }
                    while (!done) {
                        JsonToken t = parser.nextToken();
                        if (t == null || t == JsonToken.END_ARRAY) { done = true; break; }
                        long line = parser.currentLocation().getLineNr();
                        JsonNode node = parser.readValueAsTree();
                        index++;
                        String text = node == null ? null : firstText(node, fields);
                        if (text == null) {
                            issues.malformed(file, line, "record " + index + " has no text field " + String.join(" or ", fields));
                            continue;
                        }
                        return new Document(file.getFileName() + "[" + (index - 1) + "]", text);
                    }
                } catch (JsonProcessingException e) {
                    // after a syntax error the rest of an array cannot be trusted: report it and stop this file
                    issues.malformed(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "invalid JSON, rest of file skipped: " + e.getOriginalMessage());
                    done = true;
                }
                return null;
            }
            public void close() throws IOException { parser.close(); }
        };
    }

    private static FileRecords.Source<Document> babyLmFile(Path file, FileRecords.Issues issues) {
        var lines = new LineReader(file);
        return new FileRecords.Source<>() {
            public Document next() {
                var sb = new StringBuilder();
                long first = 0;
                int n = 0;
                String line;
                while (n < BABYLM_LINES_PER_DOCUMENT && (line = validLine(lines, file, issues)) != null) {
                    if (line.isBlank()) {
                        if (n > 0) break;
                        continue;
                    }
                    if (n++ == 0) first = lines.number();
                    else sb.append('\n');
                    sb.append(line.strip());
                }
                return n == 0 ? null : new Document(file.getFileName() + ":" + first, sb.toString());
            }
            public void close() { lines.close(); }
        };
    }

    private static FileRecords.Source<Document> bookFile(Path file, FileRecords.Issues issues) {
        List<String> lines = new ArrayList<>();
        try (var reader = new LineReader(file)) {
            String line;
            while ((line = validLine(reader, file, issues)) != null) lines.add(line);
        }
        var chapters = Book.chapters(lines);
        String name = file.getFileName().toString();
        var it = chapters.iterator();
        return () -> {
            if (!it.hasNext()) return null;
            var c = it.next();
            return new Document(name + "#" + c.title(), c.text());
        };
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** The next decodable line; undecodable ones are reported and skipped. */
    private static String validLine(LineReader lines, Path file, FileRecords.Issues issues) {
        String line;
        while ((line = lines.next()) == LineReader.INVALID) issues.malformed(file, lines.number(), "invalid UTF-8");
        return line;
    }

    private static JsonNode parse(String line, Path file, long number, FileRecords.Issues issues) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject()) return node;
            issues.malformed(file, number, "expected a JSON object");
        } catch (JsonProcessingException e) {
            issues.malformed(file, number, "invalid JSON: " + e.getOriginalMessage());
        }
        return null;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && v.isTextual()) return v.asText();
        }
        return null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static boolean hasExtension(Path p, String... extensions) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : extensions) if (n.endsWith(e)) return true;
        return false;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
