package storylab.train;

/**
 * Every setting of a pretraining run, saved next to its checkpoints so a run can be resumed and reported.
 * {@code words} is the budget; {@code batch × accumulate} windows make one optimizer step.
 */
public record TrainConfig(long words, int batch, int accumulate, Schedule schedule, AdamW.Settings optimizer,
                          long seed, int evalEvery, int validationWindows, int shuffleChunk, Milestones milestones,
                          long maxSteps, String corpus) {

    public static TrainConfig defaults() {
        return new TrainConfig(2_000_000, 16, 1, Schedule.paperA(), AdamW.Settings.defaults(), 1234, 50, 64, 512,
                Milestones.none(), 0, "");
    }

    public TrainConfig withWords(long w) { return new TrainConfig(w, batch, accumulate, schedule, optimizer, seed, evalEvery, validationWindows, shuffleChunk, milestones, maxSteps, corpus); }
    public TrainConfig withBatch(int b) { return new TrainConfig(words, b, accumulate, schedule, optimizer, seed, evalEvery, validationWindows, shuffleChunk, milestones, maxSteps, corpus); }
    public TrainConfig withAccumulate(int a) { return new TrainConfig(words, batch, a, schedule, optimizer, seed, evalEvery, validationWindows, shuffleChunk, milestones, maxSteps, corpus); }
    public TrainConfig withSchedule(Schedule s) { return new TrainConfig(words, batch, accumulate, s, optimizer, seed, evalEvery, validationWindows, shuffleChunk, milestones, maxSteps, corpus); }
    public TrainConfig withOptimizer(AdamW.Settings o) { return new TrainConfig(words, batch, accumulate, schedule, o, seed, evalEvery, validationWindows, shuffleChunk, milestones, maxSteps, corpus); }
    public TrainConfig withSeed(long s) { return new TrainConfig(words, batch, accumulate, schedule, optimizer, s, evalEvery, validationWindows, shuffleChunk, milestones, maxSteps, corpus); }
    public TrainConfig withEvalEvery(int n) { return new TrainConfig(words, batch, accumulate, schedule, optimizer, seed, n, validationWindows, shuffleChunk, milestones, maxSteps, corpus); }
    public TrainConfig withValidationWindows(int n) { return new TrainConfig(words, batch, accumulate, schedule, optimizer, seed, evalEvery, n, shuffleChunk, milestones, maxSteps, corpus); }
    public TrainConfig withShuffleChunk(int n) { return new TrainConfig(words, batch, accumulate, schedule, optimizer, seed, evalEvery, validationWindows, n, milestones, maxSteps, corpus); }
    public TrainConfig withMilestones(Milestones m) { return new TrainConfig(words, batch, accumulate, schedule, optimizer, seed, evalEvery, validationWindows, shuffleChunk, m, maxSteps, corpus); }
    public TrainConfig withMaxSteps(long n) { return new TrainConfig(words, batch, accumulate, schedule, optimizer, seed, evalEvery, validationWindows, shuffleChunk, milestones, n, corpus); }
    public TrainConfig withCorpus(String name) { return new TrainConfig(words, batch, accumulate, schedule, optimizer, seed, evalEvery, validationWindows, shuffleChunk, milestones, maxSteps, name); }
}
