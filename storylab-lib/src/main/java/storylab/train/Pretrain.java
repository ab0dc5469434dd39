package storylab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import storylab.data.Corpus;
import storylab.display.Display;
import storylab.display.LiveDisplay;
import storylab.display.Progress;
import storylab.model.Gpt;
import storylab.text.Tokenizer;

/**
 * Pretraining as one fluent sentence:
 * <pre>{@code
 * var report = Pretrain.of(model, tokenizer, corpus).words(2_000_000)
 *         .checkpointsAt(Milestones.paperA(0.01)).into(Path.of("runs/tiny")).run();
 * }</pre>
 * AdamW (decay on matrices), warmup then linear or cosine decay over the word budget, global gradient
 * clipping, gradient accumulation, validation every N steps, checkpoints at word milestones. Resuming a
 * checkpoint ({@link #resume}) continues the exact same trajectory. An interrupt of the training thread
 * stops at the next step boundary, keeps the weights and writes a checkpoint when a folder is set.
 */
public final class Pretrain {

    private final Gpt model;
    private final Tokenizer tokenizer;
    private final Corpus corpus;
    private Corpus validation;
    private TrainConfig config;
    private Path into;
    private boolean display = true;
    private double peakFlops = Double.NaN;
    private Consumer<Point> onStep = p -> {};
    private Checkpoint.State resumed;
    private Path resumedFrom;
    private AdamW resumedOptimizer;

