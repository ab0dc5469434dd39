package storylab.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import storylab.data.Words;
import storylab.display.Display;
import storylab.display.LiveDisplay;
import storylab.display.Progress;
import storylab.model.Gpt;
import storylab.teacher.Criterion;
import storylab.teacher.Reward;
import storylab.teacher.ScoreBatch;
import storylab.teacher.Teacher;
import storylab.text.Tokenizer;
import storylab.train.AdamW;
import storylab.train.Backprop;

/**
 * The RL loop every algorithm shares: each step draws a rollout (stories with the KV cache), scores it with
 * the reward function, computes log-probs under the policy and the frozen reference, and hands all of it to
 * the algorithm's update; β then follows the KL. Live dashboard, checkpoints, exact resume and interrupts are
 * the same for every algorithm.
 * <pre>{@code
 * var report = Rl.of(student, tok, teacher).algorithm(Algorithm.RLOO).steps(40).into(Lab.runs("rloo")).run();
 * var report = Rl.of(student, tok, (prompt, story) -> story.contains("dragon") ? 1 : 0).run();
 * }</pre>
 * Interrupting stops at a step boundary and keeps the weights; with a run folder, {@link #resume} goes on
 * exactly where a checkpoint left off.
 */
public final class Rl {

    private final Gpt policy;
    private final Gpt reference;
    private final Tokenizer tokenizer;
    private final Teacher teacher;          // null when the reward is a plain function
    private final RewardFunction function;  // null when the reward comes from the teacher
    private RlConfig config;
    private Path into;
    private boolean display = true;
    private Consumer<RlStep> onStep = s -> {};
    private Inspector inspector;            // set only while StepInspection takes a step

    // Training state (restored by resume).
    private Update algorithm;
    private ValueHead valueHead;
    private AdamW optimizer;
    private KlController kl;
    private int step;
    private InteractionWords words = InteractionWords.none();
    private final List<RlStep> history = new ArrayList<>();
    private Halves halves = Halves.sequential(); // two threads while run() runs, when PyTorch may use two

    private Rl(Gpt policy, Gpt reference, Tokenizer tokenizer, Teacher teacher, RewardFunction function, RlConfig config) {
        this.policy = policy;
        this.reference = reference;
        this.tokenizer = tokenizer;
        this.teacher = teacher;
        this.function = function;
        this.config = config;
    }

    /** RL on {@code policy} (trained in place) against a frozen copy of its current weights, rewarded by a teacher; PPO until told otherwise. */
    public static Rl of(Gpt policy, Tokenizer tokenizer, Teacher teacher) {
        return new Rl(policy, policy.copy(), tokenizer, teacher, null, Algorithm.PPO.workshop());
    }

    /** The same with any reward function (scores are then the rewards themselves). */
    public static Rl of(Gpt policy, Tokenizer tokenizer, RewardFunction reward) {
        return new Rl(policy, policy.copy(), tokenizer, null, reward, Algorithm.PPO.workshop());
    }

    /** Continues a run from its latest checkpoint (or the given checkpoint folder), with the teacher it was run with. */
    public static Rl resume(Path dir, Teacher teacher) throws IOException {
        return resume(dir, teacher, null);
    }

    /** Continues a run that was rewarded by a function. */
    public static Rl resume(Path dir, RewardFunction reward) throws IOException {
        return resume(dir, null, reward);
    }

    private static Rl resume(Path dir, Teacher teacher, RewardFunction function) throws IOException {
        var saved = RlCheckpoint.read(dir);
        var rl = new Rl(saved.policy(), saved.reference(), saved.tokenizer(), teacher, function, saved.config());
        rl.into = saved.runDir();
        rl.start();
        saved.restore(rl.valueHead, rl.optimizer);
        rl.kl.set(saved.state().beta());
        rl.step = saved.state().step();
        rl.words = saved.state().words();
        rl.history.addAll(saved.state().history());
        return rl;
    }

