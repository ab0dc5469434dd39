package storylab.curriculum;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import storylab.data.Pair;
import storylab.data.Words;
import storylab.data.world.StoryWorld;
import storylab.display.Display;
import storylab.display.LiveDisplay;
import storylab.model.EncoderDecoder;
import storylab.text.Tokenizer;
import storylab.text.Tokenizers;
import storylab.train.AdamW;
import storylab.train.Checkpoint;

/**
 * Paper B's curriculum, one phase per notebook cell:
 * <pre>{@code
 * var cur = Curriculum.of(model, tokenizer, StoryWorld.seed(42))
 *         .phases(Phase.pretrain(200_000), Phase.weak(300), Phase.strong(300)).into(runs("curriculum"));
 * var report = cur.next();   // phase 1: loss per component per step, held-out metrics, a chart
 * cur.run();                 // the remaining phases
 * }</pre>
 * Or on your own pairs, a JSON Lines file with a {@code "level"} per line ({@link PairFile}):
 * {@code Curriculum.of(model, tokenizer, PairSource.jsonl(Path.of("pairs.jsonl")))}; a level a phase needs and the
 * file lacks fails when the phases are set, before anything trains.
 * Each step trains on a mixed batch (examples of every component with λ > 0, L = Σ λ·L_component), the
 * phases run in the order given (reverse curricula, any λ, any instruction level), one AdamW carries across
 * phases. With a run folder, every phase ends with a checkpoint and an interrupt (checked at every step
 * boundary) stops with one; {@link #resume} continues exactly where it stopped.
 */
public final class Curriculum implements AutoCloseable {

    private final EncoderDecoder model;
    private final Tokenizer tokenizer;
    private final PairSource source;
    private final StoryPairs pairs;
    private CurriculumSettings settings = CurriculumSettings.defaults();
    private List<Phase> phases = List.of();
    private Path into;
    private boolean display = true;
    private Consumer<StepRow> onStep = r -> {};
    private CurriculumCheckpoint.State state = CurriculumCheckpoint.State.start();
    private AdamW optimizer;
    private final List<PhaseReport> reports = new ArrayList<>();

