package storylab.rl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import storylab.display.Display;
import storylab.display.LiveDisplay;
import storylab.display.Progress;
import storylab.model.Gpt;
import storylab.model.Samples;
import storylab.model.Sampling;
import storylab.teacher.Reward;
import storylab.teacher.ScoreBatch;
import storylab.teacher.Response;
import storylab.teacher.Teacher;
import storylab.text.Tokenizer;
import storylab.train.AdamW;
import storylab.train.Backprop;

/**
 * Paper A's interaction loop, as TRL's legacy PPO trainer runs it, with any teacher as the reward:
 * <ol>
 *   <li>the student writes a batch of stories for the prompt(s) (KV-cached sampling);</li>
 *   <li>the teacher scores each story; the reward (scores and length) goes on its last token, and every
 *       token pays −β·KL(π ‖ π_ref) against the frozen starting model;</li>
 *   <li>GAE turns rewards and the value head's estimates into advantages;</li>
 *   <li>a few epochs of clipped policy and value updates on minibatches;</li>
 *   <li>β adapts towards the target KL.</li>
 * </ol>
 * <pre>{@code
 * var report = Ppo.of(student, tokenizer, RubricTeacher.from(texts)).steps(40).into(Path.of("runs/ppo")).run();
 * }</pre>
 * Interrupting stops at a step boundary and keeps the weights; with a run folder, {@link #resume} goes on
 * exactly where a checkpoint left off.
 */
public final class Ppo {

    private final Gpt policy;
    private final Gpt reference;
    private final Tokenizer tokenizer;
    private final Teacher teacher;
    private PpoConfig config = PpoConfig.workshop();
    private Path into;
    private boolean display = true;
    private Consumer<PpoStep> onStep = s -> {};

    // Training state (restored by resume).
    private ValueHead valueHead;
    private AdamW optimizer;
    private KlController kl;
    private int step;
    private InteractionWords words = InteractionWords.none();
    private final List<PpoStep> history = new ArrayList<>();

    private Ppo(Gpt policy, Gpt reference, Tokenizer tokenizer, Teacher teacher) {
        this.policy = policy;
        this.reference = reference;
        this.tokenizer = tokenizer;
        this.teacher = teacher;
    }

    /** PPO on {@code policy} (trained in place) against a frozen copy of its current weights. */
    public static Ppo of(Gpt policy, Tokenizer tokenizer, Teacher teacher) {
        return new Ppo(policy, policy.copy(), tokenizer, teacher);
    }

    /** Continues a run from its latest checkpoint (or the given checkpoint folder). */
    public static Ppo resume(Path dir, Teacher teacher) throws IOException {
        var saved = PpoCheckpoint.read(dir);
        var ppo = new Ppo(saved.policy(), saved.reference(), saved.tokenizer(), teacher);
        ppo.config = saved.config();
        ppo.into = saved.runDir();
        ppo.start();
        saved.restore(ppo.valueHead, ppo.optimizer);
        ppo.kl.set(saved.state().beta());
        ppo.step = saved.state().step();
        ppo.words = saved.state().words();
        ppo.history.addAll(saved.state().history());
        return ppo;
    }

    public Ppo config(PpoConfig c) { config = c; return this; }
    public Ppo steps(int n) { config = config.withSteps(n); return this; }
    public Ppo batch(int stories, int miniBatch) { config = config.withBatch(stories, miniBatch); return this; }
    public Ppo lr(double lr) { config = config.withLr(lr); return this; }
    public Ppo epochs(int n) { config = config.withEpochs(n); return this; }
    public Ppo prompts(String... prompts) { config = config.withPrompts(List.of(prompts)); return this; }
    public Ppo reward(Reward r) { config = config.withReward(r); return this; }
    public Ppo fixedKl(double beta) { config = config.withFixedKl(beta); return this; }
    public Ppo adaptiveKl(double initial, double target) { config = config.withAdaptiveKl(initial, target); return this; }
    public Ppo klEstimator(KlEstimator e) { config = config.withKlEstimator(e); return this; }
    public Ppo sampling(int newTokens, double temperature, int topK, double topP) { config = config.withSampling(newTokens, temperature, topK, topP); return this; }
    public Ppo wordBudget(long words, boolean countStudentWords) { config = config.withWordBudget(words, countStudentWords); return this; }
    public Ppo seed(long seed) { config = config.withSeed(seed); return this; }
    public Ppo into(Path runDir) { into = runDir; return this; }
    public Ppo display(boolean on) { display = on; return this; }
    public Ppo onStep(Consumer<PpoStep> hook) { onStep = hook; return this; }

    public PpoConfig config() { return config; }
    public Gpt policy() { return policy; }
    public Gpt reference() { return reference; }
    public List<PpoStep> history() { return List.copyOf(history); }

    private void start() {
        if (valueHead != null) return;
        valueHead = new ValueHead(policy.config().d(), config.seed());
        var params = new LinkedHashMap<>(policy.parameters());
        params.putAll(valueHead.parameters());
        // TRL's legacy trainer uses plain Adam: betas (0.9, 0.999), no weight decay.
        optimizer = new AdamW(params, AdamW.Settings.defaults().withBetas(0.9, 0.999).withWeightDecay(0).withClipNorm(config.maxGradNorm()));
        kl = config.klController();
    }