    /** Switches to an algorithm's workshop preset, keeping this run's prompts, steps and seed. */
    public Rl algorithm(Algorithm a) { ensureNotStarted(); config = a.workshop().run(config.run()); return this; }
    public Rl config(RlConfig c) { ensureNotStarted(); config = c; return this; }
    public Rl steps(int n) { config = config.steps(n); return this; }
    public Rl batch(int stories, int miniBatch) { ensureNotStarted(); config = config.batch(stories, miniBatch); return this; }
    public Rl lr(double lr) { config = config.lr(lr); return this; }
    public Rl epochs(int n) { config = config.epochs(n); return this; }
    public Rl group(int k) { ensureNotStarted(); config = config.group(new RlConfig.Group(k, config.group().clipRange())); return this; }
    public Rl prompts(String... prompts) { config = config.prompts(List.of(prompts)); return this; }
    public Rl reward(Reward r) { config = config.formula(r); return this; }
    public Rl truncation(Truncation t) { config = config.reward(config.reward().truncation(t)); return this; }
    public Rl fixedKl(double beta) { ensureNotStarted(); config = config.fixedKl(beta); return this; }
    public Rl adaptiveKl(double initial, double target) { ensureNotStarted(); config = config.adaptiveKl(initial, target); return this; }
    public Rl klEstimator(KlEstimator e) { config = config.kl(config.kl().estimator(e)); return this; }
    public Rl sampling(int newTokens, double temperature, int topK, double topP) { config = config.sampling(newTokens, temperature, topK, topP); return this; }
    public Rl wordBudget(long words, boolean countStudentWords) { config = config.run(config.run().wordBudget(words, countStudentWords)); return this; }
    public Rl seed(long seed) { config = config.seed(seed); return this; }
    public Rl into(Path runDir) { into = runDir; return this; }
    public Rl display(boolean on) { display = on; return this; }
    public Rl onStep(Consumer<RlStep> hook) { onStep = hook; return this; }

    public RlConfig config() { return config; }
    public Gpt policy() { return policy; }
    public Gpt reference() { return reference; }
    public List<RlStep> history() { return List.copyOf(history); }

    @Override
    public String toString() {
        return "Rl(" + config + "; step " + step + ", reward " + rewardName() + ")";
    }

    private String rewardName() {
        return teacher != null ? teacher.name() : function.name();
    }

    private void ensureNotStarted() {
        if (optimizer != null) throw new IllegalStateException("this run has started: its algorithm, batch and KL controller are fixed (start a new Rl to change them)");
    }

    private void start() {
        if (optimizer != null) return;
        algorithm = switch (config.algorithm()) {
            case PPO -> new Ppo();
            case RLOO -> new Rloo();
            case GRPO -> new Grpo();
            case SIMPO, DPO -> new PreferencePairs();
        };
        var params = new LinkedHashMap<>(policy.parameters());
        if (config.algorithm() == Algorithm.PPO) {
            valueHead = new ValueHead(policy.config().d(), config.run().seed());
            params.putAll(valueHead.parameters());
        }
        // TRL's trainers use plain Adam: betas (0.9, 0.999), no weight decay.
        optimizer = new AdamW(params, AdamW.Settings.defaults().withBetas(0.9, 0.999).withWeightDecay(0).withClipNorm(config.optim().maxGradNorm()));
        kl = config.kl().controller();
    }

    private boolean finished() {
        var r = config.run();
        if (r.steps() > 0 && step >= r.steps()) return true;
        return r.wordBudget() > 0 && (r.countStudentWords() ? words.total() : words.paper()) >= r.wordBudget();
    }

