package storylab.rl;

import java.util.List;
import storylab.teacher.Reward;

/**
 * Every knob of an RL run, grouped: which algorithm, the optimiser, how stories are drawn, the KL to the
 * frozen reference, how teacher scores become rewards, each algorithm's own knobs, and the run's length.
 * Presets: {@link Ppo#paper()} (paper A exactly) and {@code workshop()} on each algorithm. Saved as JSON next
 * to a run's results and checkpoints.
 */
public record RlConfig(Algorithm algorithm, Optim optim, Generation generation, KlPenalty kl, Rewarding reward,
                       PpoKnobs ppo, Group group, Preference preference, Run run) {

    /** A story opening in the spirit of paper A's fixed prompt (our words). */
    public static final String DEFAULT_PROMPT = "Once upon a time, in a faraway land,";

    /**
     * @param lr          learning rate of Adam (no weight decay, TRL's betas)
     * @param batch       stories sampled per step
     * @param miniBatch   stories per gradient step inside a step
     * @param epochs      passes over each batch
     * @param maxGradNorm global gradient-norm clip (0: off, TRL's legacy default)
     */
    public record Optim(double lr, int batch, int miniBatch, int epochs, double maxGradNorm) {
        public Optim {
            if (batch <= 0 || miniBatch <= 0 || batch % miniBatch != 0)
                throw new IllegalArgumentException("batch (" + batch + ") must be a positive multiple of miniBatch (" + miniBatch + ")");
            if (epochs <= 0) throw new IllegalArgumentException("epochs must be positive, not " + epochs);
            if (!(lr >= 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr must be a finite number >= 0, not " + lr);
        }
        public Optim lr(double v) { return new Optim(v, batch, miniBatch, epochs, maxGradNorm); }
        public Optim batch(int b, int mb) { return new Optim(lr, b, mb, epochs, maxGradNorm); }
        public Optim epochs(int v) { return new Optim(lr, batch, miniBatch, v, maxGradNorm); }
        public Optim maxGradNorm(double v) { return new Optim(lr, batch, miniBatch, epochs, v); }
    }

    /** How the student writes during RL: new tokens, temperature, top-k (0: off), top-p (1: off). */
    public record Generation(int maxNewTokens, double temperature, int topK, double topP) {
        public Generation {
            if (maxNewTokens <= 0) throw new IllegalArgumentException("maxNewTokens must be positive, not " + maxNewTokens);
        }
    }

    /**
     * The KL to the frozen reference.
     *
     * @param beta      β (the initial β when adaptive)
     * @param adaptive  adapt β towards {@code target} (TRL's legacy controller)
     * @param target    the KL per story (summed over its tokens) the adaptive controller aims at
     * @param horizon   the adaptive controller's horizon, in stories
     * @param estimator per-token estimate (PPO, RLOO: in the reward; GRPO: in the loss, where k3 is the usual choice)
     */
    public record KlPenalty(double beta, boolean adaptive, double target, double horizon, KlEstimator estimator) {
        public static KlPenalty fixed(double beta, KlEstimator estimator) {
            return new KlPenalty(beta, false, 6, 10_000, estimator);
        }
        public KlPenalty estimator(KlEstimator e) { return new KlPenalty(beta, adaptive, target, horizon, e); }
        public KlPenalty horizon(double h) { return new KlPenalty(beta, adaptive, target, h, estimator); }
        /** A new controller for this setting. */
        public KlController controller() {
            return adaptive ? KlController.adaptive(beta, target, horizon) : KlController.fixed(beta);
        }
    }

    /**
     * How a teacher's scores become the scalar reward.
     *
     * @param formula    paper A's formula (teacher_norm and the length term)
     * @param truncation how a story cut off at the token limit is judged
     * @param whiten     centre and scale the rewards of each batch before use (PPO; RLOO and GRPO centre per group anyway)
     */
    public record Rewarding(Reward formula, Truncation truncation, boolean whiten) {
        public Rewarding formula(Reward r) { return new Rewarding(r, truncation, whiten); }
        public Rewarding truncation(Truncation t) { return new Rewarding(formula, t, whiten); }
        public Rewarding whiten(boolean on) { return new Rewarding(formula, truncation, on); }
    }

    /**
     * PPO's own knobs, TRL's legacy names.
     *
     * @param clipRange        ε of the clipped policy ratio
     * @param clipRangeValue   ε of the clipped value update
     * @param vfCoef           weight of the value loss
     * @param gamma            discount
     * @param lambda           GAE λ
     * @param whitenAdvantages whiten advantages over the batch
     * @param valueWarmup      steps at the start that train only the value head (the policy waits for a critic)
     */
    public record PpoKnobs(double clipRange, double clipRangeValue, double vfCoef, double gamma, double lambda,
                           boolean whitenAdvantages, int valueWarmup) {
        public PpoKnobs gae(double g, double l) { return new PpoKnobs(clipRange, clipRangeValue, vfCoef, g, l, whitenAdvantages, valueWarmup); }
        public PpoKnobs valueWarmup(int steps) { return new PpoKnobs(clipRange, clipRangeValue, vfCoef, gamma, lambda, whitenAdvantages, steps); }
        public PpoKnobs clip(double policy, double value) { return new PpoKnobs(policy, value, vfCoef, gamma, lambda, whitenAdvantages, valueWarmup); }
    }

    /** RLOO and GRPO: {@code k} stories per prompt (the batch holds batch/k prompts); ε of the clipped ratio. */
    public record Group(int k, double clipRange) {
        public Group {
            if (k < 2) throw new IllegalArgumentException("a group needs at least 2 stories per prompt, not " + k);
        }
    }

    /**
     * SimPO and DPO on teacher-ranked pairs of the student's own stories (best and worst of each group).
     *
     * @param beta   SimPO's β on the length-normalised log-likelihood; DPO's β on the log-ratio to the reference
     * @param margin SimPO's target reward margin γ (unused by DPO)
     */
    public record Preference(double beta, double margin) {}

    /**
     * The run itself.
     *
     * @param prompts            the prompts, used in turn (paper A: one fixed prompt)
     * @param steps              steps to run (0: until the word budget)
     * @param wordBudget         stop once this many interaction words are reached (0: off)
     * @param countStudentWords  count the student's words in the budget too (paper A does not)
     * @param teacherAnswerWords words of the teacher's answer, for the paper's interaction-word count
     * @param seed               seeds sampling and minibatch order
     * @param checkpointEvery    write a checkpoint every n steps (0: only at the end), when the run has a folder
     * @param rewardTimeoutSeconds how long one batch of rewards may take before the run stops with an error
     */
    public record Run(List<String> prompts, int steps, long wordBudget, boolean countStudentWords, int teacherAnswerWords,
                      long seed, int checkpointEvery, double rewardTimeoutSeconds) {
        public Run {
            if (prompts == null || prompts.isEmpty())
                throw new IllegalArgumentException("give at least one prompt (an empty string starts from end-of-text)");
            prompts = List.copyOf(prompts);
        }
        public Run prompts(List<String> v) { return new Run(v, steps, wordBudget, countStudentWords, teacherAnswerWords, seed, checkpointEvery, rewardTimeoutSeconds); }
        public Run steps(int v) { return new Run(prompts, v, wordBudget, countStudentWords, teacherAnswerWords, seed, checkpointEvery, rewardTimeoutSeconds); }
        public Run wordBudget(long words, boolean studentWordsToo) { return new Run(prompts, steps, words, studentWordsToo, teacherAnswerWords, seed, checkpointEvery, rewardTimeoutSeconds); }
        public Run seed(long v) { return new Run(prompts, steps, wordBudget, countStudentWords, teacherAnswerWords, v, checkpointEvery, rewardTimeoutSeconds); }
        public Run checkpointEvery(int v) { return new Run(prompts, steps, wordBudget, countStudentWords, teacherAnswerWords, seed, v, rewardTimeoutSeconds); }
        public Run rewardTimeout(double seconds) { return new Run(prompts, steps, wordBudget, countStudentWords, teacherAnswerWords, seed, checkpointEvery, seconds); }
    }

    public RlConfig {
        if ((algorithm.grouped()) && optim.batch() % group.k() != 0)
            throw new IllegalArgumentException(algorithm + " draws " + group.k() + " stories per prompt, so the batch (" + optim.batch()
                    + ") must be a multiple of " + group.k() + ": use batch(" + Math.max(group.k(), optim.batch() / group.k() * group.k()) + ", …) or group(k)");
    }

    public RlConfig algorithm(Algorithm v) { return new RlConfig(v, optim, generation, kl, reward, ppo, group, preference, run); }
    public RlConfig optim(Optim v) { return new RlConfig(algorithm, v, generation, kl, reward, ppo, group, preference, run); }
    public RlConfig generation(Generation v) { return new RlConfig(algorithm, optim, v, kl, reward, ppo, group, preference, run); }
    public RlConfig kl(KlPenalty v) { return new RlConfig(algorithm, optim, generation, v, reward, ppo, group, preference, run); }
    public RlConfig reward(Rewarding v) { return new RlConfig(algorithm, optim, generation, kl, v, ppo, group, preference, run); }
    public RlConfig ppo(PpoKnobs v) { return new RlConfig(algorithm, optim, generation, kl, reward, v, group, preference, run); }
    public RlConfig group(Group v) { return new RlConfig(algorithm, optim, generation, kl, reward, ppo, v, preference, run); }
    public RlConfig preference(Preference v) { return new RlConfig(algorithm, optim, generation, kl, reward, ppo, group, v, run); }
    public RlConfig run(Run v) { return new RlConfig(algorithm, optim, generation, kl, reward, ppo, group, preference, v); }

    // The most used knobs, one call each.
    public RlConfig steps(int n) { return run(run.steps(n)); }
    public RlConfig lr(double v) { return optim(optim.lr(v)); }
    public RlConfig batch(int stories, int miniBatch) { return optim(optim.batch(stories, miniBatch)); }
    public RlConfig epochs(int n) { return optim(optim.epochs(n)); }
    public RlConfig seed(long v) { return run(run.seed(v)); }
    public RlConfig prompts(List<String> v) { return run(run.prompts(v)); }
    public RlConfig formula(Reward r) { return reward(reward.formula(r)); }
    public RlConfig fixedKl(double beta) { return kl(new KlPenalty(beta, false, kl.target(), kl.horizon(), kl.estimator())); }
    public RlConfig adaptiveKl(double initial, double target) { return kl(new KlPenalty(initial, true, target, kl.horizon(), kl.estimator())); }
    public RlConfig sampling(int newTokens, double temperature, int topK, double topP) { return generation(new Generation(newTokens, temperature, topK, topP)); }
    public RlConfig checkpointEvery(int n) { return run(run.checkpointEvery(n)); }

    /** One line per group of knobs. */
    @Override
    public String toString() {
        return algorithm + ": lr " + optim.lr() + ", batch " + optim.batch() + "/" + optim.miniBatch() + " × " + optim.epochs() + " epochs"
                + (algorithm.grouped() || algorithm.preference() ? ", " + group.k() + " stories per prompt" : "")
                + "; KL " + (kl.adaptive() ? "adaptive β " + kl.beta() + " → target " + kl.target() : "β " + kl.beta()) + " (" + kl.estimator() + ")"
                + "; " + generation.maxNewTokens() + " new tokens at T " + generation.temperature()
                + "; reward " + (reward.whiten() ? "whitened, " : "") + "truncated stories " + reward.truncation()
                + "; " + run.steps() + " steps, seed " + run.seed();
    }
}