    private boolean finished() {
        if (config.steps() > 0 && step >= config.steps()) return true;
        long budget = config.wordBudget();
        return budget > 0 && (config.countStudentWords() ? words.total() : words.paper()) >= budget;
    }

    /** Runs until the step count or word budget; returns the report (also when interrupted). */
    public PpoReport run() {
        start();
        LiveDisplay live = display ? Display.live(2000) : null;
        long t0 = System.nanoTime();
        int firstStep = step;
        boolean interrupted = false;
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
            long total = config.steps() > 0 ? config.steps() : Math.max(step + 1, step);
            Display.progress(new Progress("ppo", step, total, "steps", java.time.Duration.ofNanos(System.nanoTime() - t0),
                    String.format("score %.2f  reward %.3f  kl %.2f  β %.3f", s.scoreMean(), s.rewardMean(), s.kl(), s.beta())));
            if (live != null) live.offer(() -> new PpoDashboard(history, config));
            boolean checkpoint = config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0;
            if (into != null && checkpoint) save(false);
        }
        if (interrupted) Thread.currentThread().interrupt(); // keep the flag for the caller (the notebook)
        if (into != null && step > firstStep) save(interrupted);
        var report = new PpoReport(List.copyOf(history), config, interrupted);
        if (live != null) live.finish(new PpoDashboard(history, config));
        return report;
    }

    private void save(boolean interrupted) {
        try {
            PpoCheckpoint.write(into, this, interrupted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PPO checkpoint into " + into + ": " + e.getMessage(), e);
        }
    }

    // Accessors for the checkpoint writer.
    ValueHead valueHead() { return valueHead; }
    AdamW optimizer() { return optimizer; }
    Tokenizer tokenizer() { return tokenizer; }
    int stepNumber() { return step; }
    double beta() { return kl.beta(); }
    InteractionWords words() { return words; }

    /** One PPO step; null if interrupted while sampling. */
    PpoStep step() {
        int B = config.batch();
        long seed = config.seed() * 1_000_003L + step;
        var prompts = new String[B];
        int[][] promptIds = new int[B][];
        for (int i = 0; i < B; i++) {
            prompts[i] = config.prompts().get((int) (((long) step * B + i) % config.prompts().size()));
            promptIds[i] = tokenizer.encode(prompts[i]);
        }

        // 1. The student writes.
        long t = System.nanoTime();
        var sampling = new Sampling(config.maxNewTokens(), config.temperature(), config.topK(), config.topP(), true, true, seed);
        Samples samples = policy.sampler(tokenizer).settings(sampling).sampleTokens(promptIds);
        if (Thread.currentThread().isInterrupted()) return null;
        double tGenerate = seconds(t);
        var texts = new ArrayList<String>(B);
        for (int i = 0; i < B; i++) texts.add(responseText(samples.tokens()[i]));

        // 2. The teacher scores; the reward is one number per story.
        t = System.nanoTime();
        var stories = new ArrayList<Response>(B);
        for (int i = 0; i < B; i++) stories.add(Response.of(prompts[i], texts.get(i)));
        ScoreBatch scores = teacher.scoreAll(stories);
        double[] reward = scores.rewards(config.reward());
        if (config.whitenRewards()) reward = whiten(reward);
        double tTeacher = seconds(t);

        // 3. Old log-probs and values, and the reference's log-probs, without gradients.
        t = System.nanoTime();
        var batch = RolloutBatch.of(promptIds, samples.tokens(), tokenizer.pad());
        float[][] oldLogp = new float[B][], refLogp = new float[B][], oldValues = new float[B][];
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int from = 0; from < B; from += config.miniBatch()) {
                int to = Math.min(B, from + config.miniBatch());
                try (var m = NDManager.newBaseManager()) {
                    var in = batch.inputs(m, from, to);
                    var tg = batch.targets(m, from, to);
                    var out = policy.logProbsAndHidden(in, tg);
                    batch.scatter(out.get(0).toFloatArray(), from, to, oldLogp);
                    batch.scatter(valueHead.values(out.get(1)).toFloatArray(), from, to, oldValues);
                    batch.scatter(reference.logProbsAndHidden(in, tg).get(0).toFloatArray(), from, to, refLogp);
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }

        // 4. Per-token rewards: −β·KL everywhere, the teacher's reward on the last token; then GAE.
        double beta = kl.beta();
        float[][] rewards = new float[B][], advantages = new float[B][], returns = new float[B][];
        double klSum = 0;
        for (int i = 0; i < B; i++) {
            int n = oldLogp[i].length;
            rewards[i] = new float[n];
            double storyKl = 0;
            for (int j = 0; j < n; j++) {
                double k = config.klEstimator().of(oldLogp[i][j], refLogp[i][j]);
                storyKl += k;
                rewards[i][j] = (float) (-beta * k);
            }
            rewards[i][n - 1] += (float) reward[i];
            klSum += storyKl;
            var gae = Gae.of(rewards[i], oldValues[i], config.gamma(), config.lambda());
            advantages[i] = gae.advantages();
            returns[i] = gae.returns();
        }
        double meanKl = klSum / B;
        if (config.whitenAdvantages()) advantages = Whiten.of(advantages, false);
        double tForward = seconds(t);

        // 5. Clipped PPO updates, a few epochs over shuffled minibatches.
        t = System.nanoTime();
        var rng = new Random(seed);
        double pl = 0, vl = 0, cf = 0, vcf = 0, akl = 0;
        int updates = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            int[] order = permutation(B, rng);
            for (int from = 0; from < B; from += config.miniBatch()) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(B, from + config.miniBatch()));
                try (var m = NDManager.newBaseManager()) {
                    var mb = batch.select(m, rows, oldLogp, oldValues, advantages, returns);
                    var holder = new PpoLoss[1];
                    Backprop.lossAndGradients(() -> {
                        var out = policy.logProbsAndHidden(mb.inputs(), mb.targets());
                        holder[0] = PpoLoss.of(out.get(0), mb.oldLogp(), valueHead.values(out.get(1)), mb.oldValues(),
                                mb.advantages(), mb.returns(), mb.mask(), config.clipRange(), config.clipRangeValue(), config.vfCoef());
                        return holder[0].total();
                    }, 1.0);
                    optimizer.step(config.lr());
                    var l = holder[0];
                    pl += l.policy();
                    vl += l.value();
                    cf += l.clipFraction();
                    vcf += l.valueClipFraction();
                    akl += l.approxKl();
                    updates++;
                }
            }
        }
        double tOptimize = seconds(t);

        // 6. β follows the KL; the step's numbers are recorded.
        kl.update(meanKl, B);
        for (int i = 0; i < B; i++) words = words.plus(prompts[i], texts.get(i), config.teacherAnswerWords());
        step++;
        return summarize(scores, reward, texts, samples, oldValues, returns, meanKl, beta,
                pl / updates, vl / updates, akl / updates, cf / updates, vcf / updates,
                tGenerate, tTeacher, tForward, tOptimize);
    }

    private PpoStep summarize(ScoreBatch scores, double[] reward, List<String> texts, Samples samples, float[][] values,
                              float[][] returns, double meanKl, double beta, double pl, double vl, double akl, double cf,
                              double vcf, double tGen, double tTeach, double tFwd, double tOpt) {
        int B = texts.size();
        double[] sums = new double[B], lengths = new double[B], tokens = new double[B];
        double entropy = 0;
        int best = 0, worst = 0;
        for (int i = 0; i < B; i++) {
            sums[i] = scores.get(i).sum();
            lengths[i] = storylab.data.Words.count(texts.get(i));
            tokens[i] = samples.tokens()[i].length;
            for (float e : samples.entropies()[i]) entropy += e;
            if (sums[i] > sums[best]) best = i;
            if (sums[i] < sums[worst]) worst = i;
        }
        // Explained variance of the value estimates against their targets, over all response tokens.
        double n = 0, rMean = 0, vMean = 0;
        for (int i = 0; i < B; i++) for (int j = 0; j < returns[i].length; j++) { rMean += returns[i][j]; vMean += values[i][j]; n++; }
        rMean /= n;
        vMean /= n;
        double varR = 0, varErr = 0, errMean = rMean - vMean;
        for (int i = 0; i < B; i++)
            for (int j = 0; j < returns[i].length; j++) {
                varR += Math.pow(returns[i][j] - rMean, 2);
                varErr += Math.pow(returns[i][j] - values[i][j] - errMean, 2);
            }
        double explained = varR == 0 ? Double.NaN : 1 - varErr / varR;
        var c = storylab.teacher.Criterion.values();
        return new PpoStep(step, words.stories(), words.paper(), words.studentWords(),
                mean(sums), std(sums), scores.mean(c[0]), scores.mean(c[1]), scores.mean(c[2]),
                mean(reward), std(reward), meanKl, beta, entropy / Math.max(1, sum(tokens)),
                pl, vl, akl, cf, vcf, explained, vMean, rMean, mean(lengths), mean(tokens), scores.fallbacks(),
                tGen, tTeach, tFwd, tOpt, texts.get(best), sums[best], texts.get(worst), sums[worst]);
    }

    /** The story text: decoded up to (not including) the end-of-text token. */
    private String responseText(int[] tokens) {
        int n = 0;
        while (n < tokens.length && tokens[n] != tokenizer.eot()) n++;
        return tokenizer.decode(java.util.Arrays.copyOf(tokens, n)).strip();
    }

    private static int[] permutation(int n, Random rng) {
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

    private static double[] whiten(double[] x) {
        float[][] rows = {new float[x.length]};
        for (int i = 0; i < x.length; i++) rows[0][i] = (float) x[i];
        float[] w = Whiten.of(rows, true)[0];
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = w[i];
        return out;
    }

    static double mean(double[] x) {
        return x.length == 0 ? Double.NaN : sum(x) / x.length;
    }

    static double std(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return x.length < 2 ? 0 : Math.sqrt(s / (x.length - 1));
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
