package storylab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import storylab.data.Corpus;
import storylab.data.Document;
import storylab.text.Tokenizer;

/**
 * Packs a corpus into training windows of context+1 tokens: documents are tokenized, joined by end-of-text
 * and cut every {@code context} tokens (consecutive windows share one token, so every token is a target
 * once). Windows are served in a shuffled order, chunk by chunk (a chunk is a few hundred windows, permuted
 * by seed and chunk index), so a billion-word corpus never sits in memory and the order is reproducible.
 *
 * <p>Each token carries its document's words divided by its token count, so the words of a window are
 * exact fractions and the words seen over a run add up to the words of the documents consumed.
 */
public final class Windows {

    /** One window: context+1 token ids and the words it accounts for. */
    public record Window(int[] tokens, double words) {}

    private final Corpus corpus;
    private final Tokenizer tokenizer;
    private final int context, chunkSize;
    private final long seed, skipDocuments;

    private DataState state;
    private List<Window> chunk = List.of();
    private DataState next; // the state at the start of the following chunk
    private Iterator<Document> docs;

    /** @param skipDocuments documents at the head of the corpus reserved for validation */
    public Windows(Corpus corpus, Tokenizer tokenizer, int context, int chunkSize, long seed, long skipDocuments, DataState state) {
        this.corpus = corpus;
        this.tokenizer = tokenizer;
        this.context = context;
        this.chunkSize = chunkSize;
        this.seed = seed;
        this.skipDocuments = skipDocuments;
        this.state = state;
        fill();
    }

    /** The state to save: restoring it serves the same windows from here on. */
    public DataState state() {
        return state;
    }

    public Window next() {
        if (state.served() >= chunk.size()) {
            state = next;
            fill();
        }
        var w = chunk.get(state.served());
        state = new DataState(state.epoch(), state.chunk(), state.document(), state.carry(), state.carryWords(), state.served() + 1);
        return w;
    }

    /** Builds the chunk that starts at {@link #state} and the state of the chunk after it. */
    private void fill() {
        int epoch = state.epoch();
        long doc = state.document();
        // Opened once (at the restored position) and then read on: a chunk continues where the last one stopped.
        if (docs == null) docs = corpus.stream().skip(skipDocuments + doc).iterator();
        var tokens = new IntBuffer(state.carry(), state.carryWords());
        var list = new ArrayList<Window>(chunkSize);
        int wrapped = 0;
        while (list.size() < chunkSize) {
            while (tokens.size < context + 1) {
                if (!docs.hasNext()) {
                    if (doc == 0 || ++wrapped > 1) break; // an empty corpus, or one smaller than a window
                    epoch++;
                    doc = 0;
                    docs = corpus.stream().skip(skipDocuments).iterator();
                    continue;
                }
                var d = docs.next();
                doc++;
                int[] ids = tokenizer.encode(d.text());
                double perToken = (double) d.words() / (ids.length + 1);
                tokens.add(ids, perToken);
                tokens.add(new int[] {tokenizer.eot()}, perToken);
            }
            if (tokens.size < context + 1) break;
            list.add(tokens.window(context));
        }
        if (list.isEmpty()) throw new IllegalStateException("corpus " + corpus.name() + " has fewer than " + (context + 1) + " tokens after the validation documents");
        // The permutation depends on the seed and the chunk index only, so a restart reproduces it.
        var rng = new Random(seed * 1_000_003L + state.chunk());
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            var t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
        chunk = list;
        next = new DataState(epoch, state.chunk() + 1, doc, tokens.remaining(), tokens.remainingWords(), 0);
    }

    /** A growable token buffer with per-token word weights. */
    private static final class IntBuffer {
        int[] ids;
        double[] words;
        int start, size;

        IntBuffer(int[] carry, double[] carryWords) {
            ids = Arrays.copyOf(carry, Math.max(16, carry.length));
            words = Arrays.copyOf(carryWords, ids.length);
            size = carry.length;
        }

        void add(int[] more, double weight) {
            if (start + size + more.length > ids.length) {
                int cap = Math.max(2 * (size + more.length), 16);
                ids = Arrays.copyOfRange(ids, start, start + cap);
                words = Arrays.copyOfRange(words, start, start + cap);
                start = 0;
            }
            System.arraycopy(more, 0, ids, start + size, more.length);
            Arrays.fill(words, start + size, start + size + more.length, weight);
            size += more.length;
        }

        /** context+1 tokens; advances by context (the last token stays as the next window's first). */
        Window window(int context) {
            int[] w = Arrays.copyOfRange(ids, start, start + context + 1);
            double sum = 0;
            for (int i = start; i < start + context; i++) sum += words[i];
            start += context;
            size -= context;
            return new Window(w, sum);
        }

        int[] remaining() {
            return Arrays.copyOfRange(ids, start, start + size);
        }

        double[] remainingWords() {
            return Arrays.copyOfRange(words, start, start + size);
        }
    }
}
