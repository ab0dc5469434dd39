package storylab.eval;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import storylab.data.Words;

/**
 * Perplexity and the tokenizer-independent rates derived from the same summed loss.
 *
 * <p>Perplexity per token depends on the tokenizer (a finer tokenizer has more, easier tokens), so
 * two models are only comparable by perplexity if they share it. Bits per word (BabyLM whitespace
 * words) and bits per byte (UTF-8) divide the same total information by a count that does not depend
 * on the tokenizer, so they compare across tokenizers.
 *
 * <pre>{@code
 * Perplexity.of(nllSum, tokenCount, heldOutText)        // words and bytes counted from the text
 * Perplexity.of(nllSum, tokens, words, bytes)           // counts known already
 * part1.plus(part2)                                      // pool held-out shards
 * }</pre>
 *
 * @param ppl          exp(nllSum / tokens)
 * @param bitsPerToken nllSum / ln 2 / tokens
 * @param bitsPerWord  nllSum / ln 2 / words (NaN when words is 0)
 * @param bitsPerByte  nllSum / ln 2 / bytes (NaN when bytes is 0)
 * @param nllSum       summed negative log-likelihood of the scored tokens, in nats
 * @param tokens       number of scored tokens
 * @param words        whitespace words of the text those tokens encode
 * @param bytes        UTF-8 bytes of that text
 */
public record Perplexity(double ppl, double bitsPerToken, double bitsPerWord, double bitsPerByte,
                         double nllSum, long tokens, long words, long bytes) {

    private static final double LN2 = Math.log(2);

    /** From the summed token NLL (nats) and the three counts of the scored text. */
    public static Perplexity of(double nllSum, long tokens, long words, long bytes) {
        if (tokens <= 0) throw new IllegalArgumentException("perplexity needs at least one token, got " + tokens);
        if (words < 0 || bytes < 0) throw new IllegalArgumentException("negative word or byte count");
        if (!(nllSum >= 0)) throw new IllegalArgumentException("NLL sum must be a non-negative number, got " + nllSum);
        double bits = nllSum / LN2;
        return new Perplexity(Math.exp(nllSum / tokens), bits / tokens, per(bits, words), per(bits, bytes),
                nllSum, tokens, words, bytes);
    }

    /**
     * From the summed NLL of the tokens that encode {@code text}; words are counted as BabyLM does
     * ({@link Words#count}) and bytes in UTF-8. Pass the text the tokens really cover (without added
     * special tokens' text), or the rates are off.
     */
    public static Perplexity of(double nllSum, long tokens, String text) {
        return of(nllSum, tokens, Words.count(text), text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Pools two measurements as if their texts had been scored together. */
    public Perplexity plus(Perplexity other) {
        return of(nllSum + other.nllSum, tokens + other.tokens, words + other.words, bytes + other.bytes);
    }

    /** Mean NLL per token in nats (the usual cross-entropy loss). */
    public double meanNll() {
        return nllSum / tokens;
    }

    private static double per(double bits, long count) {
        return count == 0 ? Double.NaN : bits / count;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ppl %.3f | %.4f bits/token, %.4f bits/word, %.4f bits/byte (%d tokens, %d words, %d bytes)",
                ppl, bitsPerToken, bitsPerWord, bitsPerByte, tokens, words, bytes);
    }
}
