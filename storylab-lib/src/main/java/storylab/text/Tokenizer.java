package storylab.text;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Text ↔ token ids. Every tokenizer in the lab is lossless on UTF-8 text and has an end-of-text and a
 * padding token; instruction formats add their separators as special tokens.
 */
public interface Tokenizer {

    int[] encode(String text);

    String decode(int[] ids);

    int vocabSize();

    /** The end-of-text id: separates documents in pretraining, stops sampling. */
    default int eot() {
        return special("<|endoftext|>");
    }

    /** The padding id: filled into batches of unequal length and masked out of the loss. */
    default int pad() {
        return special("<|pad|>");
    }

    /** The id of a special token such as {@code "<|sep|>"}. @throws IllegalArgumentException if unknown */
    int special(String name);

    /** Writes this tokenizer as one JSON file; {@link Tokenizers#load} reads it back. */
    void save(Path file) throws IOException;
}
