package storylab.data;

import java.util.stream.Stream;

/** A {@link Corpus} read from files: strict on request, with a report of what it skipped. */
final class FileCorpus implements Corpus {

    private final FileRecords<Document> records;

    FileCorpus(FileRecords<Document> records) {
        this.records = records;
    }

    @Override
    public String name() {
        return records.name();
    }

    @Override
    public Stream<Document> stream() {
        return records.stream();
    }

    @Override
    public LoadReport report() {
        return records.report();
    }

    @Override
    public Corpus strict() {
        return new FileCorpus(records.strict());
    }

    @Override
    public String toString() {
        return "Corpus(" + records + ")";
    }
}
