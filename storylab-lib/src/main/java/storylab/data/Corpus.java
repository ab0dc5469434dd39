package storylab.data;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A lazily streamed collection of documents. Streams are re-creatable (each {@link #stream()} call starts
 * over), so a corpus of a billion words never sits in memory.
 */
public interface Corpus extends Iterable<Document> {

    String name();

    /** A fresh stream over the documents, in a deterministic order. */
    Stream<Document> stream();

    @Override
    default Iterator<Document> iterator() {
        return stream().iterator();
    }

    /** A corpus from a re-creatable stream. */
    static Corpus of(String name, Supplier<Stream<Document>> documents) {
        return new Corpus() {
            public String name() { return name; }
            public Stream<Document> stream() { return documents.get(); }
            public String toString() { return "Corpus(" + name + ")"; }
        };
    }

    /** A small in-memory corpus, one document per text. */
    static Corpus of(String name, List<String> texts) {
        return of(name, () -> java.util.stream.IntStream.range(0, texts.size()).mapToObj(i -> new Document(name + "#" + i, texts.get(i))));
    }
}
