package storylab.teacher;

import storylab.data.Words;

/**
 * Paper A's scalar reward for one story, placed on its last token:
 * {@code (teacher_norm + w · words/target) / (1 + w)}; the paper uses w = 0.4, target = 90 and does not
 * clamp the length term (a 180-word story earns a length term of 2).
 *
 * <p>Criterion weights exist for ablations. teacher_norm is the weighted mean score scaled to [0, 1]:
 * {@code Σ wᵢ·sᵢ / (3 · Σ wᵢ)}. With the default weights (1, 1, 1) that is the paper's sum/9. Dropping a
 * criterion (weight 0) renormalizes over the others, so a perfect story still gets 1 and the reward
 * keeps its scale: with coherence dropped, teacher_norm = (R + K)/6. A fallback score keeps the neutral
 * 0.5 whatever the weights. All weights 0 means "length only": teacher_norm is then 0.
 */
public record Reward(double lengthWeight, int targetWords, boolean clampLength,
                     double readabilityWeight, double coherenceWeight, double creativityWeight) {

    public Reward {
        if (lengthWeight < 0) throw new IllegalArgumentException("lengthWeight must be >= 0");
        if (targetWords <= 0) throw new IllegalArgumentException("targetWords must be > 0");
        if (readabilityWeight < 0 || coherenceWeight < 0 || creativityWeight < 0)
            throw new IllegalArgumentException("criterion weights must be >= 0");
    }

    /** Paper A: w = 0.4, target 90 words, no clamp, equal criteria. */
    public static Reward paper() {
        return new Reward(0.4, 90, false, 1, 1, 1);
    }

    /** The "no length bonus" ablation: reward = teacher_norm. */
    public static Reward noLengthBonus() {
        return paper().lengthWeight(0);
    }

    public Reward lengthWeight(double w) {
        return new Reward(w, targetWords, clampLength, readabilityWeight, coherenceWeight, creativityWeight);
    }

    public Reward targetWords(int n) {
        return new Reward(lengthWeight, n, clampLength, readabilityWeight, coherenceWeight, creativityWeight);
    }

    /** Caps words/target at 1, so longer-than-target stories earn no extra reward (not in the paper). */
    public Reward clampLength(boolean on) {
        return new Reward(lengthWeight, targetWords, on, readabilityWeight, coherenceWeight, creativityWeight);
    }

    public Reward weights(double readability, double coherence, double creativity) {
        return new Reward(lengthWeight, targetWords, clampLength, readability, coherence, creativity);
    }

    /** The ablation that ignores one criterion. */
    public Reward without(Criterion c) {
        return switch (c) {
            case READABILITY -> weights(0, coherenceWeight, creativityWeight);
            case COHERENCE -> weights(readabilityWeight, 0, creativityWeight);
            case CREATIVITY -> weights(readabilityWeight, coherenceWeight, 0);
        };
    }

    public double weight(Criterion c) {
        return switch (c) {
            case READABILITY -> readabilityWeight;
            case COHERENCE -> coherenceWeight;
            case CREATIVITY -> creativityWeight;
        };
    }

    /** teacher_norm under these weights, in [0, 1]. */
    public double teacherNorm(Scores s) {
        if (s.isFallback()) return Scores.FALLBACK_NORM;
        double total = readabilityWeight + coherenceWeight + creativityWeight;
        if (total == 0) return 0;
        double weighted = 0;
        for (var c : Criterion.values()) weighted += weight(c) * s.get(c);
        return weighted / (3 * total);
    }

    /** The length term words/target (capped at 1 when clamping). */
    public double lengthTerm(int words) {
        double t = (double) words / targetWords;
        return clampLength ? Math.min(1, t) : t;
    }

    public double of(Scores s, int responseWords) {
        return (teacherNorm(s) + lengthWeight * lengthTerm(responseWords)) / (1 + lengthWeight);
    }

    /** The reward for a response (the student's words only, not the prompt), BabyLM word count. */
    public double of(Scores s, String response) {
        return of(s, Words.count(response));
    }
}
