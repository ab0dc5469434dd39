package storylab.data;

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
    private final byte[] buf = new byte[1 << 16];
    private int pos, limit;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private int length;
    private long number;
    private boolean eof;

    LineReader(Path file) {
        try {
            this.in = Files.newInputStream(file);
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
        length = 0;
        try {
            while (true) {
                if (pos == limit) {
                    limit = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        eof = true;
                        if (length == 0) return null;
                        break;
                    }
                }
                int start = pos;
                while (pos < limit && buf[pos] != '\n') pos++;
                append(start, pos);
                if (pos < limit) { pos++; break; } // consumed the '\n'
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        number++;
        int from = number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF ? 3 : 0;
        int to = length > from && line[length - 1] == '\r' ? length - 1 : length;
        try {
            return decoder.decode(ByteBuffer.wrap(line, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return INVALID;
        }
    }

    private void append(int start, int end) {
        int n = end - start;
        if (length + n > line.length) line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        System.arraycopy(buf, start, line, length, n);
        length += n;
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
