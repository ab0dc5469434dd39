package storylab.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a UTF-8 file line by line (LF or CRLF, BOM or not), decoding each line strictly so that one
 * line of bad bytes is reported as one malformed line instead of poisoning the whole file.
 */
final class LineReader implements Closeable {

    /** Marks a line whose bytes are not valid UTF-8. */
    static final String INVALID = new String("\uFFFF<invalid UTF-8>");

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private long number;
    private boolean eof;

    LineReader(Path file) {
        try {
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** The 1-based number of the line last returned. */
    long number() {
        return number;
    }

    /** The next line without its terminator, {@link #INVALID} (compare by identity) if undecodable, null at end. */
    String next() {
        if (eof) return null;
        line.reset();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') line.write(b);
            if (b < 0) {
                eof = true;
                if (line.size() == 0) return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        number++;
        byte[] bytes = line.toByteArray();
        int start = number == 1 && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        int end = bytes.length > start && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            return INVALID;
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
