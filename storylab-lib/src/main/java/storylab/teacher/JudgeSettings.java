package storylab.teacher;

import storylab.model.GptConfig;

/**
 * How the offline judge is trained: its language model's shape and word budget, the tokenizer's size, how
 * often real documents are repeated against the story world, and the seed.
 */
public record JudgeSettings(int d, int layers, int heads, int context, int vocab, long words, double lr, int realRepeats, long seed) {

    public JudgeSettings {
        if (words <= 0) throw new IllegalArgumentException("words must be > 0");
        if (realRepeats < 1) throw new IllegalArgumentException("realRepeats must be >= 1");
    }

    /** The default: a GPT wider than the workshop students (d 256, 4 layers, 4M parameters), ~2 minutes on 2 cores with bf16 matmuls. */
    public static JudgeSettings standard() {
        return new JudgeSettings(256, 4, 4, 256, 4096, 600_000, 1e-3, 3, 7);
    }

    /** A small judge for trying the mechanism in seconds; it is not a valid judge of stories. */
    public static JudgeSettings quick() {
        return new JudgeSettings(64, 2, 2, 128, 1024, 40_000, 2e-3, 1, 7);
    }

    public JudgeSettings words(long w) { return new JudgeSettings(d, layers, heads, context, vocab, w, lr, realRepeats, seed); }
    public JudgeSettings seed(long s) { return new JudgeSettings(d, layers, heads, context, vocab, words, lr, realRepeats, s); }
    public JudgeSettings realRepeats(int r) { return new JudgeSettings(d, layers, heads, context, vocab, words, lr, r, seed); }

    GptConfig lm(int vocabSize) {
        return new GptConfig(vocabSize, context, d, layers, heads, seed);
    }
}
