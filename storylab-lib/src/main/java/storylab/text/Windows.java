package storylab.text;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import storylab.data.Corpus;
import storylab.data.Document;

/**
 * Packs documents into fixed-length training windows for next-token prediction: documents are encoded,
 * joined by the end-of-text token, and cut into windows of {@code context + 1} tokens that overlap by one,
 * so that {@code inputs(w)} predicts {@code targets(w)} and no target is lost between windows. The tail
 * shorter than a window is dropped. Lazy: a billion-word corpus streams through.
 */
public final class Windows {

    private Windows() {}

    public static Stream<int[]> pack(Tokenizer tokenizer, Corpus corpus, int context) {
        return pack(tokenizer, corpus.stream().map(Document::text), context);
    }

    public static Stream<int[]> pack(Tokenizer tokenizer, Stream<String> texts, int context) {
        if (context < 1) throw new IllegalArgumentException("context must be ≥ 1, got " + context);
        Iterator<String> docs = texts.iterator();
        int eot = tokenizer.eot();
        Iterator<int[]> windows = new Iterator<>() {
            int[] buf = new int[Math.max(1024, 4 * (context + 1))];
            int start, end; // tokens waiting in buf[start, end)

            public boolean hasNext() {
                while (end - start < context + 1 && docs.hasNext()) append(tokenizer.encode(docs.next()), eot);
                return end - start >= context + 1;
            }

            public int[] next() {
                if (!hasNext()) throw new NoSuchElementException();
                int[] w = Arrays.copyOfRange(buf, start, start + context + 1);
                start += context; // the last token of this window is the first of the next
                return w;
            }

            private void append(int[] ids, int sep) {
                int need = end - start + ids.length + 1;
                if (need > buf.length - start) {
                    int[] grown = need > buf.length ? new int[Math.max(need, buf.length * 2)] : buf;
                    System.arraycopy(buf, start, grown, 0, end - start);
                    end -= start;
                    start = 0;
                    buf = grown;
                }
                System.arraycopy(ids, 0, buf, end, ids.length);
                end += ids.length;
                buf[end++] = sep;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(windows, Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(texts::close);
    }

    /** The first {@code context} tokens of a window: what the model reads. */
    public static int[] inputs(int[] window) {
        return Arrays.copyOf(window, window.length - 1);
    }

    /** The last {@code context} tokens of a window: what it should predict at each position. */
    public static int[] targets(int[] window) {
        return Arrays.copyOfRange(window, 1, window.length);
    }

    /** Groups windows into batches of {@code size} rows (the last, smaller batch is kept). */
    public static Stream<int[][]> batches(Stream<int[]> windows, int size) {
        Iterator<int[]> it = windows.iterator();
        Iterator<int[][]> batches = new Iterator<>() {
            public boolean hasNext() { return it.hasNext(); }
            public int[][] next() {
                int[][] b = new int[size][];
                int n = 0;
                while (n < size && it.hasNext()) b[n++] = it.next();
                return n == size ? b : Arrays.copyOf(b, n);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batches, Spliterator.ORDERED), false).onClose(windows::close);
    }
}
