package storylab.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Instruction/story pairs read from files, with the same lazy passes, report and strictness as a corpus. A line may
 * carry an instruction level ({@code "level": "weak"}, {@code "strong"}, {@code "none"} or 0–4), which a curriculum
 * uses to draw the pairs of each phase.
 */
public final class PairCorpus {

    /** One pair as read: its instruction level when the line gives one (null otherwise), and the file and line it came from. */
    public record Entry(Pair pair, Integer level, Path file, long line) {}

    private final FileRecords<Entry> records;

    PairCorpus(FileRecords<Entry> records) {
        this.records = records;
    }

    public String name() {
        return records.name();
    }

    /** A fresh pass over the pairs, in file order. */
    public Stream<Pair> pairs() {
        return entries().map(Entry::pair);
    }

    /** A fresh pass over the pairs with their levels and lines, in file order. */
    public Stream<Entry> entries() {
        return records.stream();
    }

    /** The stories alone, as a corpus for pretraining. */
    public Corpus stories() {
        return Corpus.of(name() + " [stories]", () -> {
            long[] i = {0};
            return pairs().map(p -> new Document(name() + "#" + i[0]++, p.story()));
        });
    }

    public LoadReport report() {
        return records.report();
    }

    public PairCorpus strict() {
        return new PairCorpus(records.strict());
    }

    /**
     * An instruction level by name: "none" (or "pretrain") 0, "weak" 1, "strong" 4, or the digits 0–4 (paper B's
     * specificity levels, as in the story world).
     */
    public static int level(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "none", "pretrain", "0" -> 0;
            case "weak", "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
            case "strong", "4" -> 4;
            default -> throw new IllegalArgumentException("an instruction level must be none, weak, strong or 0–4, not \"" + name + "\"");
        };
    }

    @Override
    public String toString() {
        return "PairCorpus(" + records + ")";
    }
}
