package storylab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Records (documents, pairs) read from a file or a folder of files by a {@link Format}. Each pass re-reads
 * the files lazily, skips malformed lines or records (counting them in a fresh {@link LoadReport},
 * summarised once at the end of the pass) or, when strict, stops at the first.
 */
final class FileRecords<T> {

    /** Turns one file into documents, one at a time. */
    interface Format<T> {
        Source<T> open(Path file, Issues issues) throws IOException;
    }

    /** The records of one open file; {@code next()} returns null at the end. */
    interface Source<T> extends AutoCloseable {
        T next() throws IOException;

        @Override
        default void close() throws IOException {}
    }

    /** Where a format reports a malformed line or record. */
    interface Issues {
        void malformed(Path file, long line, String reason);
    }

    private static final System.Logger LOG = System.getLogger("storylab.data");

    private final String name;
    private final Path root;
    private final Predicate<Path> accept;
    private final Format<T> format;
    private final boolean strict;
    private volatile LoadReport report;

    FileRecords(String name, Path root, Predicate<Path> accept, Format<T> format, boolean strict) {
        this.name = name;
        this.root = root;
        this.accept = accept;
        this.format = format;
        this.strict = strict;
        this.report = LoadReport.none(name);
    }

    String name() {
        return name;
    }

    FileRecords<T> strict() {
        return strict ? this : new FileRecords<>(name, root, accept, format, true);
    }

    LoadReport report() {
        return report;
    }

    Stream<T> stream() {
        List<Path> files = files();
        var pass = new LoadReport(name);
        report = pass;
        Issues issues = (file, line, reason) -> {
            if (strict) throw new CorpusFormatException(file, line, reason);
            pass.skip(file, line, reason);
        };
        var it = new PassIterator(files, issues, pass);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::closeCurrent);
    }

    /** The files of this corpus in a stable (sorted) order. */
    List<Path> files() {
        if (!Files.exists(root)) throw new UncheckedIOException(new IOException(root + " does not exist (check the path; relative paths start at the working directory " + Path.of("").toAbsolutePath() + ")"));
        if (Files.isRegularFile(root)) return List.of(root);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).filter(accept).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name + (strict ? " (strict)" : "");
    }

    private final class PassIterator implements Iterator<T> {
        private final List<Path> files;
        private final Issues issues;
        private final LoadReport pass;
        private int nextFile;
        private Source<T> current;
        private T ahead;
        private boolean done;

        PassIterator(List<Path> files, Issues issues, LoadReport pass) {
            this.files = files;
            this.issues = issues;
            this.pass = pass;
        }

        @Override
        public boolean hasNext() {
            if (ahead != null) return true;
            if (done) return false;
            try {
                while (true) {
                    if (current == null) {
                        if (nextFile == files.size()) {
                            finish();
                            return false;
                        }
                        current = format.open(files.get(nextFile++), issues);
                    }
                    T d = current.next();
                    if (d != null) {
                        pass.document();
                        ahead = d;
                        return true;
                    }
                    closeCurrent();
                }
            } catch (IOException e) {
                closeCurrent();
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                closeCurrent();
                throw e;
            }
        }

        @Override
        public T next() {
            if (!hasNext()) throw new NoSuchElementException();
            T d = ahead;
            ahead = null;
            return d;
        }

        void closeCurrent() {
            if (current == null) return;
            try {
                current.close();
            } catch (Exception ignored) {
                // closing a read-only file cannot lose data
            }
            current = null;
        }

        private void finish() {
            done = true;
            if (!pass.clean()) LOG.log(System.Logger.Level.WARNING, pass.toString());
        }
    }
}