    private Curriculum(EncoderDecoder model, Tokenizer tokenizer, PairSource source) {
        if (tokenizer.vocabSize() > model.config().vocab())
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize() + " tokens but the model only " + model.config().vocab());
        this.model = model;
        this.tokenizer = tokenizer;
        this.source = source;
        this.pairs = new StoryPairs(source, tokenizer, model.config().context() - 1); // room for the end-of-text
    }

    /** A curriculum for this model on pairs from this (training) world; held-out stories from world {@code testSeed} (7). */
    public static Curriculum of(EncoderDecoder model, Tokenizer tokenizer, StoryWorld world) {
        return new Curriculum(model, tokenizer, PairSource.world(world, StoryWorld.seed(CurriculumSettings.defaults().testSeed())));
    }

    /** A curriculum on these pairs: training pairs of each phase's levels, evaluation on the held-out ones. */
    public static Curriculum of(EncoderDecoder model, Tokenizer tokenizer, PairSource pairs) {
        return new Curriculum(model, tokenizer, pairs);
    }

    /**
     * Continues from a checkpoint folder, or the latest checkpoint of a run folder: model, tokenizer, optimizer,
     * phases, settings, data position and the loss rows so far come from it; the world is rebuilt from its seed (a
     * {@link PairFile} is read again from its path).
     */
    public static Curriculum resume(Path dir) throws IOException {
        Path ckpt = Checkpoint.locate(dir);
        var config = CurriculumCheckpoint.readConfig(ckpt);
        var state = CurriculumCheckpoint.readState(ckpt);
        var tokenizer = Tokenizers.load(Checkpoint.require(ckpt, "tokenizer.json"));
        var model = EncoderDecoder.load(config.model(), config.pad(), Checkpoint.require(ckpt, "params.bin"));
        if (config.pairs() == null && config.worldSeed() < 0)
            throw new IOException(ckpt + " was trained on a custom PairSource, which a checkpoint cannot rebuild: load params.bin into Curriculum.of(model, tokenizer, source)");
        var source = config.pairs() != null ? PairFile.of(config.pairs())
                : PairSource.world(StoryWorld.seed(config.worldSeed()), StoryWorld.seed(config.settings().testSeed()));
        var c = new Curriculum(model, tokenizer, source);
        c.settings = config.settings();
        c.phases = List.copyOf(config.phases());
        c.state = state;
        c.optimizer = new AdamW(model.parameters(), config.settings().optimizer());
        c.optimizer.load(ckpt, state.optimizerSteps());
        c.into = ckpt.getParent();
        return c;
    }

    // ---------------------------------------------------------------- settings

    public Curriculum phases(Phase... p) { return phases(List.of(p)); }
    public Curriculum phases(List<Phase> p) {
        if (state.step() > 0) throw new IllegalStateException("the curriculum has started; phases are fixed");
        for (var phase : p) for (int level : phase.lambdas().active()) source.requireTraining(level); // fail before training, not midway
        phases = List.copyOf(p);
        return this;
    }
    public Curriculum settings(CurriculumSettings s) { settings = s; return this; }
    public Curriculum batch(int examplesPerComponent) { settings = settings.withBatch(examplesPerComponent); return this; }
    public Curriculum lr(double peak) { settings = settings.withLr(peak); return this; }
    public Curriculum warmup(double fraction) { settings = settings.withWarmup(fraction); return this; }
    /** Held-out stories scored at the end of each phase (0 = none: faster). */
    public Curriculum evalStories(int n) { settings = settings.withEvalStories(n); return this; }
    public Curriculum testSeed(long seed) { settings = settings.withTestSeed(seed); return this; }
    public Curriculum into(Path runDir) { into = runDir; return this; }
    public Curriculum display(boolean on) { display = on; return this; }
    /** Called after every step (how tests and notebooks watch a run). */
    public Curriculum onStep(Consumer<StepRow> hook) { onStep = hook; return this; }

    public EncoderDecoder model() { return model; }
    public Tokenizer tokenizer() { return tokenizer; }
    public CurriculumSettings settings() { return settings; }
    public List<Phase> phases() { return phases; }
    public List<PhaseReport> reports() { return List.copyOf(reports); }
    /** Where the training and held-out pairs come from. */
    public PairSource source() { return source; }
    /** Every step so far, over all phases (also those before a resume). */
    public List<StepRow> rows() { return state.rows(); }

    public boolean hasNext() {
        return state.phase() < phases.size();
    }

    /**
     * The evaluation this curriculum uses: its model on the held-out pairs (world {@code testSeed} for a world), at the
     * instruction levels its phases train (weak and strong when they train none).
     */
    public Evaluation evaluation() {
        var heldOut = source instanceof PairSource.WorldPairs w ? PairSource.world(w.train(), StoryWorld.seed(settings.testSeed())) : source;
        return Evaluation.of(model, tokenizer).pairs(heldOut).stories(Math.max(1, settings.evalStories())).levels(evaluatedLevels());
    }

    private List<Integer> evaluatedLevels() {
        var levels = phases.stream().flatMap(p -> p.lambdas().active().stream()).filter(l -> l > 0).distinct().sorted().toList();
        return levels.isEmpty() ? List.of(1, 4) : levels;
    }

    /** Runs every remaining phase; returns their reports. Stops early (keeping the checkpoint) on interrupt. */
    public List<PhaseReport> run() {
        var out = new ArrayList<PhaseReport>();
        while (hasNext()) {
            var r = next();
            out.add(r);
            if (r.interrupted()) break;
        }
        return out;
    }

    // ---------------------------------------------------------------- one phase

    /** Runs the next phase (or the rest of an interrupted one) and returns its report. */
    public PhaseReport next() {
        if (!hasNext()) throw new NoSuchElementException("all " + phases.size() + " phases are done");
        if (optimizer == null) optimizer = new AdamW(model.parameters(), settings.optimizer());
        int index = state.phase();
        var phase = phases.get(index);
        for (int level : phase.lambdas().active()) source.requireTraining(level);
        if (settings.evalStories() > 0) for (int level : evaluatedLevels()) source.requireHeldOut(level);
        if (into != null && state.step() == 0) writeRunRecord();
        long started = System.nanoTime();
        var rows = new ArrayList<>(state.rows());
        int firstRow = (int) rows.stream().filter(r -> r.phase() < index).count();
        LiveDisplay live = display ? Display.live(1000) : null;
        long phaseStep = state.phaseStep(), step = state.step(), nextStory = state.nextStory();
        double phaseWords = state.phaseWords(), words = state.words();
        boolean interrupted = false;
        try (var base = NDManager.newBaseManager()) {
            while (!phase.done(phaseStep, phaseWords)) {
                if (Thread.currentThread().isInterrupted()) { interrupted = true; break; }
                double lr = settings.lrAt(phase.progress(phaseStep, phaseWords));
                var batches = new LinkedHashMap<Integer, List<Pair>>();
                double stepWords = 0;
                for (int level : phase.lambdas().active()) {
                    var list = new ArrayList<Pair>();
                    for (int i = 0; i < settings.batch(); i++) {
                        var p = pairs.pair(nextStory++, level);
                        stepWords += Words.count(p.story());
                        list.add(p);
                    }
                    batches.put(level, list);
                }
                var losses = MixedStep.apply(model, tokenizer, optimizer, batches, phase.lambdas(), lr, base);
                phaseStep++;
                step++;
                phaseWords += stepWords;
                words += stepWords;
                var row = new StepRow(index, phase.name(), step, phaseStep, words, boxed(losses.perLevel()), losses.total(), lr, losses.gradNorm());
                rows.add(row);
                onStep.accept(row);
                if (live != null) // rendered only when the display is due
                    live.offer(() -> report(index, phase, rows.subList(firstRow, rows.size()), null, false, false, System.nanoTime() - started, null));
            }
            if (interrupted) Thread.interrupted(); // clear while saving: file channels refuse an interrupted thread
            boolean finished = !interrupted;
            state = new CurriculumCheckpoint.State(finished ? index + 1 : index, finished ? 0 : phaseStep, finished ? 0 : phaseWords,
                    step, words, nextStory, optimizer.steps(), interrupted, List.copyOf(rows));
            Path checkpoint = into == null ? null : save(index, phase, interrupted);
            var validation = finished && settings.evalStories() > 0 ? evaluation().run() : null;
            var report = report(index, phase, rows.subList(firstRow, rows.size()), validation, finished, interrupted, System.nanoTime() - started, checkpoint);
            if (into != null) writeResults(report);
            if (live != null) live.finish(report);
            reports.add(report);
            return report;
        } finally {
            if (interrupted) Thread.currentThread().interrupt(); // the caller still sees the interrupt
        }
    }

    private PhaseReport report(int index, Phase phase, List<StepRow> rows, Evaluation.Result validation, boolean finished,
                               boolean interrupted, long nanos, Path checkpoint) {
        return new PhaseReport(index + 1, phase, List.copyOf(rows), validation, finished, interrupted, Duration.ofNanos(nanos), checkpoint);
    }

    private static List<Double> boxed(double[] a) {
        var out = new ArrayList<Double>(a.length);
        for (double v : a) out.add(v);
        return out;
    }

    private CurriculumCheckpoint.Config config() {
        long worldSeed = source instanceof PairSource.WorldPairs w ? w.train().seed() : -1;
        var file = source instanceof PairFile f ? f.spec() : null;
        return new CurriculumCheckpoint.Config(CurriculumCheckpoint.FORMAT, model.config(), tokenizer.pad(), worldSeed, settings, phases, file);
    }

    private Path save(int index, Phase phase, boolean interrupted) {
        String name = String.format("phase-%d-%s", index + 1, phase.name()) + (interrupted ? String.format("-step-%06d", state.step()) : "");
        try {
            return CurriculumCheckpoint.write(into, name, config(), model, tokenizer, optimizer, state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + into.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** curriculum.json in the run folder: what was run, so the results can be traced to their settings. */
    private void writeRunRecord() {
        try {
            Files.createDirectories(into);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("config", config());
            record.put("tokenizer", tokenizer.toString());
            record.put("started", java.time.Instant.now().toString());
            CurriculumCheckpoint.JSON.writeValue(into.resolve("curriculum.json").toFile(), record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record in " + into + ": " + e.getMessage(), e);
        }
    }

    /** The phase's loss rows and held-out metrics as CSV next to its checkpoint. */
    private void writeResults(PhaseReport report) {
        String stem = String.format("phase-%d-%s", report.index(), report.phase().name());
        try {
            report.table().write().csv(into.resolve(stem + "-losses.csv").toString());
            if (report.validation() != null) report.validation().table().write().csv(into.resolve(stem + "-heldout.csv").toString());
        } catch (RuntimeException e) {
            System.err.println("could not write results of " + stem + " in " + into + ": " + e.getMessage());
        }
    }

    /** Closes the optimizer (the model belongs to the caller). */
    @Override
    public void close() {
        if (optimizer != null) optimizer.close();
        optimizer = null;
    }

    @Override
    public String toString() {
        return "Curriculum(" + phases.size() + " phases, at phase " + (state.phase() + 1) + ", step " + state.step() + ", " + settings + ")";
    }
}
