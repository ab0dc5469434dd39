package storylab.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import storylab.data.Corpus;

/**
 * Byte-level BPE: text is cut into GPT-2 style pieces ({@link PreTokenizer}), each piece's UTF-8 bytes
 * (ids 0–255) are merged pairwise in the order training learned the merges. Ids: 256 bytes, then the
 * special tokens, then one id per merge. Lossless on every Java string; special tokens are only produced by
 * {@link #special} and are dropped by {@link #decode}, as in {@link ByteTokenizer}.
 */
public final class BpeTokenizer implements Tokenizer {

    /** Pieces remembered by the encode cache; stories repeat their words, so the hit rate is high. */
    static final int CACHE_LIMIT = 200_000;

    private final List<String> specials;
    private final int[][] merges; // merges[r] = {left, right}; the merged id is firstMergeId + r
    private final int firstMergeId;
    private final Map<Long, Integer> rank = new HashMap<>();
    private final byte[][] bytesOf; // id → the bytes it stands for (empty for specials)
    private final ThreadLocal<PieceCache> cache = ThreadLocal.withInitial(() -> new PieceCache(CACHE_LIMIT));

    BpeTokenizer(List<String> specials, int[][] merges) {
        if (!specials.contains("<|endoftext|>") || !specials.contains("<|pad|>"))
            throw new IllegalArgumentException("specials must include <|endoftext|> and <|pad|>, got " + specials);
        this.specials = List.copyOf(specials);
        this.merges = merges;
        this.firstMergeId = 256 + specials.size();
        bytesOf = new byte[firstMergeId + merges.length][];
        for (int b = 0; b < 256; b++) bytesOf[b] = new byte[] {(byte) b};
        for (int s = 0; s < specials.size(); s++) bytesOf[256 + s] = new byte[0];
        for (int r = 0; r < merges.length; r++) {
            int a = merges[r][0], b = merges[r][1];
            if (a >= firstMergeId + r || b >= firstMergeId + r || (a >= 256 && a < firstMergeId) || (b >= 256 && b < firstMergeId))
                throw new IllegalArgumentException("merge " + r + " (" + a + ", " + b + ") refers to an id that is not a byte or an earlier merge");
            rank.put(key(a, b), r);
            byte[] x = bytesOf[a], y = bytesOf[b], xy = new byte[x.length + y.length];
            System.arraycopy(x, 0, xy, 0, x.length);
            System.arraycopy(y, 0, xy, x.length, y.length);
            bytesOf[firstMergeId + r] = xy;
        }
    }

    /** Trains on a corpus with the default special tokens ({@code <|endoftext|>}, {@code <|pad|>}, {@code <|sep|>}). */
    public static BpeTokenizer train(Corpus corpus, int vocabSize) {
        return trainer().vocabSize(vocabSize).train(corpus);
    }

    public static BpeTrainer trainer() {
        return new BpeTrainer();
    }

    static long key(int a, int b) {
        return (long) a << 32 | (b & 0xFFFFFFFFL);
    }

    @Override
    public int[] encode(String text) {
        var out = new IntBuffer(text.length() / 3 + 16);
        PieceCache pieces = cache.get();
        PreTokenizer.split(text, (start, end) -> {
            int[] ids = pieces.get(text, start, end);
            if (ids == null) {
                String piece = text.substring(start, end);
                ids = encodePiece(piece);
                pieces.put(piece, ids);
            }
            out.add(ids);
        });
        return out.toArray();
    }

    /** Merges the bytes of one piece, always applying the earliest-learned merge first. */
    int[] encodePiece(String piece) {
        byte[] bytes = Utf8.encode(piece);
        int[] sym = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) sym[i] = bytes[i] & 0xFF;
        int n = sym.length;
        while (n > 1) {
            int best = Integer.MAX_VALUE, at = -1;
            for (int i = 0; i + 1 < n; i++) {
                Integer r = rank.get(key(sym[i], sym[i + 1]));
                if (r != null && r < best) { best = r; at = i; }
            }
            if (at < 0) break;
            int a = merges[best][0], b = merges[best][1], merged = firstMergeId + best, w = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && sym[i] == a && sym[i + 1] == b) { sym[w++] = merged; i++; }
                else sym[w++] = sym[i];
            }
            n = w;
        }
        return n == sym.length ? sym : java.util.Arrays.copyOf(sym, n);
    }

    @Override
    public String decode(int[] ids) {
        var bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) if (id >= 0 && id < bytesOf.length) bytes.writeBytes(bytesOf[id]);
        return Utf8.decode(bytes.toByteArray(), bytes.size());
    }

    /** The text a token stands for (bytes that are not whole characters show as U+FFFD), or its special name. */
    public String token(int id) {
        if (id >= 256 && id < firstMergeId) return specials.get(id - 256);
        return Utf8.decode(bytesOf[id], bytesOf[id].length);
    }

    @Override
    public int vocabSize() {
        return firstMergeId + merges.length;
    }

    @Override
    public int special(String name) {
        int i = specials.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("unknown special token " + name + "; this tokenizer has " + specials);
        return 256 + i;
    }

    public List<String> specials() {
        return specials;
    }

    /** Number of merges learned. */
    public int merges() {
        return merges.length;
    }

    @Override
    public void save(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "bpe");
        json.put("pretokenizer", "gpt2-style");
        json.put("specials", specials);
        json.put("merges", merges);
        new ObjectMapper().writeValue(file.toFile(), json);
    }

    static BpeTokenizer fromJson(JsonNode root) {
        List<String> specials = new ArrayList<>();
        root.path("specials").forEach(n -> specials.add(n.asText()));
        JsonNode m = root.path("merges");
        int[][] merges = new int[m.size()][];
        for (int i = 0; i < merges.length; i++) merges[i] = new int[] {m.get(i).get(0).asInt(), m.get(i).get(1).asInt()};
        return new BpeTokenizer(specials, merges);
    }

    @Override
    public String toString() {
        return "BpeTokenizer(vocab " + vocabSize() + ", " + merges.length + " merges, specials " + specials + ")";
    }

    /** A growable int array. */
    static final class IntBuffer {
        private int[] a;
        private int n;

        IntBuffer(int capacity) {
            a = new int[Math.max(capacity, 8)];
        }

        void add(int x) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = x;
        }

        void add(int[] xs) {
            if (n + xs.length > a.length) a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + xs.length));
            System.arraycopy(xs, 0, a, n, xs.length);
            n += xs.length;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
