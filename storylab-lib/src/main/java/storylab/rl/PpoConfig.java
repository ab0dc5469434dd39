package storylab.rl;

import java.util.List;
import storylab.teacher.Reward;

/**
 * Every knob of the PPO loop, with TRL's legacy-trainer meaning. {@link #paper()} is paper A's setting;
 * {@link #workshop()} the same loop sized for a laptop in minutes. Saved as JSON next to a run's results.
 *
 * @param lr              learning rate of Adam (no weight decay), shared by policy and value head
 * @param batch           stories sampled per PPO step
 * @param miniBatch       stories per gradient step inside a PPO step
 * @param epochs          passes over each batch
 * @param initKl          initial β of the KL penalty
 * @param adaptiveKl      adapt β towards {@code targetKl} (else β stays fixed)
 * @param targetKl        the KL (per story, summed over tokens) the adaptive controller aims at
 * @param horizon         the adaptive controller's horizon, in stories
 * @param klEstimator     per-token KL estimate used in the penalty
 * @param clipRange       ε of the clipped policy ratio
 * @param clipRangeValue  ε of the clipped value update
 * @param vfCoef          weight of the value loss
 * @param gamma           discount
 * @param lambda          GAE λ
 * @param whitenAdvantages whiten advantages over the batch
 * @param whitenRewards   whiten (scale) the teacher rewards over the batch
 * @param maxGradNorm     global gradient-norm clip (0: off, TRL's default)
 * @param maxNewTokens    new tokens per story
 * @param temperature     sampling temperature
 * @param topK            top-k (0: off)
 * @param topP            nucleus p (1: off)
 * @param prompts         the prompts, used in turn (paper A: one fixed prompt)
 * @param reward          how teacher scores and length become the scalar reward
 * @param teacherAnswerWords words of the teacher's answer, for the paper's interaction-word count
 * @param steps           PPO steps to run (0: until the word budget)
 * @param wordBudget      stop once this many interaction words are reached (0: off)
 * @param countStudentWords count the student's words in the budget too (paper A does not)
 * @param seed            seeds sampling and minibatch order
 * @param checkpointEvery write a checkpoint every n steps (0: only at the end), when the run has a folder
 */
public record PpoConfig(double lr, int batch, int miniBatch, int epochs,
                        double initKl, boolean adaptiveKl, double targetKl, double horizon, KlEstimator klEstimator,
                        double clipRange, double clipRangeValue, double vfCoef, double gamma, double lambda,
                        boolean whitenAdvantages, boolean whitenRewards, double maxGradNorm,
                        int maxNewTokens, double temperature, int topK, double topP,
                        List<String> prompts, Reward reward, int teacherAnswerWords,
                        int steps, long wordBudget, boolean countStudentWords, long seed, int checkpointEvery) {

    /** A story opening in the spirit of paper A's fixed prompt (our words). */
    public static final String DEFAULT_PROMPT = "Once upon a time, in a faraway land,";

    public PpoConfig {
        if (batch <= 0 || miniBatch <= 0 || batch % miniBatch != 0)
            throw new IllegalArgumentException("batch (" + batch + ") must be a positive multiple of miniBatch (" + miniBatch + ")");
        if (epochs <= 0 || maxNewTokens <= 0) throw new IllegalArgumentException("epochs and maxNewTokens must be positive");
        if (prompts == null || prompts.isEmpty()) throw new IllegalArgumentException("give at least one prompt");
        prompts = List.copyOf(prompts);
    }

    /** Paper A: lr 1e-6, batch = minibatch = 360, 4 epochs, adaptive KL (0.2, target 6, horizon 10,000), 90 tokens, 920 steps. */
    public static PpoConfig paper() {
        return new PpoConfig(1e-6, 360, 360, 4, 0.2, true, 6, 10_000, KlEstimator.K1, 0.2, 0.2, 0.1, 1.0, 0.95,
                true, false, 0, 90, 1.0, 0, 1.0, List.of(DEFAULT_PROMPT), Reward.paper(), 3, 920, 0, false, 42, 50);
    }

    /**
     * The workshop scale: batches of 32 in minibatches of 8, a learning rate a 2M-parameter student can feel
     * in tens of steps with a gentler initial β, a horizon scaled down with the batch so β can move within the
     * run, and 112 new tokens: with a 2k-token BPE that is the ~80 words paper A's 90 tokens of a 16k BPE are.
     */
    public static PpoConfig workshop() {
        return paper().withLr(3e-5).withBatch(32, 8).withAdaptiveKl(0.05, 6).withHorizon(1_000)
                .withSampling(112, 1.0, 0, 1.0).withSteps(40).withCheckpointEvery(10);
    }

    public PpoConfig withLr(double v) { return new PpoConfig(v, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withBatch(int b, int mb) { return new PpoConfig(lr, b, mb, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withEpochs(int v) { return new PpoConfig(lr, batch, miniBatch, v, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withAdaptiveKl(double init, double target) { return new PpoConfig(lr, batch, miniBatch, epochs, init, true, target, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withFixedKl(double beta) { return new PpoConfig(lr, batch, miniBatch, epochs, beta, false, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withHorizon(double v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, v, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withKlEstimator(KlEstimator v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, v, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withClip(double policy, double value) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, policy, value, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withVfCoef(double v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, v, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withGae(double g, double l) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, g, l, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withWhitening(boolean advantages, boolean rewards) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, advantages, rewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withMaxGradNorm(double v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, v, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withSampling(int newTokens, double temp, int k, double p) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, newTokens, temp, k, p, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withPrompts(List<String> v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, v, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withReward(Reward v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, v, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withSteps(int v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, v, wordBudget, countStudentWords, seed, checkpointEvery); }
    public PpoConfig withWordBudget(long words, boolean studentWordsToo) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, words, studentWordsToo, seed, checkpointEvery); }
    public PpoConfig withSeed(long v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, v, checkpointEvery); }
    public PpoConfig withCheckpointEvery(int v) { return new PpoConfig(lr, batch, miniBatch, epochs, initKl, adaptiveKl, targetKl, horizon, klEstimator, clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, whitenRewards, maxGradNorm, maxNewTokens, temperature, topK, topP, prompts, reward, teacherAnswerWords, steps, wordBudget, countStudentWords, seed, v); }

    /** A new KL controller for this setting. */
    public KlController klController() {
        return adaptiveKl ? KlController.adaptive(initKl, targetKl, horizon) : KlController.fixed(initKl);
    }
}
