package storylab.data;

import java.nio.file.Path;

/** Thrown by a {@link Corpus#strict() strict} corpus at the first malformed line or record. */
public class CorpusFormatException extends RuntimeException {

    private final Path file;
    private final long line;

    public CorpusFormatException(Path file, long line, String reason) {
        super(file + ":" + line + ": " + reason
                + " — fix or remove that line, or load without .strict() to skip malformed records and count them in report()");
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
