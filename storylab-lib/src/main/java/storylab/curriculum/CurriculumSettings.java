package storylab.curriculum;

import storylab.train.AdamW;

/**
 * Training settings shared by every phase. {@code batch} examples per active component make one step (a
 * phase with λ on pretrain, weak and strong trains on 3·batch pairs per step); the learning rate warms up
 * and decays (cosine to {@code minLrFraction}·peak) within each phase; one AdamW carries its moments across
 * phases. {@code evalStories} held-out stories (world {@code testSeed}) are scored at the end of each phase
 * on weak and strong instructions (0 = skip).
 */
public record CurriculumSettings(int batch, double lr, double warmup, double minLrFraction, AdamW.Settings optimizer,
                                 int evalStories, long testSeed) {

    public static CurriculumSettings defaults() {
        return new CurriculumSettings(8, 1e-3, 0.05, 0.1, AdamW.Settings.defaults(), 16, 7);
    }

    public CurriculumSettings withBatch(int b) { return new CurriculumSettings(b, lr, warmup, minLrFraction, optimizer, evalStories, testSeed); }
    public CurriculumSettings withLr(double l) { return new CurriculumSettings(batch, l, warmup, minLrFraction, optimizer, evalStories, testSeed); }
    public CurriculumSettings withWarmup(double w) { return new CurriculumSettings(batch, lr, w, minLrFraction, optimizer, evalStories, testSeed); }
    public CurriculumSettings withMinLrFraction(double f) { return new CurriculumSettings(batch, lr, warmup, f, optimizer, evalStories, testSeed); }
    public CurriculumSettings withOptimizer(AdamW.Settings o) { return new CurriculumSettings(batch, lr, warmup, minLrFraction, o, evalStories, testSeed); }
    public CurriculumSettings withEvalStories(int n) { return new CurriculumSettings(batch, lr, warmup, minLrFraction, optimizer, n, testSeed); }
    public CurriculumSettings withTestSeed(long s) { return new CurriculumSettings(batch, lr, warmup, minLrFraction, optimizer, evalStories, s); }

    /** The learning rate at a fraction of a phase: linear warmup, then cosine decay. */
    double lrAt(double progress) {
        var s = new storylab.train.Schedule(lr, warmup, storylab.train.Schedule.Decay.COSINE, minLrFraction);
        return s.at(progress);
    }
}
