package storylab.model;

/**
 * The shape of a GPT: vocabulary, context length, width, depth and heads. Records copy cheaply, so
 * variants read as {@code GptConfig.tiny(vocab).withLayers(2)}.
 */
public record GptConfig(int vocab, int context, int d, int layers, int heads, long seed) {

    public GptConfig {
        if (vocab <= 0 || context <= 0 || layers <= 0 || heads <= 0) throw new IllegalArgumentException("sizes must be positive: " + this0(vocab, context, d, layers, heads));
        if (d % heads != 0) throw new IllegalArgumentException("d " + d + " is not divisible by heads " + heads);
    }

    private static String this0(int vocab, int context, int d, int layers, int heads) {
        return "vocab " + vocab + ", context " + context + ", d " + d + ", layers " + layers + ", heads " + heads;
    }

    /** Workshop size: about 1–4M parameters, trains on a laptop in minutes. */
    public static GptConfig tiny(int vocab) {
        return new GptConfig(vocab, 128, 192, 4, 4, 1337);
    }

    /** About 20M parameters (vocab 16k): the paper-A workhorse. */
    public static GptConfig small(int vocab) {
        return new GptConfig(vocab, 256, 384, 8, 6, 1337);
    }

    /** GPT-2 small's trunk (12 layers, 12 heads, d 768) with a 512 context and a 16k vocabulary. */
    public static GptConfig gpt2Small() {
        return new GptConfig(16_000, 512, 768, 12, 12, 1337);
    }

    public GptConfig withVocab(int v) { return new GptConfig(v, context, d, layers, heads, seed); }
    public GptConfig withContext(int c) { return new GptConfig(vocab, c, d, layers, heads, seed); }
    public GptConfig withD(int w) { return new GptConfig(vocab, context, w, layers, heads, seed); }
    public GptConfig withLayers(int l) { return new GptConfig(vocab, context, d, l, heads, seed); }
    public GptConfig withHeads(int h) { return new GptConfig(vocab, context, d, layers, h, seed); }
    public GptConfig withSeed(long s) { return new GptConfig(vocab, context, d, layers, heads, s); }

    public int headDim() {
        return d / heads;
    }

    /** Parameters, counting the tied head once. */
    public long parameters() {
        long perLayer = 12L * d * d + 13L * d; // qkv 3d², proj d², mlp 8d², their biases 9d, two LayerNorms 4d
        return (long) vocab * d + (long) context * d + layers * perLayer + 2L * d;
    }

    /**
     * Training FLOPs per token (forward + backward) as nanoGPT and the PaLM appendix count them: 6 per matmul
     * weight plus 12·L·T·d for the attention scores and mix (computed in full, masked afterwards).
     */
    public double flopsPerToken() {
        long matmulParams = parameters() - (long) context * d; // position embeddings do no matmul
        return 6.0 * matmulParams + 12.0 * layers * context * d;
    }

    @Override
    public String toString() {
        return String.format("GptConfig(vocab %d, context %d, d %d, layers %d, heads %d, %.1fM params, seed %d)",
                vocab, context, d, layers, heads, parameters() / 1e6, seed);
    }
}