    /** Runs until the step count or word budget; returns the report (also when interrupted). */
    public RlReport run() {
        start();
        LiveDisplay live = display ? Display.live(2000) : null;
        long t0 = System.nanoTime();
        int firstStep = step;
        boolean interrupted = false;
        halves = Halves.forCurrentThreads();
        try {
            while (!finished()) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
                var s = step();
                if (s == null) { // interrupted during sampling: this step is dropped, the weights are untouched
                    interrupted = true;
                    break;
                }
                history.add(s);
                onStep.accept(s);
                long total = config.run().steps() > 0 ? config.run().steps() : step + 1;
                Display.progress(new Progress(config.algorithm().name().toLowerCase(), step, total, "steps", Duration.ofNanos(System.nanoTime() - t0),
                        String.format("score %.2f  reward %.3f  kl %.2f  β %.3f  %.0f words", s.score().mean(), s.reward().mean(), s.objective().kl(), s.objective().beta(), s.length().words())));
                if (live != null) live.offer(() -> new RlDashboard(history, config));
                int every = config.run().checkpointEvery();
                if (into != null && every > 0 && step % every == 0) save(false);
            }
        } finally {
            halves.close();
            halves = Halves.sequential();
        }
        if (interrupted) Thread.currentThread().interrupt(); // keep the flag for the caller (the notebook)
        if (into != null && step > firstStep) save(interrupted);
        var report = new RlReport(List.copyOf(history), config, interrupted);
        if (live != null) live.finish(new RlDashboard(history, config));
        return report;
    }

    private void save(boolean interrupted) {
        try {
            RlCheckpoint.write(into, this, interrupted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the RL checkpoint into " + into + ": " + e.getMessage(), e);
        }
    }

    // Accessors for the checkpoint writer.
    ValueHead valueHead() { return valueHead; }
    AdamW optimizer() { return optimizer; }
    Tokenizer tokenizer() { return tokenizer; }
    int stepNumber() { return step; }
    double beta() { return kl.beta(); }
    InteractionWords words() { return words; }

    // ---- one step: rollout → score → log-probs → update ----

    /** One step; null if interrupted while sampling. */
    RlStep step() {
        // 1. Rollout: the student writes (k stories per prompt for the grouped algorithms, in adjacent rows).
        var rollout = Rollout.sample(policy, tokenizer, prompts(), config.generation(), config.run().seed() * 1_000_003L + step, halves);
        if (rollout == null) return null;

        // 2. Score: one reward per story.
        long t = System.nanoTime();
        var scored = score(rollout);
        double tScore = seconds(t);

        // 3. Log-probs of policy and reference (and values), without gradients.
        t = System.nanoTime();
        var batch = rollout.batch(tokenizer.pad());
        var lp = rollout.logProbs(policy, reference, valueHead, batch, config.optim().miniBatch(), halves);
        double[] storyKl = new double[rollout.size()];
        for (int i = 0; i < storyKl.length; i++)
            for (int j = 0; j < lp.policy()[i].length; j++) storyKl[i] += KlEstimator.K1.of(lp.policy()[i][j], lp.reference()[i][j]);
        double tForward = seconds(t);

        // 4. Advantages and the algorithm's update.
        t = System.nanoTime();
        var context = new Context(this, rollout, batch, lp, kl.beta(), halves);
        var stats = algorithm.update(context, scored.rewards());
        double tOptimize = seconds(t);
        if (inspector != null) inspector.seen(context, scored);

        // 5. β follows the KL; the step's numbers are recorded.
        double beta = kl.beta();
        double meanKl = mean(storyKl);
        kl.update(meanKl, rollout.size());
        for (int i = 0; i < rollout.size(); i++) words = words.plus(rollout.prompts().get(i), rollout.texts().get(i), config.run().teacherAnswerWords());
        step++;
        return summarize(rollout, scored, stats, meanKl, beta, rollout.seconds(), tScore, tForward, tOptimize);
    }

    private List<String> prompts() {
        var all = config.run().prompts();
        int B = config.optim().batch(), k = config.algorithm().grouped() ? config.group().k() : 1;
        var out = new ArrayList<String>(B);
        for (int i = 0; i < B; i++) out.add(all.get((int) (((long) step * (B / k) + i / k) % all.size())));
        return out;
    }

    /** Takes one step the usual way (recorded in the history) and shows {@link StepInspection} what its update saw. */
    RlStep stepInspected(Inspector i) {
        start();
        inspector = i;
        try {
            var s = step();
            if (s != null) {
                history.add(s);
                onStep.accept(s);
            }
            return s;
        } finally {
            inspector = null;
        }
    }

    /** Sees a step's context and scores once its update is done. */
    interface Inspector {
        void seen(Context c, Scored scored);
    }

    /** Rewards and scores of a rollout: the teacher's (through the formula), or the function's, guarded. */
    private Scored score(Rollout r) {
        int B = r.size();
        if (teacher != null) {
            var tr = new TeacherReward(teacher, config.reward().formula(), config.reward().truncation());
            var out = guarded(() -> tr.score(r.prompts(), r.texts(), r.truncated()), "the teacher " + teacher.name());
            double[] sums = new double[B];
            for (int i = 0; i < B; i++) sums[i] = out.scores().get(i).sum();
            return new Scored(check(out.rewards(), r), sums, out.scores());
        }
        double[] rewards = guarded(() -> {
            double[] x = new double[B];
            for (int i = 0; i < B; i++) {
                try {
                    x[i] = function.reward(r.prompts().get(i), r.texts().get(i));
                } catch (RuntimeException e) {
                    throw new RlException("step " + (step + 1) + ": the reward function threw " + e + " on story " + i + " (\""
                            + clip(r.texts().get(i)) + "\"); make it return a number for every story", e);
                }
            }
            return x;
        }, "the reward function");
        return new Scored(check(rewards, r), rewards.clone(), null);
    }

    /** Rewards and the scores shown as env/score_mean (teacher sums 0–9, or the rewards). */
    record Scored(double[] rewards, double[] scores, ScoreBatch teacherScores) {}

    private double[] check(double[] rewards, Rollout r) {
        for (int i = 0; i < rewards.length; i++)
            if (!Double.isFinite(rewards[i]))
                throw new RlException("step " + (step + 1) + ": the reward of story " + i + " is " + rewards[i] + " (\"" + clip(r.texts().get(i))
                        + "\"); rewards must be finite numbers — return a number for every story (e.g. 0 for one you cannot judge)", null);
        return rewards;
    }

    /** Runs the scoring with the run's timeout, so a hanging reward stops the run with a message instead of forever. */
    private <T> T guarded(Supplier<T> scoring, String who) {
        double timeout = config.run().rewardTimeoutSeconds();
        if (timeout <= 0) return scoring.get();
        var pool = Executors.newSingleThreadExecutor(runnable -> {
            var th = new Thread(runnable, "storylab-reward");
            th.setDaemon(true);
            return th;
        });
        var future = pool.submit(scoring::get);
        try {
            return future.get((long) (timeout * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RlException("step " + (step + 1) + ": " + who + " took longer than " + timeout + " s for one batch of stories; "
                    + "make it faster or raise the limit with config(c.run(c.run().rewardTimeout(seconds)))", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RlException("interrupted while " + who + " was scoring step " + (step + 1), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new RlException("step " + (step + 1) + ": " + who + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    /** What an algorithm's update sees of the runner: the rollout and its log-probs, and one guarded gradient step. */
    static final class Context {
        final Rl rl;
        final Rollout rollout;
        final RolloutBatch batch;
        final Rollout.TokenLogProbs logProbs;
        final double beta;
        private final Halves halves;
        private int minibatch;
        // What the update used per token, kept for StepInspection (null where an algorithm has none).
        float[][] tokenRewards, advantages;

        Context(Rl rl, Rollout rollout, RolloutBatch batch, Rollout.TokenLogProbs logProbs, double beta, Halves halves) {
            this.rl = rl;
            this.rollout = rollout;
            this.batch = batch;
            this.logProbs = logProbs;
            this.beta = beta;
            this.halves = halves;
        }

        RlConfig config() { return rl.config; }
        Gpt policy() { return rl.policy; }
        void used(float[][] tokenRewards, float[][] advantages) { this.tokenRewards = tokenRewards; this.advantages = advantages; }
        ValueHead valueHead() { return rl.valueHead; }
        int step() { return rl.step; }
        long seed() { return rl.config.run().seed() * 1_000_003L + rl.step; }

        /**
         * The loss of {@code backward}, computed a second time (gradients reset first) when the first comes out NaN or
         * infinite. A workshop reproduction once stopped on a NaN loss that rerunning the same minibatch from the same
         * weights did not repeat (cause not found): a second computation tells that apart from a real divergence, which
         * repeats, and the caller then stops. A finite first loss is returned as it is, so runs stay deterministic.
         */
        static float finiteOrOnceMore(Supplier<Float> backward, Runnable resetGradients, Consumer<Float> onRetry) {
            float first = backward.get();
            if (Float.isFinite(first)) return first;
            resetGradients.run();
            onRetry.accept(first);
            return backward.get();
        }

        /**
         * Backward through {@code loss} and one optimiser step. A non-finite loss stops the run before it can
         * reach the weights: no NaN is ever written into them.
         */
        float gradientStep(Supplier<NDArray> loss) {
            minibatch++;
            return checkedStep(() -> halves.one(() -> Backprop.lossAndGradients(loss, 1.0))); // on a one-thread worker when there are two
        }

        /**
         * The same for a minibatch computed in two halves ({@link Halves}, side by side when two threads are
         * allowed): each half's loss is its share of the minibatch's (sums divided by the whole minibatch's
         * count), so their gradients add up to the minibatch's. Arrays a half makes live in its manager.
         */
        float gradientStep(int[] rows, HalfLoss loss) {
            minibatch++;
            int[][] parts = Halves.split(rows);
            return checkedStep(() -> {
                var values = halves.map(h -> {
                    if (parts[h].length == 0) return 0f;
                    try (var m = NDManager.newBaseManager()) {
                        return Backprop.lossAndGradients(() -> loss.of(h, parts[h], m), 1.0);
                    }
                });
                return values.get(0) + values.get(1);
            });
        }

        /** Backward ({@code backward} returns the loss and leaves its gradients), then the optimiser step if the loss is finite. */
        private float checkedStep(Supplier<Float> backward) {
            float value = finiteOrOnceMore(backward, rl.optimizer::zeroGradients, first -> System.err.println("RL step " + (rl.step + 1)
                    + ", minibatch " + minibatch + ": the " + rl.config.algorithm() + " loss came out " + first + "; computed it once more from the same weights"));
            if (!Float.isFinite(value)) {
                rl.optimizer.zeroGradients();
                throw new RlException("step " + (rl.step + 1) + ", minibatch " + minibatch + ": the " + rl.config.algorithm() + " loss is " + value
                        + "; the weights are as they were before this minibatch. Lower the learning rate (now " + rl.config.optim().lr()
                        + ") or check the rewards", null);
            }
            rl.optimizer.step(rl.config.optim().lr(), (a, b) -> halves.map(h -> { (h == 0 ? a : b).run(); return null; }));
            return value;
        }
    }

    /** One half's share of a minibatch loss: its {@code rows}, its {@code half} (0 or 1) and a manager for its arrays. */
    interface HalfLoss {
        NDArray of(int half, int[] rows, NDManager m);
    }

    /** The algorithm-specific part of a step: advantages and updates; it reports NaN where it has no such number. */
    interface Update {
        RlStep.Update update(Context c, double[] rewards);
    }

    private RlStep summarize(Rollout r, Scored scored, RlStep.Update u, double meanKl, double beta,
                             double tGen, double tScore, double tFwd, double tOpt) {
        int B = r.size();
        double[] lengths = new double[B], tokens = new double[B];
        double entropy = 0;
        int best = 0, worst = 0;
        for (int i = 0; i < B; i++) {
            lengths[i] = Words.count(r.texts().get(i));
            tokens[i] = r.tokens()[i].length;
            for (float e : r.entropies()[i]) entropy += e;
            if (scored.scores()[i] > scored.scores()[best]) best = i;
            if (scored.scores()[i] < scored.scores()[worst]) worst = i;
        }
        var ts = scored.teacherScores();
        var c = Criterion.values();
        double nan = Double.NaN;
        return new RlStep(step, new RlStep.Totals(words.stories(), words.paper(), words.studentWords()),
                new RlStep.Score(mean(scored.scores()), std(scored.scores()), ts == null ? nan : ts.mean(c[0]), ts == null ? nan : ts.mean(c[1]),
                        ts == null ? nan : ts.mean(c[2]), ts == null ? 0 : ts.fallbacks()),
                new RlStep.Reward(mean(scored.rewards()), std(scored.rewards())),
                new RlStep.Objective(meanKl, beta, entropy / Math.max(1, sum(tokens))),
                u,
                new RlStep.Length(mean(lengths), mean(tokens), (double) r.truncatedCount() / B),
                new RlStep.Time(tGen, tScore, tFwd, tOpt),
                new RlStep.ScoredStory(r.texts().get(best), scored.scores()[best]), new RlStep.ScoredStory(r.texts().get(worst), scored.scores()[worst]));
    }

    static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : sum(x) / x.length;
    }

    static double std(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return x.length < 2 ? 0 : Math.sqrt(s / (x.length - 1));
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s;
    }

    static int[] permutation(int n, java.util.Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
