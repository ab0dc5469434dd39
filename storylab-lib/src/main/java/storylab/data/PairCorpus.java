package storylab.data;

import java.util.stream.Stream;

/** Instruction/story pairs read from files, with the same lazy passes, report and strictness as a corpus. */
public final class PairCorpus {

    private final FileRecords<Pair> records;

    PairCorpus(FileRecords<Pair> records) {
        this.records = records;
    }

    public String name() {
        return records.name();
    }

    /** A fresh pass over the pairs, in file order. */
    public Stream<Pair> pairs() {
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

    @Override
    public String toString() {
        return "PairCorpus(" + records + ")";
    }
}
