package storylab.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The simplest lossless tokenizer: one token per UTF-8 byte (ids 0–255) followed by special tokens. The
 * base alphabet of byte-level BPE, and a tokenizer that needs no training for tests and tiny demos.
 */
public final class ByteTokenizer implements Tokenizer {

    public static final List<String> DEFAULT_SPECIALS = List.of("<|endoftext|>", "<|pad|>", "<|sep|>");

    private final List<String> specials;

    public ByteTokenizer() {
        this(DEFAULT_SPECIALS);
    }

    public ByteTokenizer(List<String> specials) {
        if (!specials.contains("<|endoftext|>") || !specials.contains("<|pad|>"))
            throw new IllegalArgumentException("specials must include <|endoftext|> and <|pad|>, got " + specials);
        this.specials = List.copyOf(specials);
    }

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) ids[i] = bytes[i] & 0xff;
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        var bytes = new java.io.ByteArrayOutputStream(ids.length);
        for (int id : ids) if (id >= 0 && id < 256) bytes.write(id);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return 256 + specials.size();
    }

    @Override
    public int special(String name) {
        int i = specials.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("unknown special token " + name + "; this tokenizer has " + specials);
        return 256 + i;
    }

    @Override
    public void save(Path file) throws IOException {
        Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of("type", "bytes", "specials", specials)));
    }

    @Override
    public String toString() {
        return "ByteTokenizer(vocab " + vocabSize() + ", specials " + specials + ")";
    }
}