    private Pretrain(Gpt model, Tokenizer tokenizer, Corpus corpus, TrainConfig config) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.corpus = corpus;
        this.config = config.withCorpus(corpus.name());
    }

    public static Pretrain of(Gpt model, Tokenizer tokenizer, Corpus corpus) {
        if (tokenizer.vocabSize() > model.config().vocab())
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize() + " tokens but the model only " + model.config().vocab());
        return new Pretrain(model, tokenizer, corpus, TrainConfig.defaults());
    }

    /**
     * Continues from a checkpoint folder (or the latest checkpoint in a run folder) on the same corpus: model,
     * tokenizer, optimizer, schedule position and data position all come from the checkpoint.
     */
    public static Pretrain resume(Path dir, Corpus corpus) throws IOException {
        Path ckpt = Checkpoint.locate(dir);
        var cfg = Checkpoint.readConfig(ckpt);
        var state = Checkpoint.readState(ckpt);
        var tokenizer = Checkpoint.readTokenizer(ckpt);
        var model = Gpt.load(cfg.model(), Checkpoint.require(ckpt, "params.bin"));
        var p = new Pretrain(model, tokenizer, corpus, cfg.training());
        p.resumed = state;
        p.resumedFrom = ckpt;
        p.resumedOptimizer = new AdamW(model.parameters(), cfg.training().optimizer());
        try {
            p.resumedOptimizer.load(ckpt, state.step());
        } catch (IOException | RuntimeException e) {
            p.resumedOptimizer.close();
            model.close();
            throw e;
        }
        p.into = ckpt.getParent();
        return p;
    }

    // ---------------------------------------------------------------- settings

    public Pretrain words(long budget) { config = config.withWords(budget); return this; }
    public Pretrain batch(int windows) { config = config.withBatch(windows); return this; }
    public Pretrain accumulate(int microBatches) { config = config.withAccumulate(microBatches); return this; }
    public Pretrain schedule(Schedule s) { config = config.withSchedule(s); return this; }
    public Pretrain lr(double peak) { config = config.withSchedule(config.schedule().withPeak(peak)); return this; }
    public Pretrain warmup(double fraction) { config = config.withSchedule(config.schedule().withWarmup(fraction)); return this; }
    public Pretrain cosine() { config = config.withSchedule(config.schedule().withDecay(Schedule.Decay.COSINE)); return this; }
    public Pretrain linear() { config = config.withSchedule(config.schedule().withDecay(Schedule.Decay.LINEAR)); return this; }
    public Pretrain optimizer(AdamW.Settings s) { config = config.withOptimizer(s); return this; }
    public Pretrain weightDecay(double wd) { config = config.withOptimizer(config.optimizer().withWeightDecay(wd)); return this; }
    public Pretrain clipNorm(double c) { config = config.withOptimizer(config.optimizer().withClipNorm(c)); return this; }
    public Pretrain seed(long seed) { config = config.withSeed(seed); return this; }
    public Pretrain evalEvery(int steps) { config = config.withEvalEvery(steps); return this; }
    public Pretrain validationWindows(int n) { config = config.withValidationWindows(n); return this; }
    public Pretrain shuffleChunk(int windows) { config = config.withShuffleChunk(windows); return this; }
    public Pretrain checkpointsAt(Milestones m) { config = config.withMilestones(m); return this; }
    /** Stops after this many optimizer steps (0 = until the word budget); does not change the schedule. */
    public Pretrain maxSteps(long n) { config = config.withMaxSteps(n); return this; }
    public Pretrain config(TrainConfig c) { config = c.withCorpus(corpus.name()); return this; }
    /** A held-out corpus; without one, the first documents of the training corpus are held out. */
    public Pretrain validation(Corpus heldOut) { validation = heldOut; return this; }
    public Pretrain into(Path runDir) { into = runDir; return this; }
    public Pretrain display(boolean on) { display = on; return this; }
    public Pretrain peakFlops(double flops) { peakFlops = flops; return this; }
    /** Called on the training thread after every step (a notebook hook, and how tests watch a run). */
    public Pretrain onStep(Consumer<Point> hook) { onStep = hook; return this; }

    public Gpt model() { return model; }
    public Tokenizer tokenizer() { return tokenizer; }
    public TrainConfig config() { return config; }

    // ---------------------------------------------------------------- the loop

    public TrainingReport run() {
        int T = model.config().context(), B = config.batch();
        var held = heldOut(T);
        var curve = new ArrayList<Point>(resumed == null ? List.of() : resumed.metrics());
        var checkpoints = new ArrayList<Path>();
        if (resumedFrom != null) checkpoints.add(resumedFrom);
        long step = resumed == null ? 0 : resumed.step(), tokens = resumed == null ? 0 : resumed.tokens();
        double words = resumed == null ? 0 : resumed.words();
        var data = new Windows(corpus, tokenizer, T, config.shuffleChunk(), config.seed(), held.documents(),
                resumed == null ? DataState.start() : resumed.data());
        double peak = Double.isNaN(peakFlops) ? MatmulPeak.cached() : peakFlops;
        LiveDisplay live = display ? Display.live(2000) : null;
        long started = System.nanoTime(), lastProgress = 0;
        double trainSeconds = 0;
        long trainTokens = 0;
        boolean interrupted = false;

        long savedAt = step;
        var optimizer = resumedOptimizer != null ? resumedOptimizer : new AdamW(model.parameters(), config.optimizer());
        resumedOptimizer = null; // a second run() of the same Pretrain starts a fresh optimizer
        try (var opt = optimizer; NDManager base = NDManager.newBaseManager()) {
            if (into != null) writeRunRecord();
            while (words < config.words() && (config.maxSteps() <= 0 || step < config.maxSteps())) {
                if (Thread.currentThread().isInterrupted()) { interrupted = true; break; }
                long t0 = System.nanoTime();
                double lr = config.schedule().at(words / config.words()), loss = 0, stepWords = 0;
                for (int micro = 0; micro < config.accumulate(); micro++) {
                    long[] in = new long[B * T], tg = new long[B * T];
                    for (int b = 0; b < B; b++) {
                        var w = data.next();
                        stepWords += w.words();
                        for (int t = 0; t < T; t++) { in[b * T + t] = w.tokens()[t]; tg[b * T + t] = w.tokens()[t + 1]; }
                    }
                    try (var s = base.newSubManager()) {
                        loss += Backprop.lossAndGradients(model, s.create(in, new Shape(B, T)), s.create(tg, new Shape(B, T)), 1.0 / config.accumulate())
                                / config.accumulate();
                    }
                }
                double gradNorm = opt.step(lr);
                double dt = (System.nanoTime() - t0) / 1e9;
                long stepTokens = (long) B * T * config.accumulate();
                trainSeconds += dt;
                trainTokens += stepTokens;
                double before = words;
                words += stepWords;
                tokens += stepTokens;
                step++;
                double valLoss = Double.NaN;
                boolean last = words >= config.words() || (config.maxSteps() > 0 && step >= config.maxSteps());
                if (config.evalEvery() > 0 && (step % config.evalEvery() == 0 || last)) valLoss = evaluate(held.windows(), base);
                var point = new Point(step, words, tokens, loss, valLoss, Math.exp(valLoss), lr, stepTokens / dt, gradNorm);
                curve.add(point);
                var crossed = config.milestones().crossed(before, words);
                if (into != null && !crossed.isEmpty()) {
                    checkpoints.add(save(String.format("words-%011d", crossed.get(crossed.size() - 1)), opt, step, words, tokens, data, false, curve));
                    savedAt = step;
                }
                onStep.accept(point);
                if (live != null) {
                    double tps = trainTokens / trainSeconds;
                    var elapsed = Duration.ofNanos(System.nanoTime() - started);
                    long s0 = step;
                    double w0 = words;
                    live.offer(() -> report(curve, w0, s0, elapsed, tps, tps * model.config().flopsPerToken() / peak, false, false, checkpoints));
                    if (System.nanoTime() - lastProgress > 250_000_000L || last) {
                        lastProgress = System.nanoTime();
                        Display.progress(new Progress("pretrain", Math.min(Math.round(words), config.words()), config.words(), "words", elapsed,
                                String.format("loss %.3f  %,.0f tok/s", loss, tps)));
                    }
                }
            }
            if (interrupted) Thread.interrupted(); // clear while saving: file channels refuse to work for an interrupted thread
            if (into != null && step > savedAt)
                checkpoints.add(save(String.format("words-%011d", Math.round(words)), opt, step, words, tokens, data, interrupted, curve));
        } finally {
            if (interrupted) Thread.currentThread().interrupt(); // the caller still sees the interrupt
        }
        double tps = trainSeconds > 0 ? trainTokens / trainSeconds : 0;
        var report = report(curve, words, step, Duration.ofNanos(System.nanoTime() - started), tps, tps * model.config().flopsPerToken() / peak,
                !interrupted, interrupted, checkpoints);
        if (live != null) live.finish(report);
        if (into != null) {
            try {
                report.table().write().csv(into.resolve("curve.csv").toString());
            } catch (RuntimeException e) { // the curve is also in every checkpoint's state.json
                System.err.println("could not write " + into.resolve("curve.csv") + ": " + e.getMessage());
            }
        }
        return report;
    }

    /** run.json next to the checkpoints: what was run, so a figure can be traced back to its settings. */
    private void writeRunRecord() {
        try {
            java.nio.file.Files.createDirectories(into);
            var record = new java.util.LinkedHashMap<String, Object>();
            record.put("model", model.config());
            record.put("training", config);
            record.put("tokenizer", tokenizer.toString());
            record.put("resumedFrom", resumedFrom == null ? null : resumedFrom.toString());
            record.put("started", java.time.Instant.now().toString());
            Checkpoint.JSON.writeValue(into.resolve(resumedFrom == null ? "run.json" : "run-resumed-" + resumed.step() + ".json").toFile(), record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record in " + into + ": " + e.getMessage(), e);
        }
    }

    private TrainingReport report(List<Point> curve, double words, long step, Duration elapsed, double tps, double mfu,
                                  boolean finished, boolean interrupted, List<Path> checkpoints) {
        return new TrainingReport(model.config(), config, List.copyOf(curve), words, step, elapsed, tps, mfu, finished, interrupted, List.copyOf(checkpoints));
    }

    private Path save(String name, AdamW opt, long step, double words, long tokens, Windows data, boolean interrupted, List<Point> curve) {
        try {
            var state = new Checkpoint.State(step, words, tokens, data.state(), interrupted, List.copyOf(curve));
            return Checkpoint.write(into, name, model, tokenizer, opt, config, state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + into.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** Mean loss over the held-out windows, without gradients. */
    private double evaluate(List<int[]> windows, NDManager base) {
        int T = model.config().context(), B = config.batch();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < windows.size(); i += B) {
            int rows = Math.min(B, windows.size() - i);
            long[] in = new long[rows * T], tg = new long[rows * T];
            for (int b = 0; b < rows; b++) {
                int[] w = windows.get(i + b);
                for (int t = 0; t < T; t++) { in[b * T + t] = w[t]; tg[b * T + t] = w[t + 1]; }
            }
            try (var s = base.newSubManager()) {
                sum += Backprop.loss(model, s.create(in, new Shape(rows, T)), s.create(tg, new Shape(rows, T))) * rows;
                n += rows;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    record HeldOut(List<int[]> windows, long documents) {}

    /** The validation windows and how many head documents of the training corpus they took (0 with a separate corpus). */
    private HeldOut heldOut(int T) {
        int want = config.validationWindows();
        var windows = new ArrayList<int[]>();
        if (want <= 0) return new HeldOut(windows, 0);
        var source = validation != null ? validation : corpus;
        long docs = 0;
        var buffer = new ArrayList<Integer>();
        try (var stream = source.stream()) {
            var it = stream.iterator();
            while (windows.size() < want && it.hasNext()) {
                for (int id : tokenizer.encode(it.next().text())) buffer.add(id);
                buffer.add(tokenizer.eot());
                docs++;
                while (buffer.size() >= T + 1 && windows.size() < want) {
                    windows.add(buffer.subList(0, T + 1).stream().mapToInt(Integer::intValue).toArray());
                    buffer.subList(0, T).clear();
                }
            }
        }
        return new HeldOut(windows, validation != null ? 0 : docs);
    }
}
