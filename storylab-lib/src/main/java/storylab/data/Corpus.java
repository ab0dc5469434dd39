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

    /**
     * The first {@code budget} whitespace-separated words: whole documents until the budget is nearly spent,
     * then the head of the next one. Exact whenever the corpus has that many words.
     */
    default Corpus words(long budget) {
        if (budget < 0) throw new IllegalArgumentException("word budget must be ≥ 0, got " + budget);
        return new Corpus.Derived(this, name() + " [" + budget + " words]", source -> {
            long[] left = {budget}; // one counter per pass: each stream() starts afresh
            return source.stream().sequential().takeWhile(d -> left[0] > 0).map(d -> {
                int n = d.words();
                if (n <= left[0]) {
                    left[0] -= n;
                    return d;
                }
                var head = new Document(d.id(), Words.head(d.text(), left[0]));
                left[0] = 0;
                return head;
            });
        });
    }

    /** Total whitespace-separated words (reads the whole corpus once). */
    default long countWords() {
        return stream().mapToLong(Document::words).sum();
    }

    /**
     * A deterministic train/validation split: a document goes to validation when the hash of its id and the
     * seed falls below {@code validationFraction}. Stable across runs, machines and corpus order.
     */
    default Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction <= 1))
            throw new IllegalArgumentException("validation fraction must be in [0, 1], got " + validationFraction);
        return new Split(
                new Corpus.Derived(this, name() + " [train]", source -> source.stream().filter(d -> !Split.inValidation(d.id(), validationFraction, seed))),
                new Corpus.Derived(this, name() + " [validation]", source -> source.stream().filter(d -> Split.inValidation(d.id(), validationFraction, seed))));
    }

    /** The training part of {@code split(0.05, 0)}. */
    default Corpus train() {
        return split(Split.DEFAULT_FRACTION, 0).train();
    }

    /** The validation part of {@code split(0.05, 0)}. */
    default Corpus validation() {
        return split(Split.DEFAULT_FRACTION, 0).validation();
    }

    /**
     * Problems (malformed lines or records) met during the latest complete pass. In-memory corpora have none.
     */
    default LoadReport report() {
        return LoadReport.none(name());
    }

    /**
     * A copy that fails fast on the first malformed line or record instead of skipping and counting it.
     * In-memory corpora cannot be malformed, so they return themselves.
     */
    default Corpus strict() {
        return this;
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

    /** A view of another corpus (budgeted, split, …) that keeps its source's report, and can be made strict. */
    final class Derived implements Corpus {
        private final Corpus source;
        private final String name;
        private final java.util.function.Function<Corpus, Stream<Document>> view;

        Derived(Corpus source, String name, java.util.function.Function<Corpus, Stream<Document>> view) {
            this.source = source;
            this.name = name;
            this.view = view;
        }

        public String name() { return name; }
        public Stream<Document> stream() { return view.apply(source); }
        public LoadReport report() { return source.report(); }
        public Corpus strict() { return new Derived(source.strict(), name, view); }
        public String toString() { return "Corpus(" + name + ")"; }
    }
}
